"""Ingest of real files nobody here wrote, against a plain loop of the same libraries.

    python bench/ingest_real.py [--work .bench] [--rounds 2]

Assembles a mix from what a Debian machine holds: every package's copyright text
(/usr/share/doc/*/copyright), the documentation's HTML pages (/usr/share/doc/**/*.html)
and the real e-mails of the robustness corpus (scripts/real_corpus.py's cache: Python's
e-mail test messages and mail-parser's test mails). Then, alternating (A B A B ...),
`casegraph ingest` into a fresh case with 2 and with 1 worker, OCR off (the baseline reads
no pictures), with 2 workers and OCR on (the default), and a baseline: one process
that detects each file's type with libmagic, hashes it, takes its text (UTF-8 or
charset-normalizer, lxml for HTML, the e-mail parser for mail) and inserts it into an FTS5
table. Prints files/s, the ratio to the baseline and the peak RSS of each process tree
(medians over the rounds), with the machine's facts.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from troves import byte_compile_casegraph

DEFAULT_WORK = Path(__file__).resolve().parent.parent / ".bench"
REAL_CORPUS = Path.home() / ".cache" / "casegraph" / "real-corpus" / "files"
MAIL_FOLDERS = ("mail-parser-4.8.0/tests/mails", "libpython3.11-testsuite")

BASELINE = """
import email, email.policy, hashlib, sqlite3, sys
from pathlib import Path
import charset_normalizer, lxml.html, magic
files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.is_file())
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE VIRTUAL TABLE pages USING fts5(body)")
for path in files:
    mime, data = magic.from_file(str(path), mime=True), path.read_bytes()
    hashlib.sha256(data).hexdigest()
    if mime == "text/html":
        text = lxml.html.fromstring(data).text_content() if data.strip() else ""
    elif mime == "message/rfc822":
        body = email.message_from_bytes(data, policy=email.policy.default).get_body(("plain",))
        text = body.get_content() if body is not None else ""
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = str(charset_normalizer.from_bytes(data).best() or "")
    db.execute("INSERT INTO pages VALUES (?)", (text,))
db.commit()
"""


def assemble(folder: Path) -> int:
    """Copy the mix into folder (once); the number of files in it."""
    if not folder.exists():
        staging = folder.with_suffix(".partial")
        shutil.rmtree(staging, ignore_errors=True)
        sources = {
            "text": sorted(Path("/usr/share/doc").glob("*/copyright")),
            "html": sorted(p for p in Path("/usr/share/doc").rglob("*.html") if p.is_file()),
            "mail": [
                path
                for name in MAIL_FOLDERS
                for path in sorted((REAL_CORPUS / name).rglob("*"))
                if path.is_file() and ("mail" in path.name or "msg_" in path.name)
            ],
        }
        for kind, paths in sources.items():
            (staging / kind).mkdir(parents=True)
            for number, path in enumerate(paths):
                shutil.copyfile(path, staging / kind / f"{number:05d}-{path.name}")
        staging.rename(folder)
    return sum(1 for path in folder.rglob("*") if path.is_file())


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a command, and the peak RSS (MiB) of the biggest process of its tree
    (the kernel's figure for a child and the descendants it waited for)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command[:4])} failed with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def one_round(mix: Path, work: Path) -> dict[str, tuple[float, float]]:
    """Each way of ingesting the mix once, into fresh outputs."""
    shutil.rmtree(work / "runs", ignore_errors=True)
    (work / "runs").mkdir(parents=True)
    # the baseline reads no pictures: casegraph's OCR of the mix's images (19 pages in the
    # e-mails' attachments and PDFs) is work it does not do, so it is timed on its own row
    for case, ocr in (("case1", "false"), ("case2", "false"), ("case2-ocr", "true")):
        init = [sys.executable, "-m", "casegraph", "init", str(work / "runs" / case)]
        subprocess.run([*init, "--set", f"ocr={ocr}"], check=True, capture_output=True)
    casegraph = [sys.executable, "-m", "casegraph", "ingest"]
    return {
        "casegraph, 2 workers": measured(
            [*casegraph, str(work / "runs" / "case2"), str(mix), "--workers", "2"]
        ),
        "baseline loop": measured(
            [sys.executable, "-c", BASELINE, str(mix), str(work / "runs" / "base.sqlite")]
        ),
        "casegraph, 1 worker": measured(
            [*casegraph, str(work / "runs" / "case1"), str(mix), "--workers", "1"]
        ),
        "casegraph, 2 workers, with OCR (as by default)": measured(
            [*casegraph, str(work / "runs" / "case2-ocr"), str(mix), "--workers", "2"]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    byte_compile_casegraph()
    files = assemble(args.work / "realmix")
    rounds = [one_round(args.work / "realmix", args.work) for _ in range(args.rounds)]
    load = os.getloadavg()[0]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load {load:.2f},"
        f" Python {platform.python_version()}; {files} files; {args.rounds} rounds\n"
    )
    baseline = statistics.median(r["baseline loop"][0] for r in rounds)
    print("| run | files/s | ratio to the baseline | peak RSS MiB |\n|---|---:|---:|---:|")
    for name in rounds[0]:
        seconds = statistics.median(r[name][0] for r in rounds)
        peak = max(r[name][1] for r in rounds)
        print(f"| {name} | {files / seconds:,.0f} | {baseline / seconds:.2f} | {peak:,.0f} |")


if __name__ == "__main__":
    main()
