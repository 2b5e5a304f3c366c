"""The evidence graph: actors, documents, events and claims, and every edge's passages.

Nodes are ``entity:ID``, ``document:ID``, ``event:ID`` and ``claim:ID``. Edges:

* ``contains`` (document to event or claim), ``source`` and ``target`` (event to actor),
  ``says`` (actor to claim) and ``about`` (claim to event): the structure;
* ``relation`` (actor to actor): events between two actors, one edge per quad class and
  year, with the events, their passages and how sure they are;
* ``co_occurrence`` and ``correspondence``: weaker links, labelled as such: two actors named
  in the same document, and e-mail sent from one to the other.

Every edge carries ``evidence``: a list of (doc_id, page, start, end, text) passages.
Communities of actors come from networkx's Louvain method over relations and
correspondence.

Reads: the case's events, claims, mentions and entities.
Writes: nothing; the graph is built on demand (``export`` writes it out).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from ..case.store import Case
from ..records import actor_list

MAX_EDGE_EVIDENCE = 20  # passages kept on a weak edge; relations keep every event's


def build_graph(case: Case) -> nx.MultiDiGraph:
    """The case as one graph, every edge sourced."""
    graph = nx.MultiDiGraph()
    entities = {e["id"]: e for e in case.list_entities()}
    for entity in entities.values():
        if entity["type"] in ("person", "organization", "place"):
            graph.add_node(
                f"entity:{entity['id']}", kind="actor", name=entity["name"], type=entity["type"]
            )
    for doc in case.each_document_label():
        graph.add_node(f"document:{doc['doc_id']}", kind="document", name=doc["title"] or "")
    _add_events(graph, case.each_event())
    _add_claims(graph, case.each_claim())
    _add_weak_links(graph, case, entities)
    return graph


def _entity_node(graph: nx.MultiDiGraph, actor: dict[str, Any]) -> str | None:
    node = f"entity:{actor['id']}" if actor.get("id") else None
    return node if node in graph else None


def _add_events(graph: nx.MultiDiGraph, events: Iterable[dict[str, Any]]) -> None:
    relations: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        node = f"event:{event['id']}"
        graph.add_node(
            node,
            kind="event",
            name=event["category"],
            quad=event["quad"],
            date=event["date"] or "",
            negated=event["negated"],
            hypothetical=event["hypothetical"],
        )
        graph.add_edge(
            f"document:{event['evidence']['doc_id']}",
            node,
            kind="contains",
            evidence=[event["evidence"]],
        )
        sources = [n for a in actor_list(event["source"]) if (n := _entity_node(graph, a))]
        targets = [n for a in actor_list(event["target"]) if (n := _entity_node(graph, a))]
        for role, nodes in (("source", sources), ("target", targets)):
            for actor in nodes:
                graph.add_edge(node, actor, kind=role, evidence=[event["evidence"]])
        if event["negated"]:
            continue  # an act said not to have happened relates no one
        if not targets and len(sources) > 1:
            sources, targets = sources[:1], sources[1:]
        year = (event["date"] or "")[:4] or "undated"
        for a in sources:
            for b in targets:
                if a != b:
                    relations[(a, b, event["quad"], year)].append(event)
    for (a, b, quad, year), found in relations.items():
        sure = sum(not e["hypothetical"] for e in found) / len(found)
        graph.add_edge(
            a,
            b,
            key=f"relation:{quad}:{year}",
            kind="relation",
            quad=quad,
            year=year,
            count=len(found),
            confidence=round(sure, 2),
            events=[e["id"] for e in found],
            evidence=[e["evidence"] for e in found],
        )


def _add_claims(graph: nx.MultiDiGraph, claims: Iterable[dict[str, Any]]) -> None:
    for claim in claims:
        node = f"claim:{claim['id']}"
        graph.add_node(node, kind="claim", name=claim["kind"], hedged=claim["hedged"])
        graph.add_edge(
            f"document:{claim['evidence']['doc_id']}",
            node,
            kind="contains",
            evidence=[claim["evidence"]],
        )
        speaker = _entity_node(graph, claim["speaker"] or {})
        if speaker:
            graph.add_edge(speaker, node, kind="says", evidence=[claim["evidence"]])
        for event_id in claim["events"]:
            graph.add_edge(node, f"event:{event_id}", kind="about", evidence=[claim["evidence"]])


def _add_weak_links(graph: nx.MultiDiGraph, case: Case, entities: dict[str, dict]) -> None:
    """Co-occurrence in documents and e-mail correspondence, each with its passages."""
    documents: Counter[tuple[str, str]] = Counter()
    # the first documents' passages only: a pair of actors may share thousands of documents
    passages: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for _, spans in case.each_document_entity_spans():
        actors = {
            entity_id: span
            for entity_id, span in spans.items()
            if entities.get(entity_id, {}).get("type") in ("person", "organization")
        }
        for a, b in combinations(sorted(actors), 2):
            documents[(a, b)] += 1
            if documents[(a, b)] <= MAX_EDGE_EVIDENCE // 2:
                passages[(a, b)] += [actors[a], actors[b]]
    for (a, b), count in documents.items():
        graph.add_edge(
            f"entity:{a}",
            f"entity:{b}",
            key="co_occurrence",
            kind="co_occurrence",
            weak=True,
            documents=count,
            evidence=passages[(a, b)],
        )
    for sender, recipient, evidence in case.correspondence():
        a, b = f"entity:{sender}", f"entity:{recipient}"
        if a in graph and b in graph and a != b:
            data = graph.get_edge_data(a, b, key="correspondence")
            if data is None:
                graph.add_edge(
                    a,
                    b,
                    key="correspondence",
                    kind="correspondence",
                    weak=True,
                    messages=0,
                    evidence=[],
                )
                data = graph.get_edge_data(a, b, key="correspondence")
            data["messages"] += 1
            if len(data["evidence"]) < MAX_EDGE_EVIDENCE:
                data["evidence"].append(evidence)


def communities(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Clusters of actors tied by relations and correspondence (Louvain), largest first."""
    actors = nx.Graph()
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


def timeline(case: Case, actor_ids: list[str]) -> list[dict[str, Any]]:
    """Dated events in date order; with actors, only those involving all of them."""
    rows = []
    for event in case.list_events():
        if not event["date"]:
            continue
        involved = {a.get("id") for a in actor_list(event["source"]) + actor_list(event["target"])}
        if all(actor in involved for actor in actor_ids):
            rows.append(event)
    rows.sort(key=lambda e: (e["date"], e["evidence"]["doc_id"], e["trigger"]["start"]))
    return rows
