"""The evidence graph: actors, documents, events and claims, and every edge's passages.

Nodes are ``entity:ID``, ``document:ID``, ``event:ID`` and ``claim:ID``. Edges:

* ``contains`` (document to event or claim), ``source`` and ``target`` (event to actor),
  ``says`` (actor to claim) and ``about`` (claim to event): the structure;
* ``relation`` (actor to actor): events between two actors, one edge per quad class and
  year, with the events, their passages and how sure they are;
* ``co_occurrence`` and ``correspondence``: weaker links, labelled as such: two actors named
  in the same document, and e-mail sent from one to the other.

Every edge carries ``evidence``: a list of (doc_id, page, start, end, text) passages.
``graph_items`` reads the nodes and edges from the case one at a time, for the exports of
any size; ``build_graph`` gathers them into a networkx graph. Communities of actors come
from networkx's Louvain method over relations and correspondence.

Reads: the case's events, claims, mentions and entities.
Writes: nothing; the graph is built on demand (``export`` writes it out).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Mapping
from itertools import combinations
from typing import Any, NamedTuple, TypeVar

import networkx as nx

from ..case.store import Case
from ..listings import EventListing, Passage
from ..records import actor_list, standing
from .provenance import Provenance, act_date, document_provenance

MAX_EDGE_EVIDENCE = 20  # passages kept on a weak edge; relations keep every event's
PASSAGE_BATCH = 2000  # passages of relations and co-occurrences looked up per query
# places are where acts happen, not who does them: they are no nodes of the actor graph
ACTOR_TYPES = ("person", "organization")
# every attribute a node or an edge may carry, with its type (a file format declares them first)
NODE_ATTRIBUTES: dict[str, type] = {
    "kind": str,
    "name": str,
    "type": str,
    "quad": str,
    "date": str,
    "negated": bool,
    "hypothetical": bool,
    "hedged": bool,
}
EDGE_ATTRIBUTES: dict[str, type] = {
    "kind": str,
    "quad": str,
    "year": str,
    "count": int,
    "confidence": float,
    "events": list,
    "evidence": list,
    "weak": bool,
    "documents": int,
    "messages": int,
}

RelationKey = tuple[str, str, str, str]  # source node, target node, quad class, year
K = TypeVar("K")  # what a group of passages belongs to: a relation, a pair of actors
R = TypeVar("R", bound=Hashable)  # a reference to a passage: an event id, a mention id


class Node(NamedTuple):
    """A node of the evidence graph and its attributes."""

    id: str
    data: dict[str, Any]


class Edge(NamedTuple):
    """An edge of the evidence graph: its ends, its key among parallel edges, its attributes."""

    source: str
    target: str
    key: int | str
    data: dict[str, Any]


def build_graph(case: Case) -> nx.MultiDiGraph[str]:
    """The case as one graph, every edge sourced."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    nodes, edges = graph_items(case)
    for node in nodes:
        graph.add_node(node.id, **node.data)
    for edge in edges:
        graph.add_edge(edge.source, edge.target, key=edge.key, **edge.data)
    return graph


def graph_items(case: Case) -> tuple[Iterator[Node], Iterator[Edge]]:
    """The graph's nodes and its edges, each read from the case as it is taken; nodes first."""
    actors = {e["id"]: e for e in case.entities.select() if e["type"] in ACTOR_TYPES}
    return _nodes(case, actors), _edges(case, actors)


def _nodes(case: Case, actors: Mapping[str, Mapping[str, Any]]) -> Iterator[Node]:
    for actor in actors.values():
        data = {"kind": "actor", "name": actor["name"], "type": actor["type"]}
        yield Node(f"entity:{actor['id']}", data)
    for doc in case.documents.each_label():
        yield Node(f"document:{doc['doc_id']}", {"kind": "document", "name": doc["title"] or ""})
    for event in case.events.each_label():
        data = {
            "kind": "event",
            "name": event["category"],
            "quad": event["quad"],
            "date": event["date"] or "",
            "negated": event["negated"],
            "hypothetical": event["hypothetical"],
        }
        yield Node(f"event:{event['id']}", data)
    for claim in case.claims.each_label():
        yield Node(
            f"claim:{claim['id']}",
            {"kind": "claim", "name": claim["kind"], "hedged": claim["hedged"]},
        )


def _edges(case: Case, actors: Mapping[str, Mapping[str, Any]]) -> Iterator[Edge]:
    # one string per actor node, shared by every edge and pair key that names it
    nodes = {entity_id: f"entity:{entity_id}" for entity_id in actors}
    yield from _event_and_relation_edges(case, nodes)
    yield from _claim_edges(case.claims.each(), nodes)
    yield from _co_occurrence_edges(case, nodes)
    yield from _correspondence_edges(case, nodes)


