"""The workbench of one case: its addresses, the headers every answer carries and the one
shape of its errors.

The pages are in ``pages.py``, the filters that put document text into HTML in ``html.py``.
Every answer carries a Content-Security-Policy that allows this origin alone, and every
string that comes from a document reaches a page escaped."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..case.store import Case
from ..errors import (
    CaseGraphError,
    DamagedCase,
    ForgedRequest,
    UnknownDocument,
    UnknownEntity,
    UnknownFinding,
    UnknownNote,
    UnknownPage,
)
from .html import HERE, templates
from .pages import Json, Pages

# this origin alone; no inline script or style, no plug-ins, no framing, no foreign forms
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
NOT_FOUND = (UnknownDocument, UnknownEntity, UnknownFinding, UnknownNote, UnknownPage)


def create_app(case_dir: Path) -> Starlette:
    """The workbench of the case in case_dir."""
    Case.open(case_dir, read_only=True).close()  # not a case: say so now, not at each page
    pages = Pages(case_dir)
    routes = [
        Route("/", pages.home),
        Route("/api", pages.home_json),
        Route("/search", pages.search),
        Route("/api/search", pages.search_json),
        Route("/documents/{doc_id}", pages.document),
        Route("/api/documents/{doc_id}", pages.document_json),
        Route("/documents/{doc_id}/original", pages.original),
        Route("/documents/{doc_id}/pages/{number:int}/picture", pages.page_image),
        Route("/entities", pages.entities),
        Route("/api/entities", pages.entities_json),
        Route("/entities/{entity_id}", pages.entity),
        Route("/api/entities/{entity_id}", pages.entity_json),
        Route("/review", pages.review),
        Route("/api/review", pages.review_json),
        Route("/documents/{doc_id}/transcribe", pages.transcription),
        Route("/documents/{doc_id}/transcribe", pages.transcribe, methods=["POST"]),
        Route("/entities/{entity_id}/merge", pages.merge, methods=["POST"]),
        Route("/entities/{entity_id}/split", pages.split, methods=["POST"]),
        Route("/documents/{doc_id}/notes", pages.add_note, methods=["POST"]),
        Route("/documents/{doc_id}/marks", pages.set_mark, methods=["POST"]),
        Route("/notes/{note_id}/delete", pages.delete_note, methods=["POST"]),
        Route("/notes", pages.notes),
        Route("/api/notes", pages.notes_json),
        Route("/map", pages.map),
        Route("/api/map", pages.map_json),
        Route("/graph", pages.graph),
        Route("/api/graph", pages.graph_json),
        Route("/timeline", pages.timeline),
        Route("/api/timeline", pages.timeline_json),
        Route("/findings", pages.findings),
        Route("/api/findings", pages.findings_json),
        Route("/findings/{finding_id}", pages.finding),
        Route("/api/findings/{finding_id}", pages.finding_json),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=_guarded)],
        exception_handlers={CaseGraphError: _error, HTTPException: _error, Exception: _error},
    )


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
    if request.url.path.startswith("/api"):
        return Json({"error": {"code": code, "message": message}}, status_code=status)
    return templates().TemplateResponse(
        request,
        "error.html",
        {"case_name": "", "code": code, "message": message},
        status_code=status,
    )


def _described(request: Request, error: Exception) -> tuple[str, str, int]:
    """An error's code, line and HTTP status: a coded error is the user's to fix."""
    if isinstance(error, CaseGraphError):
        if isinstance(error, NOT_FOUND):
            return error.code, str(error), 404
        if isinstance(error, DamagedCase):  # the case's fault, not the request's
            return error.code, str(error), 500
        return error.code, str(error), 403 if isinstance(error, ForgedRequest) else 400
    if isinstance(error, HTTPException):
        if error.status_code == 404:
            return "E404", f"no page at {request.url.path}", 404
        return f"E{error.status_code}", str(error.detail), error.status_code
    message = " ".join(f"internal error: {type(error).__name__}: {error}".split())[:500]
    return "E999", message, 500
