"""Exports of the evidence graph load back with every node and edge, evidence included."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from casegraph.analysis.graph import Edge, Node, build_graph, communities
from casegraph.case.store import Case
from casegraph.export import graphs
from tests.conftest import cli_json, run_cli


@pytest.fixture(scope="module")
def case(demo_summary: dict) -> Case:
    return Case.open(Path(demo_summary["case"]))


def test_every_edge_of_the_graph_carries_its_passages(case: Case) -> None:
    graph = build_graph(case)
    kinds = {data["kind"] for *_, data in graph.edges(data=True)}
    assert {"contains", "source", "target", "relation", "co_occurrence", "says"} <= kinds
    pages = case.pages.texts_of({d["doc_id"] for d in case.documents.select()})
    for *_, data in graph.edges(data=True):
        assert data["evidence"], data["kind"]
        for passage in data["evidence"][:3]:
            text = pages[(passage["doc_id"], passage["page"])]
            assert text[passage["start"] : passage["end"]] == passage["text"]
    assert communities(graph), "relations group actors into clusters"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_formats_load_back_whole(case: Case, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"case.{fmt}"
    written = cli_json("export", str(case.root), "--format", fmt, "--out", str(out))
    graph = build_graph(case)
    loaded = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(out)
    assert written["nodes"] == graph.number_of_nodes() == loaded.number_of_nodes()
    assert written["edges"] == graph.number_of_edges() == loaded.number_of_edges()
    evidence = [json.loads(d["evidence"]) for *_, d in loaded.edges(data=True)]
    assert all(isinstance(e, list) and e for e in evidence)


def _load(fmt: str, path: Path) -> nx.MultiDiGraph:
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    return (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(path)


def _as_written(fmt: str, graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """A graph's nodes and edges as a file of this format gives them back."""
    nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
    edges = {(u, v, k): dict(data) for u, v, k, data in graph.edges(keys=True, data=True)}
    if fmt != "json":  # GEXF and GraphML label every node with its name (else its id)
        nodes = {node: {**data, "label": data.get("name") or node} for node, data in nodes.items()}
    if fmt == "gexf":  # GEXF numbers every edge, and keys are text
        edges = {(u, v, str(k)): data for (u, v, k), data in edges.items()}
    return nodes, edges


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_streamed_graph_exports_hold_the_built_graph_exactly(
    case: Case, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"case.{fmt}"
    written = graphs.export(case, fmt, out)
    graph = build_graph(case)
    loaded = _load(fmt, out)
    assert (written["nodes"], written["edges"]) == (len(graph), graph.number_of_edges())
    nodes, edges = _as_written(fmt, graph)
    assert dict(loaded.nodes(data=True)) == nodes
    found = {}
    for u, v, k, data in loaded.edges(keys=True, data=True):
        if fmt == "gexf":
            assert isinstance(data.pop("id"), str)
        if fmt != "json":  # lists are written as JSON text
            data.update({a: json.loads(data[a]) for a in ("events", "evidence") if a in data})
        found[(u, v, k)] = data
    assert found == edges
    kinds = {data["kind"] for data in edges.values()}
    assert {"contains", "source", "target", "relation", "co_occurrence", "says", "about"} <= kinds


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_text_that_markup_escapes_comes_back_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    awkward = 'A & B <"quoted"> \'s\ttab\r\nnew line, Ärger, دمشق'
    passage = {"doc_id": "d", "page": 1, "start": 0, "end": 3, "text": awkward}
    nodes = [
        Node("document:d", {"kind": "document", "name": awkward}),
        Node(f"entity:{awkward}", {"kind": "actor", "name": "", "type": "person"}),
    ]
    edges = [
        Edge("document:d", f"entity:{awkward}", 0, {"kind": "contains", "evidence": [passage]}),
        Edge("document:d", f"entity:{awkward}", 1, {"kind": "contains", "evidence": []}),
    ]
    monkeypatch.setattr(graphs, "graph_items", lambda case: (iter(nodes), iter(edges)))
    out = tmp_path / f"awkward.{fmt}"
    graphs.export(None, fmt, out)
    loaded = _load(fmt, out)
    assert loaded.nodes["document:d"]["name"] == awkward
    if fmt != "json":  # what Gephi shows: the name, not the id
        assert loaded.nodes["document:d"]["label"] == awkward
    assert loaded.nodes[f"entity:{awkward}"]["name"] == ""
    data = loaded.get_edge_data("document:d", f"entity:{awkward}")
    key = "0" if fmt == "gexf" else 0
    evidence = data[key]["evidence"]
    assert (evidence if fmt == "json" else json.loads(evidence)) == [passage]


def test_an_export_to_a_missing_folder_is_one_clear_line(case: Case, tmp_path: Path) -> None:
    done = run_cli(
        "export", str(case.root), "--format", "gexf", "--out", str(tmp_path / "no" / "x")
    )
    assert done.returncode == 1 and "does not exist" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_json_and_csv_exports(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "case.json"
    cli_json("export", str(case.root), "--format", "json", "--out", str(out))
    loaded = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    assert loaded.number_of_edges() == build_graph(case).number_of_edges()
    folder = tmp_path / "tables"
    written = cli_json("export", str(case.root), "--format", "csv", "--out", str(folder))
    with (folder / "events.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(case.events.select()) == written["rows"]["events.csv"]
    assert all(row["evidence"] and row["doc_id"] for row in rows)


def test_followthemoney_entities_load_back_through_followthemoney(case: Case, tmp_path: Path):
    from followthemoney import model

    out = tmp_path / "case.ftm.json"
    written = cli_json("export", str(case.root), "--format", "ftm", "--out", str(out))
    proxies = [model.get_proxy(json.loads(line)) for line in out.read_text().splitlines()]
    by_schema: dict[str, list] = {}
    for proxy in proxies:
        by_schema.setdefault(proxy.schema.name, []).append(proxy)
    assert {k: len(v) for k, v in by_schema.items()} == written["entities"]
    assert len(by_schema["Event"]) == len(case.events.select())
    ids = {proxy.id for proxy in proxies}
    for event in by_schema["Event"]:
        assert event.get("proof") and set(event.get("proof")) <= ids
        assert event.get("summary") and set(event.get("involved")) <= ids
    for mention in by_schema["Mention"][:200]:
        assert set(mention.get("document")) <= ids and set(mention.get("resolved")) <= ids
    # documents carry their text and where they came from; claims are notes with proof
    documents = by_schema["Document"] + by_schema.get("Pages", [])
    assert len(documents) == len(case.documents.select())
    pages = case.pages.texts_of({d["doc_id"] for d in case.documents.select()})
    texts = [t for p in by_schema["Document"] + by_schema["Page"] for t in p.get("bodyText")]
    written = {" ".join(t.split()) for t in texts if t}  # FtM trims what it stores
    assert written == {" ".join(t.split()) for t in pages.values() if t.strip()}
    children = [d for d in documents if d.get("parent")]
    assert children and all(set(d.get("parent")) <= ids for d in children)
    assert len(by_schema["Note"]) == len(case.claims.select())
    assert all(
        set(n.get("proof")) <= ids and set(n.get("entity")) <= ids for n in by_schema["Note"]
    )


def test_an_export_never_replaces_a_file_unless_forced(case: Case, tmp_path: Path) -> None:
    kept = tmp_path / "notes.json"
    kept.write_text("my notes")
    for fmt in ("json", "ftm", "csv"):
        done = run_cli("export", str(case.root), "--format", fmt, "--out", str(kept))
        assert done.returncode == 1 and "E014" in done.stderr and "--force" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert kept.read_text() == "my notes"
    done = run_cli("export", str(case.root), "--format", "csv", "--out", str(kept), "--force")
    assert done.returncode == 1 and "it is a file" in done.stderr
    cli_json("export", str(case.root), "--format", "json", "--out", str(kept), "--force")
    assert json.loads(kept.read_text())["directed"] is True
