"""The workbench served for real (uvicorn on a free port of 127.0.0.1) and a real Chromium."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.settings import Settings
from casegraph.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# what a person looks at after a run: one picture of each page the browser tests open
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".test-output" / "screenshots"
# payloads that would run or load something if a page put them into its HTML unescaped
PAYLOAD = '<img src=x onerror="window.xss=1"><script>window.xss=2</script>'
# a file name holds no slash
NAMED_PAYLOAD = '<img src=x onerror="window.xss=4"><svg onload="window.xss=5">'


@contextmanager
def serving(case_dir: Path) -> Iterator[str]:
    """The case's workbench on a free port for as long as the block runs; its address."""
    with serving_app(create_app(case_dir)) as address:
        yield address


@contextmanager
def serving_app(app: Starlette) -> Iterator[str]:
    """A workbench application on a free port for as long as the block runs; its address."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not (server.started and server.servers):
        assert time.monotonic() < deadline, "the workbench did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def demo_site(demo_summary: dict) -> Iterator[str]:
    """The demo case's workbench."""
    with serving(Path(demo_summary["case"])) as address:
        yield address


@pytest.fixture(scope="module")
def copy_case(demo_summary: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo case, which these tests change."""
    copy = tmp_path_factory.mktemp("changed") / "case"
    shutil.copytree(demo_summary["case"], copy)
    return copy


@pytest.fixture(scope="module")
def copy_site(copy_case: Path) -> Iterator[str]:
    """The workbench of the copy."""
    with serving(copy_case) as address:
        yield address


def write_hostile_trove(root: Path) -> Path:
    """Files whose names, titles, texts and e-mail headers carry script payloads."""
    trove = root / "hostile"
    trove.mkdir()
    (trove / f"{NAMED_PAYLOAD}.txt").write_text(f"fuel ledger {PAYLOAD} 𝔣𝔲𝔢𝔩 😀 وقود\nnext\n")
    (trove / "page.html").write_text(
        f"<html><head><title>{PAYLOAD.replace('<', '&lt;')}</title></head>"
        f"<body><p>fuel report &lt;script&gt;window.xss=3&lt;/script&gt;</p></body></html>"
    )
    (trove / "mail.eml").write_text(
        f"From: {PAYLOAD} <a@example.org>\r\nTo: b@example.org\r\nSubject: fuel {PAYLOAD}\r\n"
        "Date: Tue, 3 Mar 2015 10:00:00 +0000\r\n\r\nfuel body\r\n"
    )
    # a name whose bytes are not UTF-8, as old archives and Windows shares give them
    (trove / os.fsdecode(b"caf\xe9 latin.txt")).write_text("A latin name.\n")
    return trove


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The workbench of a case made of hostile files only."""
    root = tmp_path_factory.mktemp("hostile")
    case = Case.create(root / "case", Settings(workers=1, ocr=False))
    ingest(case, [write_hostile_trove(root)], progress=False)
    case.close()
    with serving(root / "case") as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: make test installs Debian's chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page; what scripts it ran and what it asked of the user are kept on it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    opened = context.new_page()
    opened.dialogs = []
    opened.errors = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    # a script or style the Content-Security-Policy refused is reported here
    opened.on(
        "console",
        lambda message: message.type == "error" and opened.errors.append(message.text),
    )
    yield opened
    context.close()


def snapshot(page: object, name: str) -> None:
    """Keep a picture of the page for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
