"""Workbench speed: server time and full page load in Chromium, page by page, on the demo case
and on a case of N documents.

    .venv/bin/python bench/web.py [--n 100000] [--repeat 10] [--work .bench] [--out .bench/web.md]
                                  [--only search entity ...] [--large-only]

For each case the workbench is served by uvicorn in this process, as `casegraph serve` serves
it. Addresses: the case (`/`), search with bench/search.py's 20 queries, the viewer at the
best page of each query's first hit with the query marked, and the JSON twins of search and
of the viewer, the notes; where the case was extracted, also the entities, the 20 most
mentioned entities' pages and their searches by `entity:`, the map, the findings and the best
five findings' pages; and a case of one PDF of
2,000 pages, whose first, middle and last pages are opened until their pictures are shown.
Each address is asked for once to warm up, then --repeat times over HTTP; the server time
is the workbench's own Server-Timing header. Then Debian's Chromium (Playwright) loads each
page address --repeat times, from the start of the navigation to the load event (the page,
its style and the viewer's script). Reports median and p95 per kind of page. The N-document
case is bench/search.py's, its pages read for the vocabulary's names by a dictionary and
resolved by casegraph's resolution (built once and cached under --work/named).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from search import built_case, percentile, queries
from troves import DEFAULT_WORK, facts_markdown, log, machine_facts, positive_int, require

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web.conftest import CHROMIUM, CHROMIUM_FLAGS, serving  # noqa: E402

TARGET_P95_MS = 150.0  # search, viewer and entity pages at 100,000 documents
LOAD_EVENT = "performance.getEntriesByType('navigation')[0].loadEventEnd"


def addresses(site: str, only: list[str] | None = None) -> dict[str, list[str]]:
    """The addresses to time, by kind of page (with ``only``, those kinds alone)."""
    kinds = _addresses(site, only)
    return {kind: paths for kind, paths in kinds.items() if only is None or kind in only}


def _addresses(site: str, only: list[str] | None) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = defaultdict(list)
    kinds["case"].append("/")
    kinds["notes"].append("/notes")
    for query in queries():
        text = quote(query.text)
        kinds["search"].append(f"/search?q={text}&offset={query.offset}")
        kinds["search JSON"].append(f"/api/search?q={text}&offset={query.offset}")
        hits = httpx.get(f"{site}/api/search", params={"q": query.text}).json()["hits"]
        if hits:
            doc, page = hits[0]["doc_id"], hits[0]["page"]
            kinds["viewer"].append(f"/documents/{doc}?page={page}&q={text}")
            kinds["viewer JSON"].append(f"/api/documents/{doc}")
    entities = httpx.get(f"{site}/api/entities", params={"limit": 20}).json()
    if entities:  # a case that was extracted
        kinds["entities"].append("/entities")
        kinds["entity"] += [f"/entities/{entity['id']}" for entity in entities]
        kinds["entity JSON"] += [f"/api/entities/{entity['id']}?limit=50" for entity in entities]
        kinds["search by entity"] += [f"/search?q=entity:{entity['id']}" for entity in entities]
        kinds["map"].append("/map")
        if only is not None and not {"findings", "finding"} & set(only):
            return kinds  # the findings of a large case take minutes to work out
        kinds["findings"].append("/findings")
        started = time.perf_counter()
        findings = httpx.get(f"{site}/api/findings", timeout=1800).json()
        log(f"  the findings worked out in {time.perf_counter() - started:.1f} s")
        kinds["finding"] += [f"/findings/{finding['id']}" for finding in findings[:5]]
    return kinds


def server_times(site: str, kinds: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    """Milliseconds the workbench took for each answer, by kind."""
    times: dict[str, list[float]] = defaultdict(list)
    with httpx.Client(base_url=site, timeout=60) as client:
        for kind, paths in kinds.items():
            for path in paths:
                client.get(path).raise_for_status()
                for _ in range(repeat):
                    answer = client.get(path)
                    times[kind].append(float(answer.headers["server-timing"].split("dur=")[1]))
    return times


def load_times(site: str, kinds: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    """Milliseconds from navigation to the load event in Chromium, for the HTML pages."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = defaultdict(list)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for kind, paths in kinds.items():
            if "JSON" in kind:
                continue
            for path in paths:
                page.goto(site + path)
                for _ in range(repeat):
                    page.goto(site + path, wait_until="load")
                    times[kind].append(float(page.evaluate(LOAD_EVENT)))
        browser.close()
    return times


