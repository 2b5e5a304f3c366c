"""Ingest benchmark: casegraph against a plain loop over the same extraction libraries.

For each N, generates (or reuses) a trove of N files with bench/troves.py, then runs, each
in a fresh subprocess so that peak memory is per configuration:

- baseline: libmagic, then the library call that gets the text (charset-normalizer,
  lxml.html, json, email, python-docx, openpyxl, pypdfium2, zipfile members the same
  way) in one loop in one process; no store, no database, no index;
- casegraph ingest into a new case with workers=1, then with workers=2.

Prints a markdown table (and writes it to --out) with files, documents, seconds, docs/s,
MB/s, and peak memory of the whole process tree sampled with psutil.

    .venv/bin/python bench/ingest.py [--n 1000 10000] [--work .bench] [--repeat 1]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from troves import (
    DEFAULT_WORK,
    cached_trove,
    facts_markdown,
    log,
    machine_facts,
    positive_int,
    read_manifest,
    require,
)

MB = 1024 * 1024
RESULT_TAG = "BENCH-RESULT "
CONFIGS = [("baseline", 0), ("casegraph", 1), ("casegraph", 2)]
TARGET_RATIO = 0.8
TARGET_SPEEDUP = 1.6
TARGET_RSS_GROWTH = 1.25  # "flat": the largest N's peak within +25% of the smallest N's
SAMPLE_S = 0.05

# -- the baseline: the same libraries in a plain loop ---------------------------

Parsed = tuple[str, list[tuple[str, bytes]]]  # text, and (name, bytes) of members


def _decode(data: bytes) -> str:
    """UTF-8 when it is, else charset-normalizer's best guess (as casegraph decodes)."""
    import charset_normalizer

    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def _text(data: bytes) -> Parsed:
    """Plain text and CSV: decode."""
    return _decode(data), []


def _html(data: bytes) -> Parsed:
    """HTML: lxml.html's text content."""
    from lxml import html

    return html.document_fromstring(data).text_content(), []


def _json_strings(value: Any) -> Iterator[str]:
    """Keys and string values of decoded JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _json(data: bytes) -> Parsed:
    """JSON: json.loads, then its strings."""
    return "\n".join(_json_strings(json.loads(_decode(data)))), []


def _eml(data: bytes) -> Parsed:
    """E-mail: the preferred body, and the attachments as members."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    members = [
        (part.get_filename() or "attachment", part.get_payload(decode=True) or b"")
        for part in message.iter_attachments()
    ]
    return text, members


def _docx(data: bytes) -> Parsed:
    """DOCX: python-docx paragraphs and table cells."""
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts), []


def _xlsx(data: bytes) -> Parsed:
    """XLSX: openpyxl (read-only, cached values), every cell of every sheet."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = (row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
        return "\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows), []
    finally:
        book.close()


def _pdf(data: bytes) -> Parsed:
    """PDF: pypdfium2's text layer, page by page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\f".join(pages), []
    finally:
        document.close()


def _zip(data: bytes) -> Parsed:
    """ZIP: every regular member, to be parsed the same way."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        return "", [(info.filename, archive.read(info)) for info in infos]


BASELINE: dict[str, Callable[[bytes], Parsed]] = {
    "text/html": _html,
    "application/json": _json,
    "message/rfc822": _eml,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _xlsx,
    "application/pdf": _pdf,
    "application/zip": _zip,
}


@dataclass
class Tally:
    """What the baseline loop got through."""

    documents: int = 0
    chars: int = 0
    failures: Counter[str] = field(default_factory=Counter)


def parse_item(data: bytes, tally: Tally) -> None:
    """Detect with libmagic, extract with the type's library, recurse into members."""
    import magic

    mime = magic.from_buffer(data, mime=True)
    handler = BASELINE.get(mime) or (_text if mime.startswith("text/") else None)
    tally.documents += 1
    if handler is None:
        tally.failures[f"unsupported {mime}"] += 1
        return
    try:
        text, members = handler(data)
    except Exception as error:  # a damaged file costs this file only, as in casegraph
        tally.failures[type(error).__name__] += 1
        return
    tally.chars += len(text)
    for _, member in members:
        parse_item(member, tally)


def input_files(trove: Path) -> list[Path]:
    """Every regular file under the trove, in a stable order."""
    return sorted(p for p in trove.rglob("*") if p.is_file() and not p.is_symlink())


