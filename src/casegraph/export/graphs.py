"""Write the evidence graph as GEXF or GraphML (for Gephi), or as CSV tables and JSON.

Nodes are labelled with their names (GEXF's ``label``, GraphML's ``label`` attribute, which
Gephi shows) and typed (``kind``, ``type``). GEXF and GraphML take only plain attribute
values, so lists and the evidence passages are written as JSON strings; nothing is dropped.
Both are written as networkx writes them (GEXF 1.2 with the edge key as ``networkx_key``;
GraphML with the key as the edge's id), and the JSON in networkx's node-link shape, so
``read_gexf``, ``read_graphml`` and ``node_link_graph(data, edges="edges")`` load them back.

Every format is streamed: the nodes and edges are written as ``analysis.graph.graph_items``
reads them from the case, and the CSV tables row by row, with no caps.

Reads: the evidence graph's nodes and edges (``analysis.graph``) and the case's tables.
Writes: one file (gexf, graphml, json) or a folder of CSV files.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TextIO, TypeVar
from xml.sax.saxutils import escape, quoteattr

from ..analysis.graph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Edge, Node, graph_items
from ..case.store import Case
from ..listings import Note
from ..records import actor_list

FORMATS = ("gexf", "graphml", "csv", "json")
XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean", list: "string"}
GEXF_KEY = "networkx_key"  # the attribute networkx's GEXF reader takes an edge's key from
GEXF_OPEN = (
    '<gexf xmlns="http://www.gexf.net/1.2draft"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"'
    ' version="1.2">'
)
GRAPHML_OPEN = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
# escaped in text, which would read it back as a line feed (attributes escape it already)
CARRIAGE_RETURN = {"\r": "&#13;"}
T = TypeVar("T")


def export(case: Case, fmt: str, out: Path) -> dict[str, Any]:
    """Write the case in one format; returns what was written."""
    if fmt == "csv":
        return _write_csv(case, out)
    nodes, edges = graph_items(case)
    counts: Counter[str] = Counter()
    writer = {"gexf": _write_gexf, "graphml": _write_graphml, "json": _write_json}[fmt]
    with out.open("w", encoding="utf-8") as handle:
        writer(handle, _counted(nodes, counts, "nodes"), _counted(edges, counts, "edges"))
    return {"format": fmt, "path": str(out), "nodes": counts["nodes"], "edges": counts["edges"]}


def _counted(items: Iterable[T], counts: Counter[str], name: str) -> Iterator[T]:
    for item in items:
        counts[name] += 1
        yield item


def _write_json(handle: TextIO, nodes: Iterable[Node], edges: Iterable[Edge]) -> None:
    """The graph as networkx's node-link data, one node or edge encoded at a time."""
    handle.write('{"directed": true, "multigraph": true, "graph": {}, "nodes": [')
    _write_list(handle, ({**node.data, "id": node.id} for node in nodes))
    handle.write('], "edges": [')
    edge_dicts = (
        {**edge.data, "source": edge.source, "target": edge.target, "key": edge.key}
        for edge in edges
    )
    _write_list(handle, edge_dicts)
    handle.write("]}")


def _write_list(handle: TextIO, items: Iterable[dict[str, Any]]) -> None:
    for index, item in enumerate(items):
        handle.write(f"{', ' if index else ''}{json.dumps(item, ensure_ascii=False)}")


def _write_gexf(handle: TextIO, nodes: Iterable[Node], edges: Iterable[Edge]) -> None:
    """GEXF 1.2: the attributes declared, then every node, then every edge."""
    node_ids = {name: str(number) for number, name in enumerate(NODE_ATTRIBUTES)}
    edge_types = {**EDGE_ATTRIBUTES, GEXF_KEY: str}
    edge_ids = {name: str(len(node_ids) + number) for number, name in enumerate(edge_types)}
    handle.write(f"<?xml version='1.0' encoding='utf-8'?>\n{GEXF_OPEN}\n")
    handle.write(f'  <meta lastmodifieddate="{date.today().isoformat()}">\n')
    handle.write("    <creator>casegraph</creator>\n  </meta>\n")
    handle.write('  <graph defaultedgetype="directed" mode="static" name="">\n')
    for kind, ids, types in (("node", node_ids, NODE_ATTRIBUTES), ("edge", edge_ids, edge_types)):
        handle.write(f'    <attributes mode="static" class="{kind}">\n')
        for name, attribute in ids.items():
            handle.write(
                f'      <attribute id="{attribute}" title={quoteattr(name)}'
                f' type="{XML_TYPES[types[name]]}" />\n'
            )
        handle.write("    </attributes>\n")
    handle.write("    <nodes>\n")
    for node in nodes:
        handle.write(f"      <node id={quoteattr(node.id)} label={quoteattr(label(node))}>\n")
        _write_attvalues(handle, node_ids, node.data)
        handle.write("      </node>\n")
    handle.write("    </nodes>\n    <edges>\n")
    for number, edge in enumerate(edges):
        ends = f"source={quoteattr(edge.source)} target={quoteattr(edge.target)}"
        handle.write(f'      <edge {ends} id="{number}">\n')
        _write_attvalues(handle, edge_ids, {**edge.data, GEXF_KEY: edge.key})
        handle.write("      </edge>\n")
    handle.write("    </edges>\n  </graph>\n</gexf>\n")


def _write_attvalues(handle: TextIO, ids: dict[str, str], data: dict[str, Any]) -> None:
    values = "".join(
        f'          <attvalue for="{ids[name]}" value={quoteattr(_text(value))} />\n'
        for name, value in data.items()
    )
    handle.write(f"        <attvalues>\n{values}        </attvalues>\n")


