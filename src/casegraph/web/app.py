"""The workbench of one case: its addresses, the headers every answer carries and the one
shape of its errors.

The pages are in ``pages.py``, the filters that put document text into HTML in ``html.py``.
Every answer carries a Content-Security-Policy that allows this origin alone, and every
string that comes from a document reaches a page escaped."""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Lifespan

from ..case.store import Case
from ..errors import (
    CaseGraphError,
    DamagedCase,
    ForgedRequest,
    NotACase,
    NotAllowed,
    NotSignedIn,
    TooManySignIns,
    UnknownDocument,
    UnknownEntity,
    UnknownFinding,
    UnknownNote,
    UnknownPage,
)
from .access import CASE_ROUTES, CaseRoute
from .html import HERE, templates
from .pages import Json, Pages

# this origin alone; no inline script or style, no plug-ins, no framing, no foreign forms
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
NOT_FOUND = (
    NotACase,
    UnknownDocument,
    UnknownEntity,
    UnknownFinding,
    UnknownNote,
    UnknownPage,
)
REFUSED = {NotSignedIn: 401, ForgedRequest: 403, NotAllowed: 403, TooManySignIns: 429}
# a JSON twin's address: /api... of a case folder's workbench, /cases/NAME/api... on a server
API_PATH = re.compile(r"(/cases/[^/]+)?/api(/|$)")
CASE_PREFIX = re.compile(r"/cases/[^/]+")


def create_app(case_dir: Path) -> Starlette:
    """The workbench of the case in case_dir."""
    Case.open(case_dir, read_only=True).close()  # not a case: say so now, not at each page
    pages = Pages(case_dir)
    routes = [
        *case_routes(pages, CASE_ROUTES),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return workbench(routes)


def workbench(routes: list[BaseRoute], lifespan: Lifespan[Starlette] | None = None) -> Starlette:
    """An application of these routes, with the headers every answer carries and the one
    shape of its errors."""
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=_guarded)],
        exception_handlers={CaseGraphError: _error, HTTPException: _error, Exception: _error},
    )


def case_routes(pages: Pages, table: tuple[CaseRoute, ...]) -> list[BaseRoute]:
    """The routes of a table, each answered by the endpoint of that name in pages."""
    return [
        Route(route.path, getattr(pages, route.endpoint), methods=list(route.methods))
        for route in table
    ]


async def _guarded(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Every answer: this origin only, its type as declared, referrers kept to this origin, and how
    long the workbench took to make it (Server-Timing, which browsers' tools show)."""
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    # a form of this origin says so (Origin), which the check of a change reads
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def _error(request: Request, error: Exception) -> Response:
    """One error shape, as the command line's --json prints it; a page for a person."""
    code, message, status = _described(request, error)
    if API_PATH.match(request.url.path):
        return Json({"error": {"code": code, "message": message}}, status_code=status)
    # on a server, an error inside a case keeps the case's sections; outside, there are none
    inside = CASE_PREFIX.match(request.url.path) if _serves_database(request) else None
    where = {
        "case_name": "",
        "base": inside.group(0) if inside else "",
        "bare": _serves_database(request) and not inside,
    }
    return templates().TemplateResponse(
        request, "error.html", {**where, "code": code, "message": message}, status_code=status
    )


def _serves_database(request: Request) -> bool:
    return bool(getattr(request.app.state, "serves_database", False))


def _described(request: Request, error: Exception) -> tuple[str, str, int]:
    """An error's code, line and HTTP status: a coded error is the user's to fix."""
    if isinstance(error, CaseGraphError):
        if isinstance(error, NOT_FOUND):
            return error.code, str(error), 404
        if isinstance(error, DamagedCase):  # the case's fault, not the request's
            return error.code, str(error), 500
        return error.code, str(error), REFUSED.get(type(error), 400)
    if isinstance(error, HTTPException):
        if error.status_code == 404:
            return "E404", f"no page at {request.url.path}", 404
        return f"E{error.status_code}", str(error.detail), error.status_code
    message = " ".join(f"internal error: {type(error).__name__}: {error}".split())[:500]
    return "E999", message, 500