def run_baseline(trove: Path) -> dict[str, Any]:
    """The plain loop over the trove; timed from the walk to the last file."""
    import docx  # noqa: F401 - imported before the clock starts, as casegraph's warm-up does
    import magic  # noqa: F401
    import openpyxl  # noqa: F401
    import pypdfium2  # noqa: F401

    tally = Tally()
    start = time.perf_counter()
    for path in input_files(trove):
        parse_item(path.read_bytes(), tally)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "documents": tally.documents,
        "chars": tally.chars,
        "failures": sum(tally.failures.values()),
        "failures_by_reason": dict(tally.failures),
    }


# -- casegraph ----------------------------------------------------------------------


def run_casegraph(
    trove: Path, case_dir: Path, workers: int, profile: Path | None
) -> dict[str, Any]:
    """casegraph ingest of the trove into a new case; timed around ingest() only."""
    from casegraph.case.store import Case
    from casegraph.ingest.pipeline import ingest
    from casegraph.settings import Settings

    if case_dir.exists():
        shutil.rmtree(case_dir)
    case = Case.create(case_dir, Settings(workers=workers))
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    report = ingest(case, [trove], progress=False)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    if profiler and profile:
        _write_profile(profiler, profile, seconds)
    chars = case.db.execute("SELECT coalesce(sum(char_count), 0) FROM documents").fetchone()[0]
    case.close()
    return {
        "seconds": seconds,
        "documents": report.documents_added,
        "duplicates": report.duplicates,
        "chars": chars,
        "failures": report.failures,
        "failures_by_reason": dict(report.failures_by_reason),
    }


def _write_profile(profiler: cProfile.Profile, out: Path, seconds: float) -> None:
    """The main process's profile: top functions by own time and by cumulative time."""
    buffer = io.StringIO()
    buffer.write(f"casegraph ingest, main process only, {seconds:.1f} s under cProfile\n\n")
    stats = pstats.Stats(profiler, stream=buffer).strip_dirs()
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    out.write_text(buffer.getvalue())


def child_main(args: argparse.Namespace) -> None:
    """Run one configuration in this (fresh) process and print its result as JSON."""
    if args.child == "baseline":
        result = run_baseline(args.trove)
    else:
        result = run_casegraph(args.trove, args.case, args.workers, args.profile_out)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["largest_process_mb"] = max(own, children) / 1024  # ru_maxrss is in KiB
    print(RESULT_TAG + json.dumps(result), flush=True)


# -- measuring from the parent ----------------------------------------------------


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.peak_rss = 0
        self.peak_pss = 0
        self.done = threading.Event()

    def run(self) -> None:
        """Sample until told to stop or the process is gone."""
        while not self.done.is_set():
            self.sample()
            self.done.wait(SAMPLE_S)

    def sample(self) -> None:
        """One sample of the whole tree."""
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except self.psutil.Error:
            return
        rss = pss = 0
        for proc in procs:
            try:
                info = proc.memory_full_info()
            except self.psutil.Error:  # exited between listing and reading
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)


def have_psutil() -> bool:
    """Whether psutil can be imported (it comes with py7zr, a casegraph dependency)."""
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


def run_child(argv: list[str]) -> dict[str, Any]:
    """Run this script as a child for one configuration; its result plus sampled memory."""
    command = [sys.executable, str(Path(__file__).resolve()), *argv]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid) if have_psutil() else None
    if sampler:
        sampler.start()
    out, _ = proc.communicate()
    if sampler:
        sampler.done.set()
        sampler.join()
    lines = [line for line in out.splitlines() if line.startswith(RESULT_TAG)]
    if proc.returncode != 0 or not lines:
        sys.exit(f"error: benchmark child {' '.join(argv)} failed (exit {proc.returncode})")
    result = json.loads(lines[-1][len(RESULT_TAG) :])
    result["peak_rss_mb"] = sampler.peak_rss / MB if sampler else None
    result["peak_pss_mb"] = sampler.peak_pss / MB if sampler else None
    return result


def child_argv(config: str, workers: int, trove: Path, case_dir: Path) -> list[str]:
    """Command-line arguments for one configuration's child."""
    argv = ["--child", config, "--trove", str(trove)]
    if config == "casegraph":
        argv += ["--case", str(case_dir), "--workers", str(workers)]
    return argv