def table(
    name: str, server: dict[str, list[float]], load: dict[str, list[float]], repeat: int
) -> str:
    """One case's figures as a markdown table."""
    lines = [
        f"### {name}",
        "",
        "| page | addresses | server median ms | server p95 ms | load in Chromium median ms"
        " | load p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, times in server.items():
        shown = load.get(kind)
        loads = (
            f"{statistics.median(shown):.1f} | {percentile(shown, 0.95):.1f}" if shown else "— | —"
        )
        lines.append(
            f"| {kind} | {len(times) // repeat} | {statistics.median(times):.1f}"
            f" | {percentile(times, 0.95):.1f} | {loads} |"
        )
    return "\n".join(lines)


def measure(name: str, case_dir: Path, repeat: int, only: list[str] | None = None) -> str:
    """Serve one case and time every kind of page."""
    from casegraph.case.store import Case

    case = Case.open(case_dir)  # a case indexed by an older casegraph: its index, made now
    case.index.apply_queue()
    case.close()
    with serving(case_dir) as site:
        log(f"{name}: listing addresses ...")
        kinds = addresses(site, only)
        log(f"{name}: server times x {repeat} ...")
        server = server_times(site, kinds, repeat)
        log(f"{name}: Chromium loads x {repeat} ...")
        load = load_times(site, kinds, repeat)
    return table(name, server, load, repeat)


NAMES_READER = "bench-names 1"


def named_case(work: Path, n: int) -> Path:
    """bench/search.py's case of n documents (a copy, under work/named), its pages read for
    the bench vocabulary's names by a dictionary rather than spaCy (hours at this size), then
    resolved by casegraph's own resolution: a case of n documents with entities to page
    through. Built once and cached."""
    from casegraph.case.store import Case

    case_args = argparse.Namespace(work=work / "named", build="auto", seed=0, rebuild=False)
    case_dir, _ = built_case(case_args, n)
    marker = case_dir.with_name(case_dir.name + ".named")
    if marker.exists():
        return case_dir
    log(f"reading the names of {case_dir} by dictionary, then resolving ...")
    started = time.perf_counter()
    case = Case.open(case_dir)
    mentions = _read_names(case)
    from casegraph.nlp.extract import resolve_entities

    entities = resolve_entities(case, defined={})
    case.close()
    seconds = time.perf_counter() - started
    marker.write_text(f"{mentions} mentions, {entities} entities, {seconds:.0f} s\n")
    log(f"  {mentions:,} mentions, {entities:,} entities in {seconds:.0f} s")
    return case_dir


def _read_names(case: Any) -> int:
    """Save each page's mentions of the vocabulary's names, as the extract stage saves them."""
    from casegraph.records import Mention, PageReading
    from troves import FIRST, LAST, MILITIAS, MINISTRIES, PLACES, PORTS, tail_words

    types = {name: ("place", "GPE") for name in PLACES + PORTS}
    types |= {name: ("organization", "ORG") for name in MILITIAS}
    types |= {f"Ministry of {name}": ("organization", "ORG") for name in MINISTRIES}
    types |= {f"{first} {last}": ("person", "PERSON") for first in FIRST for last in LAST}
    types |= {word: ("person", "PERSON") for word in tail_words()[0]}
    names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(types, key=len)[::-1])) + r")\b")
    found, after = 0, 0
    while rows := case.readings.todo_after("entities", NAMES_READER, after, 2_000):
        with case.transaction():
            for page_id, doc_id, number, text in rows:
                mentions = [
                    Mention(doc_id, number, m.start(), m.end(), m[0], *types[m[0]], NAMES_READER)
                    for m in names.finditer(text)
                ]
                case.readings.save(
                    page_id, PageReading(doc_id, number, mentions), "entities", NAMES_READER
                )
                found += len(mentions)
        after = rows[-1][0]
    return found


