"""Entity extraction speed: `casegraph extract` against spaCy's own nlp.pipe on the same texts.

    .venv/bin/python bench/extract.py [--n 1000 10000] [--rounds 3] [--work .bench]
        [--out .bench/extract.md]

For each N: a trove of the demo's kinds (bench/troves.py) is ingested once (cached), then,
in the same run, (a) spaCy's nlp.pipe with the case's model over every page text, in one
process, with casegraph's event and claim readers run on the same parses and timed apart
(they are left out of spaCy's time), (a') nlp.pipe alone with n_process set to the case's
workers (2), and (b) `casegraph extract` on a fresh copy of the case: recognition,
patterns, events, claims, storing them, propagation across the case,
resolution and linking. The three run in turn (a a' b a a' b ...) for --rounds rounds,
as this VM's speed drifts by a fifth within minutes; reports the medians of words/s and
the largest peak RSS.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casegraph.case.store import Case  # noqa: E402
from casegraph.ingest.pipeline import ingest  # noqa: E402
from casegraph.settings import Settings  # noqa: E402
from troves import byte_compile_casegraph, cached_trove  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
from casegraph.case.store import Case
from casegraph.nlp.claims import find_claims, speakers_for_pronouns
from casegraph.nlp.events import find_events_reread
mode, case_dir = sys.argv[1], Path(sys.argv[2])
events_seconds = None
case = Case.open(case_dir)
texts = [text for pages in case.pages.readable_chunks(1000) for *_, text in pages]
words = sum(len(t.split()) for t in texts)
if mode == "spacy":
    from casegraph.nlp.recognize import load_pipeline
    nlp = load_pipeline(case.load_settings().nlp_model)
    start = time.perf_counter()
    events_seconds = 0.0
    for doc in nlp.pipe(texts, batch_size=64):
        # the event and claim readers on the same parses, timed on their own
        began = time.perf_counter()
        events = find_events_reread(doc, nlp, "d", 1)
        speakers_for_pronouns(events, find_claims(doc, "d", 1))
        events_seconds += time.perf_counter() - began
elif mode == "spacy-processes":
    from casegraph.nlp.recognize import load_pipeline
    nlp = load_pipeline(case.load_settings().nlp_model)
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64, n_process=case.load_settings().workers):
        pass
else:
    from casegraph.nlp.extract import extract
    from casegraph.nlp.recognize import load_pipeline
    load_pipeline(case.load_settings().nlp_model)
    start = time.perf_counter()
    extract(case, progress=False)
seconds = time.perf_counter() - start
if events_seconds is not None:
    seconds -= events_seconds  # spaCy's own time, for the comparison
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "words": words, "pages": len(texts), "rss_mb": rss,
                  "events_seconds": events_seconds}))
"""


def built_case(work: Path, n: int) -> Path:
    """An ingested case of N trove files (OCR off: only text is measured), cached."""
    folder = work / "cases" / f"extract-n{n}"
    if not (folder / "case.sqlite").exists():
        shutil.rmtree(folder, ignore_errors=True)
        case = Case.create(folder, Settings(workers=2, ocr=False))
        ingest(case, [cached_trove(work, n)], progress=False)
    return folder


def measure(mode: str, case_dir: Path) -> dict:
    """Run one configuration in a fresh process; its figures."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(case_dir)], capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"{mode} failed: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout)


def main() -> None:
    """Measure each N, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(".bench"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    byte_compile_casegraph()
    lines = [
        "| N | pages | words | spaCy nlp.pipe words/s | spaCy nlp.pipe, n_process=workers"
        " | casegraph extract words/s | ratio | ratio to n_process | events+claims words/s"
        " | spaCy peak RSS MB | extract peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n in args.n:
        source = built_case(args.work, n)
        copy = args.work / "cases" / f"extract-n{n}-run"
        runs: dict[str, list[dict]] = {"spacy": [], "spacy-processes": [], "extract": []}
        for _ in range(args.rounds):
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(source, copy)
            for mode, found in runs.items():
                found.append(measure(mode, copy if mode == "extract" else source))
        ours = runs["extract"][0]
        rate = {
            mode: statistics.median(r["words"] / r["seconds"] for r in found)
            for mode, found in runs.items()
        }
        events_rate = statistics.median(r["words"] / r["events_seconds"] for r in runs["spacy"])
        s, p, c = rate["spacy"], rate["spacy-processes"], rate["extract"]
        lines.append(
            f"| {n:,} | {ours['pages']:,} | {ours['words']:,} | {s:,.0f} | {p:,.0f} | {c:,.0f} "
            f"| {c / s:.2f} | {c / p:.2f} | {events_rate:,.0f} "
            f"| {max(r['rss_mb'] for r in runs['spacy']):.0f} "
            f"| {max(r['rss_mb'] for r in runs['extract']):.0f} |"
        )
        print(lines[-1], file=sys.stderr)
    report = "\n".join(["# Extraction speed", "", *lines, ""])
    print(report)
    (args.out or args.work / "extract.md").write_text(report)


if __name__ == "__main__":
    main()
