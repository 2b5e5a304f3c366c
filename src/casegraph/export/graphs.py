"""Write the evidence graph as GEXF or GraphML (for Gephi), or as CSV tables and JSON.

GEXF and GraphML take only plain attribute values, so lists and the evidence passages are
written as JSON strings; nothing is dropped.

GEXF, GraphML and JSON are written from the whole graph, held in memory by networkx (its
GEXF writer also builds the whole XML tree before writing it); the JSON text is written
item by item. The CSV tables are streamed from the case row by row.

Reads: the evidence graph (``analysis.graph``) and the case's tables.
Writes: one file (gexf, graphml, json) or a folder of CSV files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from ..analysis.graph import build_graph
from ..case.store import Case
from ..records import actor_list

FORMATS = ("gexf", "graphml", "csv", "json")


def export(case: Case, fmt: str, out: Path) -> dict[str, Any]:
    """Write the case in one format; returns what was written."""
    if fmt == "csv":
        return _write_csv(case, out)
    graph = build_graph(case)
    if fmt == "json":
        _write_json(nx.node_link_data(graph, edges="edges"), out)
    else:
        _flatten(graph)
        (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(graph, out)
    return {
        "format": fmt,
        "path": str(out),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }


def _write_json(data: dict[str, Any], out: Path) -> None:
    """Write json.dumps(data) piece by piece: each item of a list is encoded on its own."""
    with out.open("w", encoding="utf-8") as handle:
        handle.write("{")
        for number, (key, value) in enumerate(data.items()):
            handle.write(f"{', ' if number else ''}{json.dumps(key, ensure_ascii=False)}: ")
            if not isinstance(value, list):
                handle.write(json.dumps(value, ensure_ascii=False))
                continue
            handle.write("[")
            for index, item in enumerate(value):
                handle.write(f"{', ' if index else ''}{json.dumps(item, ensure_ascii=False)}")
            handle.write("]")
        handle.write("}")


def _flatten(graph: nx.MultiDiGraph) -> None:
    """Make every attribute a string, number or boolean, in place (a copy would double it)."""
    for _, data in graph.nodes(data=True):
        data.update({k: _plain(v) for k, v in data.items()})
    for *_, data in graph.edges(keys=True, data=True):
        data.update({k: _plain(v) for k, v in data.items()})


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False)


def _write_csv(case: Case, folder: Path) -> dict[str, Any]:
    """Entities, events, claims and their roles as CSV tables, streamed row by row."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "entities.csv": (
            [
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
            ],
            ({**e, "aliases": "|".join(e["aliases"])} for e in case.list_entities()),
        ),
        "events.csv": (
            [
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
                "doc_id",
                "page",
                "start",
                "end",
                "evidence",
            ],
            map(_event_row, case.each_event()),
        ),
        "claims.csv": (
            [
                "id",
                "kind",
                "speaker_id",
                "speaker",
                "cue",
                "content",
                "hedged",
                "events",
                "doc_id",
                "page",
                "start",
                "end",
                "evidence",
            ],
            map(_claim_row, case.each_claim()),
        ),
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


def _event_row(event: dict[str, Any]) -> dict[str, Any]:
    evidence = event["evidence"]
    return {
        **event,
        "source": _names(event["source"]),
        "target": _names(event["target"]),
        "location": event["location"]["name"] if event["location"] else "",
        "reported_by": _names(event["reported_by"]),
        **{k: evidence[k] for k in ("doc_id", "page", "start", "end")},
        "evidence": evidence["text"],
    }


def _claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    evidence = claim["evidence"]
    speaker = claim["speaker"] or {}
    return {
        **claim,
        "speaker_id": speaker.get("id") or "",
        "speaker": speaker.get("name") or claim["speaker_text"] or "",
        "events": "|".join(claim["events"]),
        **{k: evidence[k] for k in ("doc_id", "page", "start", "end")},
        "evidence": evidence["text"],
    }
