"""The serve command: the browser workbench of one case, on this machine by default."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path

import click

from .common import CASE_ARG, folder_only

LOOPBACK = "127.0.0.1"


@click.command()
@CASE_ARG
@click.option("--host", default=LOOPBACK, show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the workbench in the browser.")
def serve(case_dir: Path, host: str, port: int, open_browser: bool) -> None:
    """Open the case in the browser workbench: search, read, follow the evidence."""
    import uvicorn

    from ..web.app import create_app

    app = create_app(folder_only(case_dir, "serve"))
    if not _is_loopback(host):
        click.echo(
            f"warning: serving on {host}: anyone who can reach this address reads the whole"
            " case; the workbench has no accounts yet",
            err=True,
        )
    address = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    click.echo(f"casegraph workbench of {case_dir} at {address} (Ctrl-C stops it)", err=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (address,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    """Whether only this machine can reach the address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
