"""Server benchmark: a server case's ingest and extract against a laptop case's, on one trove.

Generates (or reuses) a trove of N files with bench/troves.py, then, each configuration in
fresh processes through the command line as a user runs it:

- laptop: `casegraph ingest CASE TROVE --workers 1`, then `casegraph extract CASE`;
- server, 1 and 2 worker processes: the jobs queued by `casegraph ingest` (and then
  `extract`) on a case in a new PostgreSQL database, run by `casegraph worker DB --burst
  --concurrency W`; the clock runs from queueing to the last job's end;
- server, 2 worker processes of which one is killed (SIGKILL, its whole process group) three
  times during the ingest (and again during the extract) and started again, `ingest --wait`
  (`extract --wait`) putting its jobs back.

Prints a markdown table (and writes it to --out): seconds, documents/s, jobs/s, how many
of the machine's cores were busy during the ingest and its CPU seconds per 1,000 documents
(the whole machine's, from /proc/stat: casegraph's processes, its parsers', PostgreSQL's,
and whatever else runs; run it on a quiet machine) and PostgreSQL's share of them (its
processes' CPU time, from /proc), what one worker's figures predict per added machine,
the ratios the issue sets
targets for, and whether every server case holds exactly what the laptop
case holds (every path, its content's hash and each page's text; after extract, the same
entities, events and findings).

    .venv/bin/python bench/server.py [--n 10000] [--extract] [--work .bench] [--out F]

Extraction is slow enough on two cores (about 13 minutes at 10,000 files of the demo mix
with one process) that it runs only with --extract.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from casegraph.case.address import ServerAddress
from casegraph.case.store import Case
from troves import (
    DEFAULT_WORK,
    byte_compile_casegraph,
    cached_trove,
    facts_markdown,
    log,
    machine_facts,
    positive_int,
)

CASEGRAPH = [sys.executable, "-m", "casegraph"]
SERVER = os.environ.get("CASEGRAPH_BENCH_POSTGRES", "postgresql://")
KILLS = 3


def run(*args: str) -> str:
    done = subprocess.run([*CASEGRAPH, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"casegraph {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def timed(*args: str) -> float:
    started = time.perf_counter()
    run(*args)
    return time.perf_counter() - started


def cpu_ticks() -> tuple[int, int]:
    """The machine's busy and total CPU time so far, in clock ticks of all its cores."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def postgres_ticks() -> int:
    """CPU time PostgreSQL's processes have spent so far, in clock ticks: every running one's
    own, and the postmaster's ended children's (each connection's backend, once it ended)."""
    spent = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended while being read
        head, _, tail = text.rpartition(")")
        if head.partition("(")[2] != "postgres":
            continue
        fields = tail.split()
        spent += int(fields[11]) + int(fields[12])  # utime, stime
        if _parent_name(int(fields[1])) != "postgres":  # the postmaster: its reaped children
            spent += int(fields[13]) + int(fields[14])
    return spent


def _parent_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _seconds(ticks: int) -> float:
    return ticks / os.sysconf("SC_CLK_TCK")


def busy_cores(before: tuple[int, int], after: tuple[int, int]) -> tuple[float, float]:
    """How many cores were busy on average between two readings, and the CPU seconds."""
    busy, total = after[0] - before[0], after[1] - before[1]
    cores = os.cpu_count() or 1
    return cores * busy / max(total, 1), _seconds(busy)


