"""Search benchmark: latency of 20 varied queries through search_case on cases of N documents.

For each N, builds (or reuses, cached under --work) a case of N plain-text memos, HTML
articles and e-mails written from bench/troves.py's vocabulary, then runs every query
once to warm up and --repeat more times through ``search_case(case, q, limit=20)``,
and reports median and p95 latency per query and overall.

Two ways to build a case (--build):

- ingest: the trove is written to disk and ingested by casegraph's real pipeline with
  workers=2 (files, blob store, worker pool, language detection: what a user gets);
- store: the documents are generated in memory as extracted text and inserted with the
  store's own methods (case.documents.add_source + save_extraction, one transaction per
  1,000 documents): the same tables and search index, built in a fraction of the time, but
  no files, no blobs and no language model (the language is the generator's).

auto (the default) ingests up to 20,000 documents and uses the store above that. The
report says which way each case was built.

    .venv/bin/python bench/search.py [--n 10000 100000] [--work .bench] [--repeat 10] [--cli 5]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from troves import (
    DEFAULT_WORK,
    GENERATOR_VERSION,
    Writer,
    byte_compile_casegraph,
    cached_trove,
    facts_markdown,
    log,
    machine_facts,
    plan,
    positive_int,
    relative_path,
    require,
    tail_words,
)

MIX = "text"
INGEST_UP_TO = 20_000
BATCH = 1000
TARGET_P95_MS = 50.0
TARGET_CLI_P95_MS = 120.0
TARGET_AT_N = 100_000
DEEP_OFFSET = 5000
MIMES = {"txt": "text/plain", "html": "text/html", "eml": "message/rfc822"}


@dataclass(frozen=True)
class Query:
    """One benchmark query: what it exercises, the query text and the page offset."""

    kind: str
    text: str
    offset: int = 0


def queries() -> list[Query]:
    """The 20 queries, from one common word to a deep page."""
    rare = tail_words()[0][499]  # rank 500 of the Zipf tail: ~0.3% of documents
    return [
        Query("single common word", "convoy"),
        Query("rare word (Zipf tail)", rare.lower()),
        Query("two-word AND", "fuel port"),
        Query("phrase", '"port of tartus"'),
        Query("OR", "tanker OR barge"),
        Query("NOT (-)", "convoy -militia"),
        Query("prefix", "minist*"),
        Query("NEAR", "NEAR(convoy checkpoint, 5)"),
        Query("parentheses", "(port OR harbour) handover"),
        Query("Arabic, variant spelling", "القافله"),
        Query("filter type: alone", "type:email"),
        Query("filter lang: alone", "lang:ar"),
        Query("filter date: alone", "date:2015-01..2015-06"),
        Query("type: + word", "type:html convoy"),
        Query("path: + word", "path:press/ fuel"),
        Query("lang: + Arabic word", "lang:ar الوقود"),
        Query("type: date: + words", "type:email date:2015 convoy -militia"),
        Query("matches most documents", "the"),
        Query("matches nothing", "xylophone"),
        Query(f"deep page (offset {DEEP_OFFSET})", "the", DEEP_OFFSET),
    ]


# -- building cases -----------------------------------------------------------------


def build_by_ingest(case_dir: Path, trove: Path) -> dict[str, Any]:
    """Ingest the trove with casegraph's pipeline, workers=2."""
    from casegraph.case.store import Case
    from casegraph.ingest.pipeline import ingest
    from casegraph.settings import Settings

    case = Case.create(case_dir, Settings(workers=2))
    report = ingest(case, [trove], progress=sys.stderr.isatty())
    case.close()
    return {"documents": report.documents_added, "failures": report.failures}


@dataclass(frozen=True)
class TextDoc:
    """A generated document as casegraph would have extracted it."""

    path: str
    kind: str
    title: str
    text: str
    language: str
    date: str | None


def text_document(path: str, kind: str, w: Writer) -> TextDoc:
    """A memo, article or e-mail of the text mix, as title + paragraphs of text."""
    arabic = w.rng.random() < 0.07
    low, high = {"txt": (2, 10), "html": (4, 16), "eml": (1, 5)}[kind]
    title = w.title()
    text = "\n\n".join([title, *w.paragraphs(low, high, arabic)]) + "\n"
    date = w.when.isoformat() if kind == "eml" else None
    return TextDoc(path, kind, title, text, "ar" if arabic else "en", date)


