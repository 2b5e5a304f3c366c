"""Real files written by others: the corpus scripts/real_corpus.py caches, ingested once.

Reads the corpus manifest and files from the cache ($CASEGRAPH_CORPUS_CACHE, default
~/.cache/casegraph/real-corpus) and writes one case in a temporary folder. Skipped when the
cache is absent (`make test` builds it first).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.records import FailureReason
from casegraph.settings import Settings

CACHE = Path(
    os.environ.get("CASEGRAPH_CORPUS_CACHE") or "~/.cache/casegraph/real-corpus"
).expanduser()
TEXT_FAMILIES = {
    "pdf", "docx", "xlsx", "pptx", "odf", "rtf", "doc/xls/ppt",
    "html", "xml", "text", "mail", "msg",
}  # fmt: skip
TEXT_SHARE = 0.9


@dataclass
class Ingested:
    """The case made of the corpus, and where each manifest file ended up."""

    case: Case
    files: list[dict[str, Any]]
    documents: dict[str, dict[str, Any]]  # case path -> document row
    failures: dict[str, dict[str, Any]]  # case path -> failure row

    def path(self, record: dict[str, Any]) -> str:
        """A manifest file's path in the case (the ingested folder is files/)."""
        return f"files/{record['path']}"

    def failure(self, record: dict[str, Any]) -> str | None:
        """The failure reason of a manifest file, if it failed."""
        found = self.failures.get(self.path(record))
        return found["reason"] if found else None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ingested]:
    """The whole corpus ingested once with the real pipeline."""
    manifest = CACHE / "manifest.json"
    if not manifest.is_file():
        pytest.skip(f"no real corpus at {CACHE}: run scripts/real_corpus.py")
    files = json.loads(manifest.read_text())["files"]
    case = Case.create(tmp_path_factory.mktemp("real-corpus") / "case", Settings(workers=2))
    ingest(case, [CACHE / "files"], progress=False)
    documents = {path: row for row in case.list_documents() for path in row["paths"]}
    failures = {row["path"]: row for row in case.failures()}
    yield Ingested(case, files, documents, failures)
    case.close()


def test_every_file_is_a_document_or_a_typed_failure(corpus: Ingested) -> None:
    lost = [
        r["path"]
        for r in corpus.files
        if corpus.path(r) not in corpus.documents and corpus.path(r) not in corpus.failures
    ]
    assert lost == []
    reasons = {row["reason"] for row in corpus.failures.values()}
    assert reasons <= {reason.value for reason in FailureReason}
    status = corpus.case.status()
    assert status["paths"] >= len(corpus.files)
    assert status["failures"] == len(corpus.case.failures())


def test_no_internal_errors(corpus: Ingested) -> None:
    internal = [
        f"{row['path']}: {row['detail']}"
        for row in corpus.failures.values()
        if row["reason"] == FailureReason.INTERNAL_ERROR
    ]
    assert internal == []


def test_encrypted_files_are_typed_encrypted(corpus: Ingested) -> None:
    expected = [r for r in corpus.files if r["encrypted"]]
    assert expected, "the corpus has encrypted samples"
    untyped = [
        f"{r['path']}: {corpus.failure(r)}"
        for r in expected
        if corpus.failure(r) != FailureReason.ENCRYPTED
    ]
    assert untyped == []


def test_text_from_nearly_every_file_of_a_supported_family(corpus: Ingested) -> None:
    wanted = [r for r in corpus.files if r["family"] in TEXT_FAMILIES and not r["encrypted"]]
    assert {r["family"] for r in wanted} >= {"pdf", "docx", "pptx", "odf", "mail"}
    silent = [
        r["path"] for r in wanted if not (corpus.documents.get(corpus.path(r)) or {}).get("chars")
    ]
    share = 1 - len(silent) / len(wanted)
    assert share >= TEXT_SHARE, f"text from {share:.0%} of {len(wanted)} files; none: {silent}"


def test_each_message_is_mail_with_its_headers(corpus: Ingested) -> None:
    messages = [r for r in corpus.files if r["mail"]]
    assert len(messages) >= 50
    wrong = []
    for record in messages:
        row = corpus.documents.get(corpus.path(record))
        if row is None or row["mime"] != "message/rfc822":
            wrong.append(f"{record['path']}: {row['mime'] if row else 'no document'}")
            continue
        metadata = corpus.case.get_document(row["doc_id"])["metadata"]
        # from, subject and date, each where the message has it (some test messages lack one)
        missing = [name for name in record["mail_headers"] if not metadata.get(name)]
        if missing:
            wrong.append(f"{record['path']}: no {', '.join(missing)} in metadata")
    assert wrong == []