def _event_and_relation_edges(case: Case, nodes: dict[str, str]) -> Iterator[Edge]:
    """Each event's structural edges, then the relations between actors that they make."""
    provenance = document_provenance(case)
    relations, unsure = yield from _event_edges(standing(case.events.each()), nodes, provenance)
    for (a, b, quad, year), ids, passages in _with_passages(relations, case.events.passages):
        data = {
            "kind": "relation",
            "quad": quad,
            "year": year,
            "count": len(ids),
            "confidence": round(sum(i not in unsure for i in ids) / len(ids), 2),
            "events": ids,
            "evidence": passages,
        }
        yield Edge(a, b, f"relation:{quad}:{year}", data)


def _actor_nodes(value: Any, nodes: dict[str, str]) -> list[str]:
    """The nodes of the actors of an event's source or target that are in the graph."""
    return [node for a in actor_list(value) if (node := nodes.get(a.get("id", "")))]


def _event_edges(
    events: Iterable[Mapping[str, Any]], nodes: dict[str, str], provenance: dict[str, Provenance]
) -> Generator[Edge, None, tuple[dict[RelationKey, list[str]], set[str]]]:
    """Each event's structural edges; returns the relations' event ids and the unsure ids.

    A relation's year is its acts' (``provenance.act_date``): a report's publication date
    dates none, as on the time line and in the report."""
    relations: dict[RelationKey, list[str]] = defaultdict(list)
    unsure: set[str] = set()
    for event in events:
        node, passage = f"event:{event['id']}", event["evidence"]
        yield Edge(
            f"document:{passage['doc_id']}", node, 0, {"kind": "contains", "evidence": [passage]}
        )
        sources = _actor_nodes(event["source"], nodes)
        targets = _actor_nodes(event["target"], nodes)
        parallel: Counter[str] = Counter()  # an actor may be both source and target
        for role, found in (("source", sources), ("target", targets)):
            for actor in found:
                yield Edge(node, actor, parallel[actor], {"kind": role, "evidence": [passage]})
                parallel[actor] += 1
        if event["negated"]:
            continue  # an act said not to have happened relates no one
        if event["hypothetical"]:
            unsure.add(event["id"])
        if not targets and len(sources) > 1:
            sources, targets = sources[:1], sources[1:]
        year = (act_date(event, provenance) or "")[:4] or "undated"
        for a in sources:
            for b in targets:
                if a != b:
                    relations[(a, b, event["quad"], year)].append(event["id"])
    return relations, unsure


def _claim_edges(claims: Iterable[Mapping[str, Any]], nodes: dict[str, str]) -> Iterator[Edge]:
    for claim in claims:
        node, passage = f"claim:{claim['id']}", claim["evidence"]
        yield Edge(
            f"document:{passage['doc_id']}", node, 0, {"kind": "contains", "evidence": [passage]}
        )
        speaker = nodes.get((claim["speaker"] or {}).get("id", ""))
        if speaker:
            yield Edge(speaker, node, 0, {"kind": "says", "evidence": [passage]})
        for event_id in claim["events"]:
            yield Edge(node, f"event:{event_id}", 0, {"kind": "about", "evidence": [passage]})


def _co_occurrence_edges(case: Case, people: dict[str, str]) -> Iterator[Edge]:
    """People and organisations named in the same documents, with their first mentions there."""
    documents: Counter[tuple[str, str]] = Counter()
    # the first documents' mentions only: a pair of actors may share thousands of documents
    mentions: dict[tuple[str, str], list[int]] = defaultdict(list)
    for _, first in case.mentions.first_ids_by_document():
        named = sorted(entity_id for entity_id in first if entity_id in people)
        for a, b in combinations(named, 2):
            pair = (people[a], people[b])
            documents[pair] += 1
            if documents[pair] <= MAX_EDGE_EVIDENCE // 2:
                mentions[pair] += [first[a], first[b]]
    for (a, b), _, passages in _with_passages(mentions, case.mentions.passages):
        data = {
            "kind": "co_occurrence",
            "weak": True,
            "documents": documents[(a, b)],
            "evidence": passages,
        }
        yield Edge(a, b, "co_occurrence", data)


def _correspondence_edges(case: Case, nodes: dict[str, str]) -> Iterator[Edge]:
    """E-mail from one actor to another, with the header lines that say so."""
    letters: dict[tuple[str, str], dict[str, Any]] = {}
    for sender, recipient, line in correspondence(case):
        a, b = nodes.get(sender), nodes.get(recipient)
        if a and b and a != b:
            data = letters.setdefault(
                (a, b), {"kind": "correspondence", "weak": True, "messages": 0, "evidence": []}
            )
            data["messages"] += 1
            if len(data["evidence"]) < MAX_EDGE_EVIDENCE:
                data["evidence"].append(line)
    for (a, b), data in letters.items():
        yield Edge(a, b, "correspondence", data)