def text_documents(n: int, seed: int, top: str) -> Iterator[tuple[TextDoc, int]]:
    """The n documents of the text mix (with its ~1% duplicates), and whom each copies."""
    for index in range(n):
        item = plan(index, seed, MIX)
        path = f"{top}/{relative_path(index, item.kind).as_posix()}"
        if item.source != index:
            yield TextDoc(path, item.kind, "", "", "", None), item.source
        else:
            yield text_document(path, item.kind, Writer(item.rng)), index


def store_document(case: Any, doc: TextDoc, source: int, shas: dict[int, tuple[str, int]]) -> bool:
    """Record one document (or one more path of a duplicate); True if it is new."""
    from casegraph.ingest.pipeline import document_date
    from casegraph.records import Extraction

    if source not in shas:
        data = doc.text.encode()
        shas[source] = (hashlib.sha256(data).hexdigest(), len(data))
    sha, size = shas[source]
    doc_id, new_doc, _ = case.documents.add_source(sha, size, doc.path, Path(doc.path), 0)
    if new_doc:
        metadata = {"date": doc.date, "subject": doc.title} if doc.date else {}
        extraction = Extraction(MIMES[doc.kind], doc.title, metadata=metadata)
        extraction.language = doc.language
        extraction.extractor = "bench/search.py store build"
        extraction.add_page(doc.text)
        case.documents.save_extraction(doc_id, extraction, document_date(metadata))
    return new_doc


def build_by_store(case_dir: Path, n: int, seed: int, top: str) -> dict[str, Any]:
    """Insert generated text through the store (add_source, save_extraction), BATCH at a time."""
    from casegraph.case.store import Case
    from casegraph.settings import Settings

    case = Case.create(case_dir, Settings(workers=2))
    shas: dict[int, tuple[str, int]] = {}
    documents = text_documents(n, seed, top)
    added = 0
    while batch := list(itertools.islice(documents, BATCH)):
        with case.transaction():
            added += sum(store_document(case, doc, source, shas) for doc, source in batch)
    case.close()
    return {"documents": added, "failures": 0}


def built_case(args: argparse.Namespace, n: int) -> tuple[Path, dict[str, Any]]:
    """The case for n, built now or found in the cache; with how it was built."""
    method = args.build if args.build != "auto" else ("ingest" if n <= INGEST_UP_TO else "store")
    name = f"search-{MIX}-n{n}-s{args.seed}-v{GENERATOR_VERSION}-{method}"
    case_dir = args.work / "cases" / name
    marker = case_dir.with_name(name + ".json")
    if marker.is_file() and not args.rebuild:
        return case_dir, json.loads(marker.read_text())
    if case_dir.exists():
        shutil.rmtree(case_dir)
    case_dir.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if method == "ingest":
        trove = cached_trove(args.work, n, args.seed, MIX)
        log(f"N={n}: ingesting {trove} into {case_dir} with workers=2 ...")
        info = build_by_ingest(case_dir, trove)
    else:
        log(f"N={n}: inserting generated documents into {case_dir} through the store ...")
        top = f"{MIX}-n{n}-s{args.seed}-v{GENERATOR_VERSION}"
        info = build_by_store(case_dir, n, args.seed, top)
    info.update(method=method, n=n, build_seconds=round(time.perf_counter() - started, 1))
    marker.write_text(json.dumps(info) + "\n")
    log(f"  built in {info['build_seconds']} s: {info['documents']} documents")
    return case_dir, info


# -- timing ---------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of values."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def time_query(case: Any, query: Query, repeat: int) -> dict[str, Any]:
    """Run one query once to warm up, then repeat times; latencies in ms."""
    from casegraph.search.engine import search_case

    def once() -> tuple[float, dict[str, Any]]:
        start = time.perf_counter()
        result = search_case(case, query.text, limit=20, offset=query.offset)
        return (time.perf_counter() - start) * 1000, result

    first, result = once()
    times = [once()[0] for _ in range(repeat)]
    return {
        "query": query,
        "total": result["total"],
        "hits": len(result["hits"]),
        "first": first,
        "times": times,
    }


def run_cli(case_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """Every query as a whole `casegraph search` process, `runs` times, and as many runs of
    `python -c "import click"` in between (how fast this machine starts Python and click
    at that moment): wall ms of each."""
    byte_compile_casegraph()
    times, floor = [], []
    for query in queries():
        command = [sys.executable, "-m", "casegraph", "search", str(case_dir), query.text]
        command += ["--limit", "20", "--offset", str(query.offset), "--json"]
        for _ in range(runs):
            for timed, argv in ((times, command), (floor, [sys.executable, "-c", "import click"])):
                started = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True)
                timed.append((time.perf_counter() - started) * 1000)
    return times, floor


