"""`casegraph serve` as a user runs it: a real process, a real port, stopped by Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import run_cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "casegraph", "serve", *args],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _answer(address: str) -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(address)
        except httpx.TransportError:
            assert time.monotonic() < deadline, "serve never answered"
            time.sleep(0.1)


def test_serve_answers_on_this_machine_and_stops_on_ctrl_c(demo_summary: dict) -> None:
    port = _free_port()
    server = _serve(demo_summary["case"], "--port", str(port))
    try:
        answer = _answer(f"http://127.0.0.1:{port}/api")
        assert answer.status_code == 200 and answer.json()["documents"] > 0
    finally:
        server.send_signal(signal.SIGINT)
        _, said = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in said
    assert "warning" not in said and "Traceback" not in said


def test_serve_on_another_address_warns_that_there_are_no_accounts(demo_summary: dict) -> None:
    port = _free_port()
    server = _serve(demo_summary["case"], "--host", "0.0.0.0", "--port", str(port))
    try:
        assert _answer(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        server.send_signal(signal.SIGINT)
        _, said = server.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0" in said and "no accounts" in said


def test_serve_on_something_not_a_case_is_one_line(tmp_path: Path) -> None:
    done = run_cli("serve", str(tmp_path / "nothing"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"casegraph: E001: {tmp_path / 'nothing'} is not a case"
        f" (run: casegraph init {tmp_path / 'nothing'})"
    ]
