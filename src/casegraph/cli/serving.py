"""The serve command: the browser workbench of one case folder, on this machine by default, or
of every case of a server's database, behind sign-in."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path
from typing import Any

import click

LOOPBACK = "127.0.0.1"


class Served(click.ParamType[Any, Any]):
    """A case folder, or a server's database (postgresql://host/database; a '#case' ending
    is taken as the database's)."""

    name = "case"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..case.address import is_server_address

        if isinstance(value, str) and is_server_address(value):
            return value.partition("#")[0]
        return Path(value)


@click.command()
@click.argument("served", metavar="CASE|DATABASE", type=Served())
@click.option("--host", default=LOOPBACK, show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the workbench in the browser.")
@click.option(
    "--oidc-issuer",
    metavar="URL",
    help="A server's workbench: sign in through this OpenID Connect provider too"
    " (its client's secret in CASEGRAPH_OIDC_SECRET).",
)
@click.option("--oidc-client-id", metavar="ID", help="The workbench's client id at the provider.")
@click.option(
    "--oidc-claim",
    default="preferred_username",
    show_default=True,
    help="The ID token's claim that names the casegraph account.",
)
def serve(
    served: Path | str,
    host: str,
    port: int,
    open_browser: bool,
    oidc_issuer: str | None,
    oidc_client_id: str | None,
    oidc_claim: str,
) -> None:
    """Open the case in the browser workbench: search, read, follow the evidence. Given a
    server's database, every case a signed-in person may open, as their role allows."""
    import uvicorn

    from ..case.address import without_password
    from ..errors import BadSetting
    from ..web.app import create_app
    from ..web.oidc import OidcSettings
    from ..web.server import create_server_app

    if oidc_issuer and isinstance(served, Path):
        raise BadSetting("a case folder's workbench has no sign-in: --oidc-issuer is a server's")
    if isinstance(served, Path):
        app = create_app(served)
        if not _is_loopback(host):
            click.echo(
                f"warning: serving on {host}: anyone who can reach this address reads the whole"
                " case; a case folder's workbench has no accounts (a server case's has)",
                err=True,
            )
    else:
        oidc = None
        if oidc_issuer:
            oidc = OidcSettings.from_options(oidc_issuer, oidc_client_id, oidc_claim)
        app = create_server_app(served, oidc)
        if not _is_loopback(host):
            click.echo(
                f"warning: serving on {host} over plain HTTP: passwords and session cookies"
                " travel in clear; serve on 127.0.0.1 behind a TLS proxy on this machine"
                ' (docs/web.md, "On a server")',
                err=True,
            )
    address = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    shown = without_password(served) if isinstance(served, str) else served
    click.echo(f"casegraph workbench of {shown} at {address} (Ctrl-C stops it)", err=True)
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