def run_queries(case_dir: Path, repeat: int) -> list[dict[str, Any]]:
    """Every query against one case."""
    from casegraph.case.store import Case

    case = Case.open(case_dir)
    try:
        case.index.apply_queue()  # a case cached by an older casegraph: its index, made now
        return [time_query(case, query, repeat) for query in queries()]
    finally:
        case.close()


# -- the report -----------------------------------------------------------------------


def query_table(n: int, info: dict[str, Any], timings: list[dict[str, Any]]) -> str:
    """Per-query latencies for one N, and the overall median and p95."""
    lines = [
        f"### N = {n:,} documents ({build_words(info)})",
        "",
        "| # | exercises | query | matches | median ms | p95 ms | first run ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for number, t in enumerate(timings, 1):
        q: Query = t["query"]
        shown = q.text.replace("|", "\\|") + (f" (--offset {q.offset})" if q.offset else "")
        lines.append(
            f"| {number} | {q.kind} | `{shown}` | {t['total']:,} | "
            f"{statistics.median(t['times']):.1f} | {percentile(t['times'], 0.95):.1f} | "
            f"{t['first']:.1f} |"
        )
    every = [x for t in timings for x in t["times"]]
    p95 = percentile(every, 0.95)
    verdict = "met" if p95 < TARGET_P95_MS else "NOT met"
    if n < TARGET_AT_N:
        verdict += f"; the target is for {TARGET_AT_N:,} documents"
    verdict = f" (target p95 < {TARGET_P95_MS:.0f} ms: {verdict})"
    lines += [
        "",
        f"Overall over {len(every)} timed runs: median {statistics.median(every):.1f} ms, "
        f"p95 {p95:.1f} ms{verdict}.",
    ]
    return "\n".join(lines)


def cli_words(measured: tuple[list[float], list[float]]) -> str:
    """The whole-process figures in one sentence."""
    times, floor = measured
    p95 = percentile(times, 0.95)
    verdict = "met" if p95 < TARGET_CLI_P95_MS else "NOT met"
    return (
        f"Through the command line, each query as a whole process ({len(times)} runs): "
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
        f'(target p95 < {TARGET_CLI_P95_MS:.0f} ms: {verdict}); `python -c "import click"` '
        f"between them: median {statistics.median(floor):.1f} ms."
    )


def build_words(info: dict[str, Any]) -> str:
    """How a case was built, in words."""
    if info["method"] == "ingest":
        how = "built by casegraph ingest with workers=2"
    else:
        how = (
            "built WITHOUT the ingest pipeline: generated text inserted through "
            "case.documents.add_source + save_extraction, 1,000 per transaction"
        )
    return f"{how}, in {info['build_seconds']} s; {info['documents']:,} documents stored"


def render(facts: dict[str, str], sections: list[str], repeat: int) -> str:
    """The whole markdown report."""
    method = (
        f'Each query runs once untimed ("first run"), then {repeat} timed times through '
        "`search_case(case, q, limit=20)` in one process on a warm case; medians and p95 "
        '(nearest rank) of those runs. "matches" is the total the search reports. '
        f"Target: p95 < {TARGET_P95_MS:.0f} ms at {TARGET_AT_N:,} documents."
    )
    return "\n\n".join(["# casegraph search benchmark", facts_markdown(facts), method, *sections])


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n", type=positive_int, nargs="+", default=[10000, 100000], help="case sizes"
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="troves and cases")
    parser.add_argument("--out", type=Path, help="markdown report (default WORK/search.md)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=positive_int, default=10, help="timed runs per query")
    parser.add_argument("--build", choices=["auto", "ingest", "store"], default="auto")
    parser.add_argument("--rebuild", action="store_true", help="ignore cached cases")
    parser.add_argument(
        "--cli",
        type=int,
        default=0,
        metavar="RUNS",
        help="also time each query RUNS times as a process",
    )
    return parser.parse_args()


def main() -> None:
    """Build or reuse a case per N, time the queries, print and write the report."""
    args = parse_args()
    require()
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    facts = machine_facts()
    sections = []
    for n in args.n:
        case_dir, info = built_case(args, n)
        log(f"N={n}: timing {len(queries())} queries x {args.repeat} ...")
        sections.append(query_table(n, info, run_queries(case_dir, args.repeat)))
        if args.cli:
            log(f"N={n}: timing {len(queries())} queries x {args.cli} as processes ...")
            sections.append(cli_words(run_cli(case_dir, args.cli)))
    report = render(facts, sections, args.repeat)
    out = args.out or args.work / "search.md"
    out.write_text(report + "\n")
    print(report)
    log(f"written to {out}")


if __name__ == "__main__":
    main()
