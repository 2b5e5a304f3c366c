"""The workbench's pages and their JSON twins: each reads the case through the functions the
command line calls, on its server thread's connection. Writes only what a person asks for
with the workbench's token: a transcription, a merge or a split, as their commands do."""

from __future__ import annotations

import getpass
import io
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from ..case.sql import display_path, json_text
from ..case.store import Case
from ..errors import (
    DamagedCase,
    ForgedRequest,
    QuerySyntaxError,
    UnknownFinding,
    UnknownPage,
    one_line,
)
from ..listings import PageDetail
from ..search.engine import search_case
from ..search.query import ParsedQuery, parse_query
from ..search.snippet import match_spans
from ..stages import READ_PAGES
from .html import templates

HITS_PER_PAGE = 20
ENTITIES_PER_PAGE = 50
MENTIONS_PER_PAGE = 50
EVENTS_PER_PAGE = 100
# the graph draws every relation and the actors most often named beside it, this many
WEAK_LINKS_SHOWN = 20
PASSAGES_SHOWN = 25
TOP_ON_HOME = 8  # findings and entities on the case's page
PICTURE_WIDTH = 1400  # pixels: a page on a wide screen, not the scan's own resolution


class Json(JSONResponse):
    """JSON as the command line's --json writes it: a name's bytes that are not UTF-8 as
    the text \\xNN, never an error."""

    def render(self, content: Any) -> bytes:
        return json_text(content, indent=None).encode("utf-8")


