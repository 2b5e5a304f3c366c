"""The demo trove, ingested for real, matches its ground truth: the fixture doubles as the demo."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casegraph.demo.run import run_demo
from casegraph.filetypes import SHORT_NAMES
from casegraph.ocr.quality import character_error_rate

FORMAT_TYPES = {
    "txt": "text", "eml": "eml", "jpg": "image", "png": "image", "tar.gz": "tar",
    "tar.bz2": "tar", "tar.xz": "tar",
}  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict:
    summary = run_demo(tmp_path_factory.mktemp("demo"), workers=2, progress=False)
    truth = json.loads(Path(summary["ground_truth"]).read_text())
    from casegraph.case.store import Case

    return {"summary": summary, "truth": truth, "case": Case.open(Path(summary["case"]))}


def _by_path(case) -> dict[str, dict]:
    return {path: row for row in case.documents.select() for path in row["paths"]}


def test_every_file_and_member_is_a_document_or_a_typed_failure(demo: dict) -> None:
    docs = _by_path(demo["case"])
    for item in demo["truth"]["documents"]:
        row = docs.get("trove/" + item["path"])
        assert row is not None, item["path"]
        if item.get("encrypted"):
            assert (row["state"], row["failure_reason"]) == ("failed", "encrypted")
        elif item.get("corrupt"):
            assert (row["state"], row["failure_reason"]) == ("failed", "corrupt")
        elif item.get("image_only"):
            pages = demo["case"].documents.get(row["doc_id"])["pages"]
            assert row["state"] == "done", item["path"]
            assert all(page["source"] == "ocr" for page in pages), item["path"]
            if item.get("scan", {}).get("handwriting"):
                continue  # no letters to read: tests/ocr checks it waits for review
            text = "\n".join(page["text"] for page in pages)
            assert character_error_rate(item["ocr_text"], text) < 0.1, item["path"]
        else:
            assert row["state"] == "done", (item["path"], row)
            short = FORMAT_TYPES.get(item["format"], item["format"])
            assert any(row["mime"].startswith(m) for m in SHORT_NAMES[short]), (item, row["mime"])


def test_counts_match_the_ground_truth(demo: dict) -> None:
    truth = demo["truth"]["documents"]
    status = demo["summary"]["status"]
    unique = {item["sha256"] for item in truth}
    assert status["documents"] + len(demo["case"].documents.select(failed=True)) == len(unique)
    assert status["paths"] == len(truth)
    assert status["failures_by_reason"] == {"encrypted": 1, "corrupt": 1}


def test_duplicates_are_one_document_with_every_path(demo: dict) -> None:
    docs = _by_path(demo["case"])
    for item in demo["truth"]["documents"]:
        if item.get("duplicate_of"):
            row = docs["trove/" + item["path"]]
            assert set(row["paths"]) >= {"trove/" + item["path"], "trove/" + item["duplicate_of"]}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_ground_truth_quote_is_in_its_document_text(demo: dict) -> None:
    case, docs = demo["case"], _by_path(demo["case"])
    truth = demo["truth"]
    for item in truth["events"] + truth["claims"]:
        row = docs["trove/" + item["doc"]]
        pages = case.documents.get(row["doc_id"])["pages"]
        text = _flat(" ".join(page["text"] for page in pages))
        assert _flat(item["quote"]) in text, (item["id"], item["doc"])


def test_the_example_searches_find_something(demo: dict) -> None:
    for example in demo["summary"]["searches"]:
        assert example["total"] > 0, example["query"]
        assert all("«" in hit["snippet"] for hit in example["hits"])


def test_rerunning_the_demo_adds_nothing(demo: dict) -> None:
    again = run_demo(Path(demo["summary"]["case"]).parent, workers=2, progress=False)
    assert again["ingest"]["documents_added"] == 0
    assert again["status"] == demo["summary"]["status"]
