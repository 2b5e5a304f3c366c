"""The workbench under load: search and viewer p95 with several people at once, a server case
against the same case served from its folder.

    .venv/bin/python bench/server_web.py [--n 100000] [--users 1 10] [--rounds 3]
                                         [--work .bench] [--out F]

Builds (or reuses) bench/search.py's case of N documents (made through the store), copies it
onto a new PostgreSQL database with `casegraph copy` (timed), adds one account per user with
a role on the case, and serves it with `casegraph serve DATABASE` in a process of its own;
the folder case is served by `casegraph serve FOLDER` the same way. Then for each count of
--users, that many threads,
all at once, each signed in (on the server) with its own session, ask --rounds times each
of bench/search.py's 20 searches and the viewer at each search's first hit, each thread
starting at another place in the list. Reports, per kind of page, the median and p95 of the
time a user waits for the whole HTTP answer, and the answers per second of the run. The
load generator, the workbench and PostgreSQL share this machine's cores.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from casegraph.case.accounts import Accounts, Role
from casegraph.case.address import ServerAddress
from search import built_case, percentile, queries
from server import new_database, run
from troves import DEFAULT_WORK, facts_markdown, log, machine_facts, positive_int

CASE_NAME = "load"
PASSWORD = "bench pass phrase"
TARGET_P95_MS = 150.0  # search and viewer, issue 17's target for one person


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serving(served: str) -> tuple[subprocess.Popen[bytes], str]:
    """`casegraph serve` of a folder or a database in its own process; its address."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "casegraph", "serve", served, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(address + "/signin" if "://" in served else address + "/api", timeout=5)
            return process, address
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"casegraph serve {served} did not start")


def signed_in(address: str, name: str | None) -> httpx.Client:
    client = httpx.Client(base_url=address, timeout=120)
    if name is not None:
        page = client.get("/signin").text
        token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
        done = client.post(
            "/signin",
            data={"token": token, "name": name, "password": PASSWORD},
            follow_redirects=False,
        )
        if done.status_code != 303:
            raise SystemExit(f"{name} could not sign in: {done.status_code}")
    return client


def addresses(client: httpx.Client, base: str) -> list[tuple[str, str]]:
    """(kind, address) of every page the users ask for: the searches and their first hits."""
    asked = []
    for query in queries():
        text = quote(query.text)
        asked.append(("search", f"{base}/search?q={text}&offset={query.offset}"))
        hits = client.get(f"{base}/api/search", params={"q": query.text}).json()["hits"]
        if hits:
            doc, page = hits[0]["doc_id"], hits[0]["page"]
            asked.append(("viewer", f"{base}/documents/{doc}?page={page}&q={text}"))
    return asked


def load(clients: list[httpx.Client], asked: list[tuple[str, str]], rounds: int) -> dict:
    """Every client asks every address rounds times, all at once; waits by kind, in ms."""
    waits: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    lock = threading.Lock()

    def user(number: int, client: httpx.Client) -> None:
        shift = number * len(asked) // len(clients)
        order = asked[shift:] + asked[:shift]
        for _ in range(rounds):
            for kind, address in order:
                started = time.perf_counter()
                answer = client.get(address)
                took = (time.perf_counter() - started) * 1000
                with lock:
                    waits[kind].append(took)
                    if answer.status_code != 200:
                        failures.append(f"{answer.status_code} {address}")

    threads = [threading.Thread(target=user, args=pair) for pair in enumerate(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    answers = sum(len(values) for values in waits.values())
    return {"waits": waits, "failures": failures, "seconds": seconds, "rate": answers / seconds}


def measured(served: str, base: str, names: list[str | None], rounds: int) -> dict[str, Any]:
    process, address = serving(served)
    try:
        clients = [signed_in(address, name) for name in names]
        asked = addresses(clients[0], base)
        for _kind, page in asked:  # once each, to warm up
            clients[0].get(page)
        result = load(clients, asked, rounds)
    finally:
        process.terminate()
        process.wait(30)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=positive_int, default=100_000)
    parser.add_argument("--users", type=positive_int, nargs="+", default=[1, 10])
    parser.add_argument("--rounds", type=positive_int, default=3)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    case_args = argparse.Namespace(work=args.work, build="store", seed=0, rebuild=False)
    folder, info = built_case(case_args, args.n)
    database = new_database("casegraph_bench_web")
    address = ServerAddress(database, CASE_NAME)
    log(f"copying {info['documents']} documents onto {address} ...")
    started = time.perf_counter()
    run("copy", str(folder), str(address), "--blobs", str(args.work / "server-web-files"))
    copy_seconds = time.perf_counter() - started
    names = [f"user-{number}" for number in range(max(args.users))]
    with closing(Accounts(database)) as accounts:
        for name in names:
            accounts.add_user(name, PASSWORD, admin=False, by="bench")
            accounts.grant(CASE_NAME, name, Role.READER, None, by="bench")
    lines = [
        f"### {info['documents']:,} documents, {args.rounds} rounds"
        f" (copy onto the server: {copy_seconds:.0f} s)",
        "",
        facts_markdown(machine_facts()),
        "",
        "| users at once | served from | page | answers | median ms | p95 ms | answers/s"
        " | failures |",
        "|---|---|---|---|---|---|---|---|",
    ]
    failures = []
    for users in args.users:
        results = {
            "folder": measured(str(folder), "", [None] * users, args.rounds),
            "server": measured(database, f"/cases/{CASE_NAME}", names[:users], args.rounds),
        }
        for served, result in results.items():
            failures += result["failures"]
            for kind, waits in sorted(result["waits"].items()):
                lines.append(
                    f"| {users} | {served} | {kind} | {len(waits)}"
                    f" | {statistics.median(waits):.1f} | {percentile(waits, 0.95):.1f}"
                    f" | {result['rate']:.1f} | {len(result['failures'])} |"
                )
    lines.append("")
    lines.append(f"Target (one person, issue 17): p95 under {TARGET_P95_MS:.0f} ms.")
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + "\n")
    for failure in failures[:5]:
        log(f"failed: {failure}")


if __name__ == "__main__":
    main()