class Pages:
    """The endpoints, each reading the case through its thread's connection."""

    def __init__(self, case_dir: Path):
        self.case_dir = case_dir
        self.opened = threading.local()
        # every form that changes the case carries it: another site's page cannot read it
        self.token = secrets.token_urlsafe(32)
        self.name = case_dir.resolve().parent.name if case_dir.name == "case" else case_dir.name

    @contextmanager
    def _case(self) -> Iterator[Case]:
        """The case, opened once in each of the server's threads (an SQLite connection
        belongs to its thread; opening the search index costs more than most searches)."""
        case = getattr(self.opened, "case", None)
        if case is None:
            # as the command line opens it; read-only where the folder cannot be written
            case = Case.open(self.case_dir, read_only=not os.access(self.case_dir, os.W_OK))
            self.opened.case = case
        case.index.refresh()
        yield case

    def _page(self, request: Request, template: str, **context: Any) -> Response:
        shared = {"case_name": self.name, "token": self.token}
        return templates().TemplateResponse(request, template, {**shared, **context})

    def home_json(self, _request: Request) -> Response:
        with self._case() as case:
            return Json(case.status(READ_PAGES))

    def home(self, request: Request) -> Response:
        with self._case() as case:
            status = case.status(READ_PAGES)
            entities = case.entities.select(None, None)[:TOP_ON_HOME]
        findings = self._findings()[:TOP_ON_HOME] if status["entities"] else []
        return self._page(request, "home.html", status=status, entities=entities, findings=findings)

    def search_json(self, request: Request) -> Response:
        return Json(self._search(request, pieces=False))

    def search(self, request: Request) -> Response:
        found = self._search(request, pieces=True)
        return self._page(request, "search.html", found=found, step=HITS_PER_PAGE)

    def _search(self, request: Request, pieces: bool) -> dict[str, Any]:
        query = request.query_params.get("q", "")
        offset = _number(request.query_params.get("offset"), 0)
        if not query.strip():
            return {"query": query, "read_as": "", "total": 0, "offset": 0, "hits": []}
        with self._case() as case:
            return search_case(case, query, HITS_PER_PAGE, offset, pieces=pieces, facets=True)

    def document_json(self, request: Request) -> Response:
        with self._case() as case:
            return Json(case.documents.get(request.path_params["doc_id"]))

    def document(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        with self._case() as case:
            detail = case.documents.get(doc_id, pages=False)
            numbers = case.pages.numbers(detail["doc_id"])
            number = _number(request.query_params.get("page"), numbers[0] if numbers else 1)
            page = case.pages.one(detail["doc_id"], number) if numbers else None
            children = case.documents.labels(detail["children"])
            words = _ocr_words(case, detail["doc_id"], page) if page else None
        parsed = _parsed(request.query_params.get("q", ""))
        marks = []
        if page and parsed:
            marks = match_spans(page["text"], parsed.terms, prefixes=parsed.prefixes)
        return self._page(
            request,
            "document.html",
            doc=detail,
            children=children,
            page=page,
            numbers=numbers,
            query=request.query_params.get("q", ""),
            marks=marks,
            picture=page is not None and _has_picture(detail["mime"]),
            words=words,
        )

    def page_image(self, request: Request) -> Response:
        from ..ocr.images import page_picture

        with self._case() as case:
            detail = case.documents.get(request.path_params["doc_id"], pages=False)
            number = request.path_params["number"]
            case.pages.one(detail["doc_id"], number)  # the page exists
            path = case.blobs.path(detail["sha256"])
        if not _has_picture(detail["mime"]):
            raise UnknownPage(f"page {number} of {detail['doc_id']} is text, not a picture")
        try:
            picture = page_picture(path, detail["mime"] or "", number, PICTURE_WIDTH)
        except Exception as error:  # a damaged or hostile file: no picture, the text stays
            raise UnknownPage(
                f"page {number} of {detail['doc_id']} cannot be drawn: {one_line(error)}"
            ) from None
        out = io.BytesIO()
        picture.save(out, "PNG")
        return Response(out.getvalue(), media_type="image/png")

    def original(self, request: Request) -> Response:
        with self._case() as case:
            detail = case.documents.get(request.path_params["doc_id"], pages=False)
            path = case.blobs.path(detail["sha256"])
        if not path.is_file():
            raise DamagedCase(
                f"the original of {detail['doc_id']} is missing from the case's store;"
                f" run: casegraph check {self.case_dir}"
            )
        # a name's bytes that are not UTF-8 would not go into a header
        name = PurePosixPath(display_path(detail["paths"][0])).name if detail["paths"] else ""
        # an original may be hostile: never shown inline, never sniffed into HTML
        return FileResponse(
            path,
            media_type="application/octet-stream",
            filename=name or detail["doc_id"],
            content_disposition_type="attachment",
        )

    def entities_json(self, request: Request) -> Response:
        return _listing(request, self._entities(request))

    def entities(self, request: Request) -> Response:
        return self._page(
            request,
            "entities.html",
            **_paged(request, self._entities(request), ENTITIES_PER_PAGE),
            type_name=request.query_params.get("type", ""),
        )

    def _entities(self, request: Request) -> list[Any]:
        type_name = request.query_params.get("type") or None
        with self._case() as case:
            return case.entities.select(type_name, None)

    def entity_json(self, request: Request) -> Response:
        return Json(self._entity(request))

    def entity(self, request: Request) -> Response:
        detail = self._entity(request)
        offset = _number(request.query_params.get("offset"), 0)
        return self._page(
            request,
            "entity.html",
            entity=detail,
            mentions=detail["mentions"][offset : offset + MENTIONS_PER_PAGE],
            offset=offset,
            step=MENTIONS_PER_PAGE,
        )

    def _entity(self, request: Request) -> dict[str, Any]:
        with self._case() as case:
            found = case.entities.get(case.entities.find(request.path_params["entity_id"]))
            return dict(found)

    def timeline_json(self, request: Request) -> Response:
        return _listing(request, self._timeline(request))

    def timeline(self, request: Request) -> Response:
        rows = self._timeline(request)
        with self._case() as case:
            given = [case.entities.find(actor) for actor in request.query_params.getlist("actor")]
            names = [case.entities.get(actor)["name"] for actor in given]
        return self._page(
            request,
            "timeline.html",
            **_paged(request, rows, EVENTS_PER_PAGE),
            actors=dict(zip(given, names, strict=True)),
        )

    def _timeline(self, request: Request) -> list[Any]:
        from ..analysis.graph import timeline

        with self._case() as case:
            ids = [case.entities.find(actor) for actor in request.query_params.getlist("actor")]
            return timeline(case, ids)[0]

    def graph_json(self, request: Request) -> Response:
        return Json(self._graph(request))

    def graph(self, request: Request) -> Response:
        view = self._graph(request)
        weak = sorted(view["weak_links"], key=lambda link: -len(link["evidence"]))
        shown = view["relations"] + weak[:WEAK_LINKS_SHOWN]
        drawn = {
            "actor": view["actor"],
            "links": [
                {"other": link["other"], "kind": link.get("quad") or link["kind"]} for link in shown
            ],
        }
        return self._page(
            request,
            "graph.html",
            view=view,
            links=shown,
            left_out=len(weak) - len(weak[:WEAK_LINKS_SHOWN]),
            drawn=drawn,
            most=PASSAGES_SHOWN,
        )

    def _graph(self, request: Request) -> dict[str, Any]:
        from ..analysis.graph import actor_view

        actor = request.query_params.get("actor", "")
        with self._case() as case:
            return actor_view(case, case.entities.find(actor))

    def findings_json(self, _request: Request) -> Response:
        return Json(self._findings())

    def findings(self, request: Request) -> Response:
        return self._page(request, "findings.html", findings=self._findings())

    def finding_json(self, request: Request) -> Response:
        return Json(self._finding(request))

    def finding(self, request: Request) -> Response:
        finding = self._finding(request)
        with self._case() as case:
            labels = case.documents.labels({p["doc_id"] for p in finding["evidence"]})
        return self._page(request, "finding.html", finding=finding, labels=labels)

    def _findings(self) -> list[dict[str, Any]]:
        """The case's findings, worked out again only when the case has changed since."""
        from ..analysis.findings import find

        with self._case() as case:
            kept = getattr(self.opened, "findings", None)
            if kept is None or kept[0] != case.mark():
                found = [dict(finding) for finding in find(case)]
                self.opened.findings = kept = (case.mark(), found)
            return list(kept[1])

    def _finding(self, request: Request) -> dict[str, Any]:
        wanted = request.path_params["finding_id"]
        for finding in self._findings():
            if finding["id"] == wanted:
                return finding
        raise UnknownFinding(f"no finding with id {wanted!r} (see: casegraph findings)")

    # -- what a person changes ----------------------------------------------------------------

    def review_json(self, _request: Request) -> Response:
        with self._case() as case:
            return Json(case.pages.review_queue())

    def review(self, request: Request) -> Response:
        with self._case() as case:
            queue = case.pages.review_queue()
        return self._page(request, "review.html", queue=queue)

    def transcription(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        with self._case() as case:
            detail = case.documents.get(doc_id, pages=False)
            page = case.pages.one(detail["doc_id"], _number(request.query_params.get("page"), 1))
        return self._page(
            request,
            "transcribe.html",
            doc=detail,
            page=page,
            picture=_has_picture(detail["mime"]),
        )

    async def transcribe(self, request: Request) -> Response:
        form = await self._checked_form(request)
        doc_id, number = request.path_params["doc_id"], _number(str(form.get("page")), 0)
        text, by = str(form.get("text", "")), str(form.get("by") or "") or getpass.getuser()
        await run_in_threadpool(self._transcribe, doc_id, number, text, by)
        return RedirectResponse(f"/documents/{doc_id}?page={number}", status_code=303)

    def _transcribe(self, doc_id: str, number: int, text: str, by: str) -> None:
        with self._case() as case:
            case.pages.transcribe(doc_id, number, text.replace("\r\n", "\n"), by)

    async def merge(self, request: Request) -> Response:
        form = await self._checked_form(request)
        kept = await run_in_threadpool(
            self._judge, "merge", request.path_params["entity_id"], str(form.get("other", ""))
        )
        return RedirectResponse(f"/entities/{kept}", status_code=303)

    async def split(self, request: Request) -> Response:
        form = await self._checked_form(request)
        kept = await run_in_threadpool(
            self._judge, "split", request.path_params["entity_id"], str(form.get("alias", ""))
        )
        return RedirectResponse(f"/entities/{kept}", status_code=303)

    def _judge(self, kind: str, entity: str, other: str) -> str:
        """Record a merge or a split as the command line does, resolve again, and say which
        entity the first one is now (resolution gives ids anew)."""
        from ..nlp.extract import resolve_case

        with self._case() as case:
            entity_id = case.entities.find(entity)
            name, key = case.entities.get(entity_id)["name"], case.entities.key(entity_id)
            if kind == "merge":
                case.reviews.add_judgement(
                    "merge", key, case.entities.key(case.entities.find(other)), None
                )
            else:
                case.reviews.add_judgement("split", key, None, other)
            resolve_case(case)
            return case.entities.find(name)

    async def _checked_form(self, request: Request) -> Any:
        """The form of a change, once it is known to come from the workbench's own page."""
        origin = request.headers.get("origin")
        here = f"{request.url.scheme}://{request.url.netloc}"
        form = await request.form()
        if (origin and origin != here) or not secrets.compare_digest(
            str(form.get("token", "")), self.token
        ):
            raise ForgedRequest(
                "this change did not come from the workbench's own page; open the page again"
                " and make it there"
            )
        return form


def _has_picture(mime: str | None) -> bool:
    """Whether a document's pages can be shown as pictures (PDF pages, scans and photos)."""
    return mime == "application/pdf" or (mime or "").startswith("image/")


def _ocr_words(case: Case, doc_id: str, page: PageDetail) -> dict[str, Any] | None:
    """Where each word of an OCR'd page stands on its picture: the words' character offsets
    and boxes, and the size of the picture OCR read; none where the text is not OCR's."""
    if page["source"] != "ocr":
        return None
    for layer in reversed(case.pages.layers(doc_id, page["number"])):
        if layer["source"] == "ocr" and layer["text"] == page["text"] and layer["image"]:
            boxes = [[word["start"], word["end"], *word["box"]] for word in layer["words"]]
            return {"boxes": boxes, **layer["image"]}
    return None


def _parsed(query: str) -> ParsedQuery | None:
    """The query the viewer marks, or none when there is none or it does not parse (the page
    opens all the same)."""
    try:
        return parse_query(query) if query.strip() else None
    except QuerySyntaxError:
        return None


def _listing(request: Request, rows: list[Any]) -> Response:
    """A listing's JSON twin: every row, or --limit and --offset's share of them."""
    offset = _number(request.query_params.get("offset"), 0)
    limit = _number(request.query_params.get("limit"), len(rows))
    return Json(rows[offset : offset + limit])


def _paged(request: Request, rows: list[Any], step: int) -> dict[str, Any]:
    """One page of a listing for a template: its rows, how many in all, where it starts."""
    offset = _number(request.query_params.get("offset"), 0)
    return {
        "rows": rows[offset : offset + step],
        "total": len(rows),
        "offset": offset,
        "step": step,
    }


def _number(text: str | None, default: int) -> int:
    """A whole number from the address, or the default when it is none."""
    return int(text) if text and text.isdigit() else default