def new_database(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{SERVER}/{name}"


def stored_digest(location: Path | ServerAddress) -> str:
    """A hash of what a case holds: every path, its content's hash, each page's text."""
    with closing(Case.open(location, read_only=True)) as case:
        rows = case.db.execute(
            "SELECT p.path, d.sha256, g.number, g.text FROM paths p"
            " JOIN documents d ON d.doc_id = p.doc_id LEFT JOIN pages g ON g.doc_id = d.doc_id"
        )
        lines = sorted(f"{r[0]}\t{r[1]}\t{r[2] or 0}\t{r[3] or ''}" for r in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def found_digest(location: str) -> str:
    """A hash of what extract found: entities, events (by id) and findings."""
    entities = json.loads(run("entities", location, "--json"))
    events = sorted(json.loads(run("events", location, "--json")), key=lambda e: e["id"])
    findings = json.loads(run("findings", location, "--json"))
    text = json.dumps([entities, events, findings], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def documents_of(location: str) -> int:
    return int(json.loads(run("status", location, "--json"))["documents"])


def laptop(work: Path, trove: Path, extract: bool) -> dict[str, Any]:
    case = work / "server-bench" / "laptop"
    subprocess.run(["rm", "-rf", str(case)], check=True)
    run("init", str(case), "--set", "workers=1")
    before, postgres_before = cpu_ticks(), postgres_ticks()
    ingest = timed("ingest", str(case), str(trove), "--workers", "1", "--json")
    return {
        "configuration": "laptop (workers=1)",
        "ingest_s": ingest,
        "cpu": busy_cores(before, cpu_ticks()),
        "postgres_s": _seconds(postgres_ticks() - postgres_before),
        "extract_s": timed("extract", str(case), "--json") if extract else None,
        "documents": documents_of(str(case)),
        "stored": stored_digest(case),
        "found": found_digest(str(case)) if extract else None,
        "jobs": None,
    }


def server(work: Path, trove: Path, workers: int, kills: int, extract: bool) -> dict[str, Any]:
    name = f"casegraph_bench_w{workers}_k{kills}"
    database = new_database(name)
    address = ServerAddress(database, "bench")
    folder = work / "server-bench" / name
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    run("init", str(address), "--blobs", str(folder), "--set", "workers=1")
    before, postgres_before = cpu_ticks(), postgres_ticks()
    if kills:
        ingest, jobs = _worked_while_killing(
            database, workers, kills, "ingest", str(address), str(trove)
        )
    else:
        ingest, jobs = _queued_then_worked(database, workers, "ingest", str(address), str(trove))
    cpu = busy_cores(before, cpu_ticks())
    postgres_s = _seconds(postgres_ticks() - postgres_before)
    extract_s = None
    if extract and kills:
        extract_s = _worked_while_killing(database, workers, kills, "extract", str(address))[0]
    elif extract:
        extract_s = _queued_then_worked(database, workers, "extract", str(address))[0]
    return {
        "configuration": f"server, {workers} worker process{'es' if workers > 1 else ''}"
        + (f", one killed {kills} times" if kills else ""),
        "ingest_s": ingest,
        "cpu": cpu,
        "postgres_s": postgres_s,
        "extract_s": extract_s,
        "documents": documents_of(str(address)),
        "stored": stored_digest(address),
        "found": found_digest(str(address)) if extract else None,
        "jobs": jobs,
    }


def _queued_then_worked(database: str, workers: int, command: str, *args: str) -> tuple[float, int]:
    started = time.perf_counter()
    queued = subprocess.run([*CASEGRAPH, command, *args], capture_output=True, text=True)
    jobs = int(queued.stderr.split()[0])
    run("worker", database, "--burst", "--concurrency", str(workers))
    return time.perf_counter() - started, jobs


def _worker(database: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CASEGRAPH, "worker", database], start_new_session=True, stderr=subprocess.DEVNULL
    )


def _worked_while_killing(
    database: str, workers: int, kills: int, command: str, *args: str
) -> tuple[float, int]:
    """Run a command's jobs with --wait beside workers, one of which is killed (SIGKILL to
    its process group) and started again ``kills`` times, 4 s apart."""
    started = time.perf_counter()
    waiting = subprocess.Popen(
        [*CASEGRAPH, command, *args, "--wait", "--json"], stdout=subprocess.PIPE, text=True
    )
    running = [_worker(database) for _ in range(workers)]
    for _ in range(kills):
        time.sleep(4)
        if waiting.poll() is not None:
            break
        os.killpg(running[0].pid, signal.SIGKILL)
        running[0].wait()
        running[0] = _worker(database)
    out, _ = waiting.communicate()
    seconds = time.perf_counter() - started
    for worker in running:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait()
    if waiting.returncode != 0:
        raise SystemExit(f"the {command} with killed workers did not succeed")
    return seconds, sum(json.loads(out)["jobs"].values())


def table(rows: list[dict[str, Any]], n: int) -> str:
    base = rows[0]
    lines = [
        "| configuration | documents | ingest s | docs/s | ingest jobs/s | cores busy |"
        " CPU s per 1,000 docs | of which PostgreSQL | extract s | same stored as laptop |"
        " same found as laptop |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        rate = row["documents"] / row["ingest_s"]
        jobs = f"{row['jobs'] / row['ingest_s']:.2f}" if row["jobs"] else "-"
        extract = f"{row['extract_s']:.1f}" if row["extract_s"] is not None else "-"
        found = "-" if row["found"] is None else "yes" if row["found"] == base["found"] else "NO"
        lines.append(
            f"| {row['configuration']} | {row['documents']:,} | {row['ingest_s']:.1f} |"
            f" {rate:.0f} | {jobs} | {row['cpu'][0]:.2f} |"
            f" {row['cpu'][1] * 1000 / row['documents']:.1f} |"
            f" {row['postgres_s'] * 1000 / row['documents']:.1f} | {extract} |"
            f" {'yes' if row['stored'] == base['stored'] else 'NO'} | {found} |"
        )
    one, two = rows[1], rows[2]
    lines += ["", _ratios(f"Ingest of {n:,} files", base, one, two, ("ingest_s",)), _spread(one)]
    if base["extract_s"] is not None:
        lines.append(_ratios("Ingest and extract", base, one, two, ("ingest_s", "extract_s")))
    return "\n".join(lines)


def _ratios(
    what: str,
    base: dict[str, Any],
    one: dict[str, Any],
    two: dict[str, Any],
    parts: tuple[str, ...],
) -> str:
    def seconds(row: dict[str, Any]) -> float:
        return float(sum(row[part] for part in parts))

    return (
        f"{what}: server with one worker process {seconds(base) / seconds(one):.2f}x the"
        f" laptop's throughput (target >= 0.8); two worker processes"
        f" {seconds(one) / seconds(two):.2f}x one (target >= 1.6)."
    )


def _spread(one: dict[str, Any]) -> str:
    """What one worker's CPU seconds predict for workers on machines of their own."""
    total, postgres = one["cpu"][1], one["postgres_s"]
    rate = one["documents"] / one["ingest_s"]
    ceiling = one["documents"] / postgres if postgres else float("inf")
    return (
        f"One worker's ingest: {total - postgres:.1f} CPU s outside PostgreSQL and"
        f" {postgres:.1f} s in it; each added machine of {os.cpu_count()} cores running a"
        f" worker adds about {rate:.0f} documents/s until PostgreSQL's share fills its own"
        f" machine, at about {ceiling:.0f} documents/s per core it has (a prediction from"
        " one machine's CPU seconds, not a measurement on several)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=positive_int, default=10_000)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--extract", action="store_true", help="Also extract, and compare.")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    byte_compile_casegraph()
    trove = cached_trove(args.work, args.n)
    rows = [laptop(args.work, trove, args.extract)]
    for workers, kills in ((1, 0), (2, 0), (2, KILLS)):
        log(f"server, {workers} workers, {kills} kills ...")
        rows.append(server(args.work, trove, workers, kills, args.extract))
    report = facts_markdown(machine_facts()) + "\n\n" + table(rows, args.n)
    print(report)
    if args.out:
        args.out.write_text(report + "\n")


if __name__ == "__main__":
    main()