def _write_graphml(handle: TextIO, nodes: Iterable[Node], edges: Iterable[Edge]) -> None:
    """GraphML: the keys declared, then every node and every edge (its key as its id)."""
    node_types = {**NODE_ATTRIBUTES, "label": str}
    node_keys = {name: f"d{number}" for number, name in enumerate(node_types)}
    edge_keys = {name: f"d{len(node_keys) + n}" for n, name in enumerate(EDGE_ATTRIBUTES)}
    handle.write(f"<?xml version='1.0' encoding='utf-8'?>\n{GRAPHML_OPEN}\n")
    for kind, keys, types in (
        ("node", node_keys, node_types),
        ("edge", edge_keys, EDGE_ATTRIBUTES),
    ):
        for name, key in keys.items():
            handle.write(
                f'  <key id="{key}" for="{kind}" attr.name={quoteattr(name)}'
                f' attr.type="{XML_TYPES[types[name]]}" />\n'
            )
    handle.write('<graph edgedefault="directed">\n')
    for node in nodes:
        data = {**node.data, "label": label(node)}
        _write_graphml_item(handle, f"<node id={quoteattr(node.id)}>", node_keys, data, "node")
    for edge in edges:
        ends = f"source={quoteattr(edge.source)} target={quoteattr(edge.target)}"
        opening = f"<edge {ends} id={quoteattr(str(edge.key))}>"
        _write_graphml_item(handle, opening, edge_keys, edge.data, "edge")
    handle.write("</graph>\n</graphml>\n")


def _write_graphml_item(
    handle: TextIO, opening: str, keys: dict[str, str], data: dict[str, Any], tag: str
) -> None:
    values = "".join(
        f'  <data key="{keys[name]}">{escape(_text(value), CARRIAGE_RETURN)}</data>\n'
        for name, value in data.items()
    )
    handle.write(f"{opening}\n{values}</{tag}>\n")


def label(node: Node) -> str:
    """What Gephi shows on a node: its name (an actor's, a document's title), else its id."""
    return node.data.get("name") or node.id


def _text(value: Any) -> str:
    """An attribute's value as the text of a GEXF or GraphML file: lists as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


# the columns of the CSV tables; a reading's ends with its passage and a person's verdict
_PASSAGE_COLUMNS = ["doc_id", "page", "start", "end", "evidence", "verdict", "verdict_note"]
ENTITY_COLUMNS = [
    "id",
    "name",
    "type",
    "kind",
    "country",
    "kb_id",
    "lat",
    "lon",
    "mentions",
    "documents",
    "aliases",
]
EVENT_COLUMNS = [
    "id",
    "category",
    "mode",
    "quad",
    "intensity",
    "source",
    "target",
    "location",
    "date",
    "date_from",
    "negated",
    "hypothetical",
    "reported_by",
] + _PASSAGE_COLUMNS
CLAIM_COLUMNS = [
    "id",
    "kind",
    "speaker_id",
    "speaker",
    "cue",
    "content",
    "hedged",
    "events",
] + _PASSAGE_COLUMNS


def _write_csv(case: Case, folder: Path) -> dict[str, Any]:
    """Entities, events, claims, people's notes and marks as CSV tables, streamed row by row."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "entities.csv": (
            ENTITY_COLUMNS,
            ({**e, "aliases": "|".join(e["aliases"])} for e in case.entities.select()),
        ),
        "events.csv": (EVENT_COLUMNS, map(_event_row, case.events.each())),
        "claims.csv": (CLAIM_COLUMNS, map(_claim_row, case.claims.each())),
        "notes.csv": (list(Note.__annotations__), case.notes.select()),
        "marks.csv": (["doc_id", "mark", "author", "set_at"], case.notes.marks()),
    }
    counts = {}
    for name, (columns, rows) in tables.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, extrasaction="ignore")
            writer.writeheader()
            counts[name] = 0
            for row in rows:
                writer.writerow(row)
                counts[name] += 1
    return {"format": "csv", "path": str(folder), "rows": counts}


def _names(value: Any) -> str:
    return "|".join(
        f"{i['name']} [{i['id']}]" if i.get("id") else i["name"] for i in actor_list(value)
    )


def _event_row(event: Mapping[str, Any]) -> dict[str, Any]:
    evidence = event["evidence"]
    return {
        **event,
        "source": _names(event["source"]),
        "target": _names(event["target"]),
        "location": event["location"]["name"] if event["location"] else "",
        "reported_by": _names(event["reported_by"]),
        **{k: evidence[k] for k in ("doc_id", "page", "start", "end")},
        "evidence": evidence["text"],
        **_verdict(event),
    }


def _claim_row(claim: Mapping[str, Any]) -> dict[str, Any]:
    evidence = claim["evidence"]
    speaker = claim["speaker"] or {}
    return {
        **claim,
        "speaker_id": speaker.get("id") or "",
        "speaker": speaker.get("name") or claim["speaker_text"] or "",
        "events": "|".join(claim["events"]),
        **{k: evidence[k] for k in ("doc_id", "page", "start", "end")},
        "evidence": evidence["text"],
        **_verdict(claim),
    }


def _verdict(reading: Mapping[str, Any]) -> dict[str, str]:
    """A person's verdict on an event or claim, as two columns (empty where there is none)."""
    review = reading.get("review") or {}
    return {"verdict": review.get("verdict", ""), "verdict_note": review.get("note") or ""}