def measure(
    config: str, workers: int, trove: Path, work: Path, repeat: int, keep: bool
) -> dict[str, Any]:
    """Run one configuration repeat times: median seconds, highest memory."""
    case_dir = work / "cases" / f"ingest-{trove.name}-w{workers}"
    runs = []
    for attempt in range(repeat):
        log(f"  {label(config, workers)} run {attempt + 1}/{repeat} ...")
        runs.append(run_child(child_argv(config, workers, trove, case_dir)))
        log(f"    {runs[-1]['seconds']:.1f} s")
    if not keep and case_dir.exists():
        shutil.rmtree(case_dir)
    result = dict(runs[len(runs) // 2])
    result["seconds"] = statistics.median(r["seconds"] for r in runs)
    for key in ("peak_rss_mb", "peak_pss_mb", "largest_process_mb"):
        values = [r[key] for r in runs if r[key] is not None]
        result[key] = max(values) if values else None
    result.update(config=config, workers=workers)
    return result


def profile_main_process(trove: Path, work: Path, n: int) -> Path:
    """Profile the main process of a workers=1 ingest (an extra run, not in the table)."""
    out = work / f"ingest-profile-n{n}.txt"
    case_dir = work / "cases" / f"profile-{trove.name}"
    log(f"  profiling casegraph workers=1 main process -> {out}")
    run_child([*child_argv("casegraph", 1, trove, case_dir), "--profile-out", str(out)])
    shutil.rmtree(case_dir, ignore_errors=True)
    return out


def warm_page_cache(trove: Path) -> tuple[int, int]:
    """Read every input once so no configuration pays for a cold cache; (files, bytes)."""
    files = input_files(trove)
    return len(files), sum(len(p.read_bytes()) for p in files)


# -- the report ---------------------------------------------------------------------


def label(config: str, workers: int) -> str:
    """A configuration's name in the table."""
    return "baseline (plain loop)" if config == "baseline" else f"casegraph workers={workers}"


def _mb(value: float | None) -> str:
    """A memory figure, or n/a."""
    return "n/a" if value is None else f"{value:.0f}"


def result_row(n: int, files: int, size: int, r: dict[str, Any]) -> str:
    """One markdown table row."""
    seconds = r["seconds"]
    cells = [
        f"{n:,}",
        label(r["config"], r["workers"]),
        f"{files:,}",
        f"{r['documents']:,}",
        f"{seconds:.1f}",
        f"{r['documents'] / seconds:.0f}",
        f"{size / MB / seconds:.2f}",
        _mb(r["peak_rss_mb"]),
        _mb(r["peak_pss_mb"]),
        _mb(r["largest_process_mb"]),
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| N | configuration | files | documents | seconds | docs/s | MB/s | peak RSS MB (tree)"
    " | peak PSS MB (tree) | largest process MB |\n" + "|---" * 10 + "|"
)


def _met(ok: bool) -> str:
    """A target verdict."""
    return "met" if ok else "NOT met"


def targets_table(runs: dict[int, dict[str, dict[str, Any]]]) -> str:
    """Ratio to baseline and 2-worker speed-up per N, and memory growth with N."""
    lines = [
        "| N | casegraph(1 worker) / baseline | target | 2-worker speed-up | target |",
        "|---|---|---|---|---|",
    ]
    for n, by in runs.items():
        ratio = by["baseline"]["seconds"] / by["w1"]["seconds"]
        speedup = by["w1"]["seconds"] / by["w2"]["seconds"]
        lines.append(
            f"| {n:,} | {ratio:.2f} | >= {TARGET_RATIO} ({_met(ratio >= TARGET_RATIO)}) "
            f"| {speedup:.2f} | >= {TARGET_SPEEDUP} ({_met(speedup >= TARGET_SPEEDUP)}) |"
        )
    return "\n".join(lines) + "\n\n" + memory_growth(runs)


def memory_growth(runs: dict[int, dict[str, dict[str, Any]]]) -> str:
    """Peak tree RSS at the largest N over the smallest N, per configuration."""
    sizes = sorted(runs)
    if len(sizes) < 2:
        return "Memory growth with N: run with two or more --n values to check it."
    low, high = sizes[0], sizes[-1]
    parts = []
    for key in ("baseline", "w1", "w2"):
        a = runs[low][key]["peak_rss_mb"] or runs[low][key]["largest_process_mb"]
        b = runs[high][key]["peak_rss_mb"] or runs[high][key]["largest_process_mb"]
        growth = b / a
        name = label(runs[low][key]["config"], runs[low][key]["workers"])
        parts.append(
            f"- {name}: {a:.0f} MB at N={low:,} -> {b:.0f} MB at N={high:,} (x{growth:.2f}; "
            f"target flat, <= x{TARGET_RSS_GROWTH}: {_met(growth <= TARGET_RSS_GROWTH)})"
        )
    return "Peak RSS as N grows:\n\n" + "\n".join(parts)


def notes(n: int, by: dict[str, dict[str, Any]]) -> list[str]:
    """Sanity notes: failures and how much text each configuration got out."""
    out = []
    for r in by.values():
        name = label(r["config"], r["workers"])
        extra = f", {r['duplicates']} duplicate paths" if "duplicates" in r else ""
        line = f"- N={n:,} {name}: {r['chars']:,} characters of text{extra}"
        if r["failures"]:
            line += f"; **{r['failures']} failures** {r['failures_by_reason']}"
        out.append(line)
    return out


def render(facts: dict[str, str], table: list[str], runs: dict, note_lines: list[str]) -> str:
    """The whole markdown report."""
    memory = (
        "Peak RSS/PSS: the whole process tree (main + workers), sampled every "
        f"{SAMPLE_S * 1000:.0f} ms with psutil; RSS counts pages shared by forked workers "
        "once per process, PSS splits them. Largest process: ru_maxrss of the biggest one."
    )
    if not have_psutil():
        memory = "psutil is not installed: only the largest process's ru_maxrss is shown."
    return "\n\n".join(
        [
            "# casegraph ingest benchmark",
            facts_markdown(facts),
            "\n".join([HEADER, *table]),
            "MB = 2^20 bytes; MB/s = input bytes / seconds; casegraph documents = documents "
            "added (files, members and attachments, duplicates once); baseline documents = "
            "items parsed (duplicates again). " + memory,
            "## Targets",
            targets_table(runs),
            "## Notes",
            "\n".join(note_lines),
        ]
    )


def bench_size(
    args: argparse.Namespace, n: int, table: list[str], runs: dict, notes_: list[str]
) -> None:
    """Generate or reuse the trove for n, run the three configurations, collect rows."""
    trove = cached_trove(args.work, n, args.seed)
    files, size = warm_page_cache(trove)
    log(f"N={n}: {files} files, {size / MB:.1f} MB ({read_manifest(trove)['by_kind']})")
    by: dict[str, dict[str, Any]] = {}
    for config, workers in CONFIGS:
        result = measure(config, workers, trove, args.work, args.repeat, args.keep_cases)
        by["baseline" if config == "baseline" else f"w{workers}"] = result
        table.append(result_row(n, files, size, result))
    runs[n] = by
    notes_.extend(notes(n, by))
    if args.profile:
        notes_.append(f"- N={n:,} profile: {profile_main_process(trove, args.work, n)}")


def parse_args() -> argparse.Namespace:
    """Command-line options (the --child ones are internal)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n", type=positive_int, nargs="+", default=[1000, 10000], help="trove sizes"
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="troves and cases")
    parser.add_argument("--out", type=Path, help="markdown report (default WORK/ingest.md)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=positive_int, default=1, help="runs per configuration")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile a workers=1 ingest's main process"
    )
    parser.add_argument("--keep-cases", action="store_true", help="keep the case folders")
    parser.add_argument("--child", choices=["baseline", "casegraph"], help=argparse.SUPPRESS)
    parser.add_argument("--trove", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    """Benchmark every N and print and write the report."""
    args = parse_args()
    if args.child:
        child_main(args)
        return
    require()
    if not have_psutil():
        log("warning: psutil missing: only each process's own peak (ru_maxrss) is reported")
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    facts = machine_facts()
    table: list[str] = []
    runs: dict[int, dict[str, dict[str, Any]]] = {}
    note_lines: list[str] = []
    for n in args.n:
        bench_size(args, n, table, runs, note_lines)
    report = render(facts, table, runs, note_lines)
    out = args.out or args.work / "ingest.md"
    out.write_text(report + "\n")
    print(report)
    log(f"written to {out}")


if __name__ == "__main__":
    main()