LONG_PDF_PAGES = 2_000


def long_pdf_case(work: Path) -> Path:
    """A case of one PDF of 2,000 pages of text (fpdf2), built once under work."""
    folder = work / f"web-pdf-{LONG_PDF_PAGES}"
    if not (folder / "case" / "case.sqlite").exists():
        from fpdf import FPDF

        from casegraph.case.store import Case
        from casegraph.ingest.pipeline import ingest
        from casegraph.settings import Settings

        log(f"writing a {LONG_PDF_PAGES:,}-page PDF and ingesting it into {folder} ...")
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "trove").mkdir(parents=True)
        pdf = FPDF(format="A4")
        pdf.set_font("Helvetica", size=11)
        for number in range(1, LONG_PDF_PAGES + 1):
            pdf.add_page()
            for line in range(40):
                pdf.cell(0, 6, f"Page {number}, line {line}: the convoy log of day {number}.")
                pdf.ln()
        pdf.output(str(folder / "trove" / "log.pdf"))
        case = Case.create(folder / "case", Settings(workers=2, ocr=False))
        ingest(case, [folder / "trove"], progress=False)
        case.close()
    return folder / "case"


def long_pdf_times(case_dir: Path, repeat: int) -> str:
    """The viewer of a 2,000-page PDF: its first, a middle and its last page, with their
    pictures drawn, from navigation until the picture is decoded, in Chromium."""
    from playwright.sync_api import sync_playwright

    with serving(case_dir) as site, sync_playwright() as playwright:
        doc = httpx.get(f"{site}/api/search", params={"q": "convoy"}).json()["hits"][0]["doc_id"]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        lines = [
            f"### One PDF of {LONG_PDF_PAGES:,} pages: the viewer until the picture is shown",
            "",
            "| page | median ms | p95 ms |",
            "|---:|---:|---:|",
        ]
        for number in (1, LONG_PDF_PAGES // 2, LONG_PDF_PAGES):
            times = []
            for _ in range(repeat + 1):
                started = time.perf_counter()
                page.goto(f"{site}/documents/{doc}?page={number}&q=convoy")
                page.locator("#page-picture img").evaluate("img => img.decode()")
                times.append((time.perf_counter() - started) * 1000)
            shown = times[1:]  # the first warms the server up
            lines.append(
                f"| {number:,} | {statistics.median(shown):.0f} | {percentile(shown, 0.95):.0f} |"
            )
        browser.close()
    return "\n".join(lines)


def demo_case(work: Path) -> Path:
    """The demo's case, built once under work."""
    folder = work / "web-demo"
    if not (folder / "case" / "case.sqlite").exists():
        from casegraph.demo.run import run_demo

        log(f"building the demo in {folder} ...")
        run_demo(folder, workers=2, progress=False)
    return folder / "case"


def main() -> None:
    """Time the demo and each N, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=positive_int, nargs="*", default=[100_000])
    parser.add_argument("--repeat", type=positive_int, default=10)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--only", nargs="+", help='Only these kinds of page ("entity" ...).')
    parser.add_argument("--large-only", action="store_true", help="Skip the demo and the PDF.")
    args = parser.parse_args()
    require()
    args.work = args.work.resolve()
    facts = machine_facts()
    sections = []
    if not args.large_only:
        sections.append(measure("the demo case", demo_case(args.work), args.repeat, args.only))
        sections.append(long_pdf_times(long_pdf_case(args.work), args.repeat))
    for n in args.n:
        case_dir = named_case(args.work, n)
        name = f"{n:,} generated documents, names read by dictionary and resolved"
        sections.append(measure(name, case_dir, args.repeat, args.only))
    report = "\n\n".join(
        [
            "# Workbench speed",
            facts_markdown(facts),
            *sections,
            f"Target: p95 server time < {TARGET_P95_MS:.0f} ms for search and the viewer"
            " at 100,000 documents.",
        ]
    )
    out = args.out or args.work / "web.md"
    out.write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
