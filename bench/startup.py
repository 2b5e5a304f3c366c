"""What a quick command costs as a whole process: start-up, status, search, an idle extract.

    python bench/startup.py CASE [--runs 7]

Reads a built case (``casegraph demo`` writes one; the case is copied first, so the idle
extract's one-off bookkeeping does not touch it). Prints a markdown table of the median and
the slowest wall time of each command over ``--runs`` runs, next to ``python -c pass`` in
the same run, with the machine's facts. Writes only the copy, in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from troves import byte_compile_casegraph

CASEGRAPH = [sys.executable, "-m", "casegraph"]


def commands(case: Path) -> dict[str, list[str]]:
    """Each figure's name and the process that makes it."""
    return {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "casegraph --help": [*CASEGRAPH, "--help"],
        "casegraph status": [*CASEGRAPH, "status", str(case)],
        "casegraph search convoy": [*CASEGRAPH, "search", str(case), "convoy"],
        "casegraph extract (nothing new)": [*CASEGRAPH, "extract", str(case), "--json"],
    }


def timed(command: list[str]) -> float:
    """Wall seconds of one run of a command, its output thrown away."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def machine() -> str:
    load = os.getloadavg()[0]
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores,"
        f" load {load:.2f} at start, Python {platform.python_version()}, {platform.platform()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", type=Path, help="a built case folder")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {machine()}\n")
    byte_compile_casegraph()
    with tempfile.TemporaryDirectory() as work:
        case = Path(work) / "case"
        shutil.copytree(args.case, case)
        table = commands(case)
        timed(table["casegraph extract (nothing new)"])  # the first idle run records its state
        print("| command | median s | slowest s |\n|---|---:|---:|")
        for name, command in table.items():
            runs = [timed(command) for _ in range(args.runs)]
            print(f"| {name} | {statistics.median(runs):.3f} | {max(runs):.3f} |")


if __name__ == "__main__":
    main()
