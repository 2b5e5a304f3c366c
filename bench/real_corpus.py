"""Real-corpus benchmark: casegraph ingest per format family, on files written by others.

Reads a folder (default: the files of scripts/real_corpus.py's cache, where its
manifest.json gives each file's family; elsewhere the family comes from the extension) or,
with --demo, the demo trove written into a temporary folder. Ingests each family's files
into a fresh case of its own (workers=2 unless told otherwise), in a temporary folder, and
prints a markdown table per family: files, documents, files with text, typed failures by
reason, internal errors, seconds. Writes nothing else.

    .venv/bin/python bench/real_corpus.py [FOLDER | --demo] [--workers 2] [--out report.md]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from troves import facts_markdown, log, machine_facts, positive_int

REPO = Path(__file__).resolve().parents[1]


def corpus_script() -> ModuleType:
    """scripts/real_corpus.py, for its cache location and family table."""
    spec = importlib.util.spec_from_file_location("corpus_script", REPO / "scripts/real_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@dataclass
class Row:
    """What ingesting one family gave."""

    family: str
    files: int = 0
    documents: int = 0
    with_text: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def families(folder: Path, script: ModuleType) -> dict[str, list[Path]]:
    """Every regular file under folder, grouped by family (manifest first, else extension)."""
    manifest = folder.parent / "manifest.json"
    known: dict[str, str] = {}
    if manifest.is_file():
        known = {r["path"]: r["family"] for r in json.loads(manifest.read_text())["files"]}
    grouped: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        suffix = path.suffix.lower()
        by_suffix = next((n for n, ends in script.FAMILIES.items() if suffix in ends), "other")
        grouped[known.get(path.relative_to(folder).as_posix(), by_suffix)].append(path)
    return dict(sorted(grouped.items()))


def ingest_family(family: str, files: list[Path], work: Path, workers: int) -> Row:
    """One family's files into a new case; counts from the case."""
    from casegraph.case.store import Case
    from casegraph.ingest.pipeline import ingest
    from casegraph.settings import Settings

    case = Case.create(work / family.replace("/", "-"), Settings(workers=workers))
    start = time.perf_counter()
    ingest(case, files, progress=False)
    row = Row(family, files=len(files), seconds=time.perf_counter() - start)
    chars = {d["doc_id"]: d["chars"] for d in case.documents.select()}
    row.documents = len(chars)
    for path in files:
        doc_id = case.documents.id_for_sha(hashlib.sha256(path.read_bytes()).hexdigest())
        row.with_text += bool(doc_id and chars.get(doc_id))
    row.failures = Counter(f["reason"] for f in case.documents.failures())
    case.close()
    return row


def render(rows: list[Row], folder: str, facts: dict[str, str]) -> str:
    """The markdown report."""
    lines = [
        "| family | files | documents | files with text | typed failures by reason"
        " | internal errors | seconds |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        typed = ", ".join(
            f"{k} {v}" for k, v in sorted(r.failures.items()) if k != "internal_error"
        )
        lines.append(
            f"| {r.family} | {r.files} | {r.documents} | {r.with_text} | {typed or '-'}"
            f" | {r.failures['internal_error']} | {r.seconds:.1f} |"
        )
    total = sum(r.seconds for r in rows)
    notes = (
        f"Input: {folder}. Each family in a fresh case; documents include archive members "
        "and attachments; a file has text when its own document has characters; failures "
        f"are counted per path, members included. Total {total:.1f} s."
    )
    return "\n\n".join(
        ["# casegraph on real files", facts_markdown(facts), "\n".join(lines), notes]
    )


def parse_args(script: ModuleType) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="files to ingest")
    parser.add_argument("--demo", action="store_true", help="use the demo trove instead")
    parser.add_argument("--workers", type=positive_int, default=2)
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()
    if args.folder is None and not args.demo:
        args.folder = script.cache_dir(None) / "files"
    return args


def main() -> None:
    """Group, ingest per family, print (and write) the table."""
    script = corpus_script()
    args = parse_args(script)
    with tempfile.TemporaryDirectory(prefix="casegraph-real-") as scratch:
        work = Path(scratch)
        folder = args.folder
        if args.demo:
            from casegraph.demo.trove import build_trove

            folder = build_trove(work / "demo")
        if not folder.is_dir():
            raise SystemExit(f"error: {folder} is not a folder (run scripts/real_corpus.py?)")
        rows = []
        for family, files in families(folder, script).items():
            log(f"{family}: {len(files)} files ...")
            rows.append(ingest_family(family, files, work / "cases", args.workers))
    report = render(rows, "demo trove" if args.demo else str(folder), machine_facts())
    if args.out:
        args.out.write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