def correspondence(case: Case) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(sender, recipient, header line passage) for each e-mail's From and To/Cc people."""
    by_page: dict[int, list[tuple[str, str, dict[str, Any]]]] = {}
    for page_id, doc_id, page, start, entity_id, text in case.mentions.header_people():
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        field = text[line_start:start].split(":", 1)[0].strip().lower()
        line = {
            "doc_id": doc_id,
            "page": page,
            "start": line_start,
            "end": line_end,
            "text": text[line_start:line_end],
        }
        by_page.setdefault(page_id, []).append((field, entity_id, line))
    for found in by_page.values():
        senders = [(e, line) for field, e, line in found if field == "from"]
        for sender, line in senders[:1]:
            for field, recipient, _ in found:
                if field in ("to", "cc"):
                    yield sender, recipient, line


def _with_passages(
    groups: dict[K, list[R]], fetch: Callable[[list[R]], dict[R, Passage]]
) -> Iterator[tuple[K, list[R], list[Passage]]]:
    """Each group's key, references and the passages they point to, fetched a batch at a time."""
    batch: list[K] = []
    size = 0
    for key, refs in groups.items():
        batch.append(key)
        size += len(refs)
        if size >= PASSAGE_BATCH:
            yield from _fetched(groups, batch, fetch)
            batch, size = [], 0
    if batch:
        yield from _fetched(groups, batch, fetch)


def _fetched(
    groups: dict[K, list[R]], keys: list[K], fetch: Callable[[list[R]], dict[R, Passage]]
) -> Iterator[tuple[K, list[R], list[Passage]]]:
    passages = fetch([ref for key in keys for ref in groups[key]])
    for key in keys:
        yield key, groups[key], [passages[ref] for ref in groups[key]]


def communities(graph: nx.MultiDiGraph[str]) -> list[set[str]]:
    """Clusters of actors tied by relations and correspondence (Louvain), largest first."""
    actors: nx.Graph[str] = nx.Graph()
    for a, b, data in graph.edges(data=True):
        if data["kind"] in ("relation", "correspondence"):
            weight = data.get("count", data.get("messages", 1))
            previous = actors.get_edge_data(a, b, {"weight": 0})["weight"]
            actors.add_edge(a, b, weight=previous + weight)
    if actors.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(actors, weight="weight", seed=7)
    return sorted(found, key=len, reverse=True)


def actor_view(case: Case, actor_id: str) -> dict[str, Any]:
    """One actor's relations: who, how (by quad and year), how sure, with the passages."""
    graph = build_graph(case)
    node = f"entity:{actor_id}"
    name = graph.nodes[node]["name"] if node in graph else actor_id
    relations, weak = [], []
    for a, b, data in list(graph.out_edges(node, data=True)) + list(
        graph.in_edges(node, data=True)
    ):
        if data["kind"] not in ("relation", "co_occurrence", "correspondence"):
            continue
        other = b if a == node else a
        entry = {
            "other": {"id": other.split(":", 1)[1], "name": graph.nodes[other]["name"]},
            "direction": "out" if a == node else "in",
            "kind": data["kind"],
            "evidence": data["evidence"],
        }
        if data["kind"] == "relation":
            entry.update(
                quad=data["quad"],
                year=data["year"],
                count=data["count"],
                confidence=data["confidence"],
                events=data["events"],
            )
            relations.append(entry)
        else:
            entry.update(documents=data.get("documents"), messages=data.get("messages"))
            weak.append(entry)
    relations.sort(key=lambda r: (-r["count"], r["other"]["name"], r["year"]))
    weak.sort(key=lambda r: -(r["documents"] or r["messages"] or 0))
    cluster = next((c for c in communities(graph) if node in c), set())
    return {
        "actor": {"id": actor_id, "name": name},
        "relations": relations,
        "weak_links": weak,
        "community": sorted(
            ({"id": n.split(":", 1)[1], "name": graph.nodes[n]["name"]} for n in cluster - {node}),
            key=lambda x: x["name"],
        ),
    }


def timeline(case: Case, actor_ids: list[str]) -> tuple[list[EventListing], int]:
    """Dated events in date order (none a person rejected); with actors, only those involving
    all of them. Also how many were left out because only a report's publication date
    dates them (``provenance.act_date``)."""
    provenance = document_provenance(case)
    rows, report_dated = [], 0
    for event in standing(case.events.select()):
        involved = {a.get("id") for a in actor_list(event["source"]) + actor_list(event["target"])}
        if not event["date"] or not all(actor in involved for actor in actor_ids):
            continue
        if act_date(event, provenance) is None:
            report_dated += 1
        else:
            rows.append(event)
    rows.sort(key=lambda e: (e["date"], e["evidence"]["doc_id"], e["trigger"]["start"]))
    return rows, report_dated
