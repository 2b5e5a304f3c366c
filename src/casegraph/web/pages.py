"""The workbench's pages and their JSON twins: each reads the case through the functions the
command line calls, on its server thread's connection. Writes only what a person asks for
with the workbench's token: a transcription, a merge or a split, a note, a tag or a mark, as
their commands do."""

from __future__ import annotations

import getpass
import io
import itertools
import os
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from ..case.accounts import Role
from ..case.address import ServerAddress
from ..case.sql import display_path, json_text
from ..case.store import Case
from ..errors import (
    DamagedCase,
    ForgedRequest,
    NotAllowed,
    QuerySyntaxError,
    UnknownFinding,
    UnknownPage,
    one_line,
)
from ..listings import DocumentDetail, Note, PageDetail
from ..search.engine import search_case
from ..search.query import FILTER_FIELDS, ParsedQuery, parse_query
from ..search.snippet import match_spans
from ..stages import READ_PAGES
from .access import ROLE_MEETS, Need
from .html import templates

HITS_PER_PAGE = 20
ENTITIES_PER_PAGE = 50
MENTIONS_PER_PAGE = 50
EVENTS_PER_PAGE = 100
NOTES_PER_PAGE = 50
READINGS_SHOWN = 20  # an entity's events and claims on its page; the timeline has them all
TABLE_ROWS = 2_000  # a sheet's rows shown as a table; its text below holds every one
SHEET_TYPES = frozenset(
    {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)
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


def same_token(given: object, expected: str) -> bool:
    """Whether a form's (or an address's) token is the one expected, compared in constant
    time; any text may be given (one with other than ASCII letters is not it)."""
    return secrets.compare_digest(str(given).encode(), expected.encode())


class OpenCases:
    """The cases each server thread keeps open, at most ``most`` of them: each holds a
    database connection (PostgreSQL allows about a hundred) and an open search index, so
    the one a thread used least recently is closed when it opens another."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._local = threading.local()

    def get(self, location: Path | ServerAddress) -> Case:
        """The case, opened once in each thread (an SQLite connection belongs to its
        thread; opening the search index costs more than most searches)."""
        kept: OrderedDict[str, Case] = self.kept()
        case = kept.pop(str(location), None)
        if case is not None and case.connection_lost:
            case.close()
            case = None
        if case is None:
            # as the command line opens it; read-only where the folder cannot be written
            writable = not isinstance(location, Path) or os.access(location, os.W_OK)
            case = Case.open(location, read_only=not writable)
        kept[str(location)] = case  # the most recently used last
        while len(kept) > self.most:
            kept.popitem(last=False)[1].close()
        return case

    def kept(self) -> OrderedDict[str, Case]:
        """This thread's open cases, the least recently used first."""
        if not hasattr(self._local, "cases"):
            self._local.cases = OrderedDict()
        kept: OrderedDict[str, Case] = self._local.cases
        return kept


class Pages:
    """The endpoints, each reading the case through its thread's connection."""

    def __init__(self, location: Path | ServerAddress, opened: OpenCases | None = None):
        self.location = location
        self.opened = opened or OpenCases(most=1)
        # every form that changes a case folder carries it: another site's page cannot read
        # it (a server's workbench gives each session its own, in request.state.csrf)
        self.token = secrets.token_urlsafe(32)
        self.name = _case_name(location)
        self.folder = isinstance(location, Path)
        # the findings, shared by every server thread, with the case's mark they are for
        self.findings_kept: tuple[tuple[int, ...], list[dict[str, Any]]] | None = None
        self.findings_lock = threading.Lock()
        self.findings_limiter: anyio.CapacityLimiter | None = None

    @contextmanager
    def _case(self) -> Iterator[Case]:
        """The case, through this server thread's connection."""
        case = self.opened.get(self.location)
        case.index.refresh()
        yield case

    def _page(self, request: Request, template: str, **context: Any) -> Response:
        shared = {
            "case_name": self.name,
            "token": _token_of(request) or self.token,
            "base": base_of(request),
            "user": _viewer(request),
            # what the person's role lets them change: a form they may not send is not shown
            "may_annotate": _may(request, Need.ANNOTATE),
            "may_edit": _may(request, Need.EDIT),
        }
        return templates().TemplateResponse(request, template, {**shared, **context})

    def home_json(self, _request: Request) -> Response:
        with self._case() as case:
            return Json(case.status(READ_PAGES))

    def home(self, request: Request) -> Response:
        with self._case() as case:
            status = case.status(READ_PAGES)
            entities = case.entities.select(None, None)[:TOP_ON_HOME]
        findings = self._findings_at_hand() if status["entities"] else []
        return self._page(
            request,
            "home.html",
            status=status,
            entities=entities,
            findings=None if findings is None else findings[:TOP_ON_HOME],
        )

    def search_json(self, request: Request) -> Response:
        return Json(self._search(request, pieces=False))

    def search(self, request: Request) -> Response:
        found = self._search(request, pieces=True)
        with self._case() as case:
            starred = set(case.notes.marked("starred"))
        return self._page(request, "search.html", found=found, step=HITS_PER_PAGE, starred=starred)

    def _search(self, request: Request, pieces: bool) -> dict[str, Any]:
        query = query_of(request)
        page = _number(request.query_params.get("page"), 1)
        offset = _number(request.query_params.get("offset"), (max(page, 1) - 1) * HITS_PER_PAGE)
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
            words = _word_boxes(case, detail, page) if page else None
            viewer = _viewer(request)
            notes = case.notes.on_page(detail["doc_id"], page["number"], viewer) if page else []
            doc_marks = case.notes.marks_of(detail["doc_id"])
            tags = [row["tag"] for row in case.notes.tags(viewer)]
            thread = case.documents.thread(detail["doc_id"]) if _is_email(detail) else []
            readings = _readings_on(case, detail["doc_id"], page["number"]) if page else None
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
            notes=notes,
            note_spans=[[note["start"], note["end"]] for note in notes if not note["changed"]],
            doc_marks=doc_marks,
            tags=tags,
            thread=thread,
            readings=readings,
            table=_as_table(page["text"], detail["mime"] or "")
            if page and _is_sheet(detail["mime"])
            else None,
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
            # a server's address is not for a page to show
            hint = f"; run: casegraph check {self.location}" if self.folder else ""
            raise DamagedCase(
                f"the original of {detail['doc_id']} is missing from the case's store{hint}"
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
        return listing(request, self._entities(request))

    def entities(self, request: Request) -> Response:
        return self._page(
            request,
            "entities.html",
            **paged(request, self._entities(request), ENTITIES_PER_PAGE),
            type_name=request.query_params.get("type", ""),
        )

    def _entities(self, request: Request) -> list[Any]:
        type_name = request.query_params.get("type") or None
        with self._case() as case:
            return case.entities.select(type_name, None)

    def entity_json(self, request: Request) -> Response:
        return Json(self._entity(request))

    def entity(self, request: Request) -> Response:
        offset = _number(request.query_params.get("offset"), 0)
        with self._case() as case:
            entity_id = case.entities.find(request.path_params["entity_id"])
            summary = case.entities.summary(entity_id)
            mentions = case.entities.mentions(entity_id, MENTIONS_PER_PAGE, offset)
            related = case.entities.related(entity_id)
            events = case.events.select(actor=entity_id, limit=READINGS_SHOWN)
            claims = case.claims.select(source=entity_id, limit=READINGS_SHOWN)
        return self._page(
            request,
            "entity.html",
            entity=summary,
            mentions=mentions,
            related=related,
            events=events,
            claims=claims,
            most=READINGS_SHOWN,
            offset=offset,
            step=MENTIONS_PER_PAGE,
        )

    def _entity(self, request: Request) -> dict[str, Any]:
        """An entity as `entity --json` prints it; ``limit`` and ``offset`` page its mentions."""
        limit = _number(request.query_params.get("limit"), -1)
        offset = _number(request.query_params.get("offset"), 0)
        with self._case() as case:
            entity_id = case.entities.find(request.path_params["entity_id"])
            every = limit < 0
            return dict(case.entities.get(entity_id, limit=None if every else limit, offset=offset))

    def map_json(self, _request: Request) -> Response:
        with self._case() as case:
            return Json(case.entities.places())

    def map(self, request: Request) -> Response:
        with self._case() as case:
            places = case.entities.places()
            unplaced = case.entities.count("place") - len(places)
        return self._page(request, "map.html", places=places, unplaced=unplaced)

    def timeline_json(self, request: Request) -> Response:
        return listing(request, self._timeline(request))

    def timeline(self, request: Request) -> Response:
        rows = self._timeline(request)
        with self._case() as case:
            given = [case.entities.find(actor) for actor in request.query_params.getlist("actor")]
            names = [case.entities.get(actor)["name"] for actor in given]
        return self._page(
            request,
            "timeline.html",
            **paged(request, rows, EVENTS_PER_PAGE),
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
        most = _number(request.query_params.get("weak"), WEAK_LINKS_SHOWN)
        shown = view["relations"] + weak[:most]
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
            left_out=len(weak) - len(weak[:most]),
            more=most + WEAK_LINKS_SHOWN,
            drawn=drawn,
            most=PASSAGES_SHOWN,
        )

    def _graph(self, request: Request) -> dict[str, Any]:
        from ..analysis.graph import actor_view

        actor = request.query_params.get("actor", "")
        with self._case() as case:
            return actor_view(case, case.entities.find(actor))

    async def findings_json(self, _request: Request) -> Response:
        return Json(await self._findings_waited())

    async def findings(self, request: Request) -> Response:
        findings = await self._findings_waited()
        return self._page(request, "findings.html", findings=findings)

    async def finding_json(self, request: Request) -> Response:
        return Json(self._finding(request, await self._findings_waited()))

    async def finding(self, request: Request) -> Response:
        finding = self._finding(request, await self._findings_waited())
        labels = await run_in_threadpool(self._labels, {p["doc_id"] for p in finding["evidence"]})
        return self._page(request, "finding.html", finding=finding, labels=labels)

    def _labels(self, doc_ids: set[str]) -> dict[str, Any]:
        with self._case() as case:
            return case.documents.labels(doc_ids)

    async def _findings_waited(self) -> list[dict[str, Any]]:
        """The findings, worked out on a thread of their own: those who wait for them (a
        large case takes minutes) wait without holding one of the server's threads."""
        if self.findings_limiter is None:  # made here: it belongs to the running event loop
            self.findings_limiter = anyio.CapacityLimiter(1)
        return await anyio.to_thread.run_sync(self._findings, limiter=self.findings_limiter)

    def _findings(self) -> list[dict[str, Any]]:
        """The case's findings, worked out again only when the case has changed since, by one
        thread at a time (a large case takes minutes): the others wait and take its result."""
        from ..analysis.findings import find

        with self.findings_lock, self._case() as case:
            mark = case.mark()
            if self.findings_kept is None or self.findings_kept[0] != mark:
                self.findings_kept = (mark, [dict(finding) for finding in find(case)])
            return list(self.findings_kept[1])

    def _findings_at_hand(self) -> list[dict[str, Any]] | None:
        """The findings if they are worked out for the case as it stands; else None, and
        they are worked out in the background (the case's page does not wait for them)."""
        with self._case() as case:
            kept = self.findings_kept
            if kept is not None and kept[0] == case.mark():
                return list(kept[1])
        if not self.findings_lock.locked():
            threading.Thread(target=self._findings, daemon=True).start()
        return None

    @staticmethod
    def _finding(request: Request, findings: list[dict[str, Any]]) -> dict[str, Any]:
        wanted = request.path_params["finding_id"]
        for finding in findings:
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
        text, by = str(form.get("text", "")), _author(request, form)
        await run_in_threadpool(self._transcribe, doc_id, number, text, by)
        return RedirectResponse(
            f"{base_of(request)}/documents/{doc_id}?page={number}", status_code=303
        )

    def _transcribe(self, doc_id: str, number: int, text: str, by: str) -> None:
        with self._case() as case:
            case.pages.transcribe(doc_id, number, text.replace("\r\n", "\n"), by)

    async def merge(self, request: Request) -> Response:
        form = await self._checked_form(request)
        kept = await run_in_threadpool(
            self._judge, "merge", request.path_params["entity_id"], str(form.get("other", ""))
        )
        return RedirectResponse(f"{base_of(request)}/entities/{kept}", status_code=303)

    async def split(self, request: Request) -> Response:
        form = await self._checked_form(request)
        kept = await run_in_threadpool(
            self._judge, "split", request.path_params["entity_id"], str(form.get("alias", ""))
        )
        return RedirectResponse(f"{base_of(request)}/entities/{kept}", status_code=303)

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

    async def add_note(self, request: Request) -> Response:
        form = await self._checked_form(request)
        page = _number(str(form.get("page")), 0)
        span = (_number(str(form.get("start")), 0), _number(str(form.get("end")), 0))
        text, tag = str(form.get("text", "")), str(form.get("tag", ""))
        by, doc_id = _author(request, form), request.path_params["doc_id"]
        private = _role_of(request) is Role.READER  # a reader annotates privately
        text = text.replace("\r\n", "\n")

        def add(case: Case) -> Note:
            return case.notes.add(doc_id, page, span, text, tag, by, private)

        note = await run_in_threadpool(self._with_case, add)
        return RedirectResponse(base_of(request) + _at_span(note), status_code=303)

    def _with_case(self, work: Callable[[Case], Note]) -> Note:
        with self._case() as case:
            return work(case)

    async def delete_note(self, request: Request) -> Response:
        return await self._change_note(request, "delete")

    async def share_note(self, request: Request) -> Response:
        return await self._change_note(request, "share")

    async def _change_note(self, request: Request, change: str) -> Response:
        await self._checked_form(request)
        note = await run_in_threadpool(self._on_note, request, change)
        return RedirectResponse(
            f"{base_of(request)}/documents/{note['doc_id']}?page={note['page']}#notes",
            status_code=303,
        )

    def _on_note(self, request: Request, change: str) -> Note:
        """Delete or share a note the person sees: a reader only their own, an editor any."""
        viewer, role = _viewer(request), _role_of(request)
        with self._case() as case:
            note = case.notes.get(request.path_params["note_id"], viewer)
            if role is Role.READER and note["author"] != viewer:
                raise NotAllowed(f"a reader may {change} only their own notes")
            if change == "share":
                return case.notes.share(note["id"], viewer)
            return case.notes.remove(note["id"], viewer)

    async def set_mark(self, request: Request) -> Response:
        form = await self._checked_form(request)
        mark, on = str(form.get("mark", "")), form.get("on") == "1"
        by = _author(request, form)
        doc_id = request.path_params["doc_id"]
        own_only = _role_of(request) is Role.READER  # a reader clears only their own marks
        await run_in_threadpool(self._set_mark, doc_id, mark, on, by, own_only)
        page = _number(str(form.get("page")), 1)
        return RedirectResponse(
            f"{base_of(request)}/documents/{doc_id}?page={page}", status_code=303
        )

    def _set_mark(self, doc_id: str, mark: str, on: bool, by: str, own_only: bool) -> None:
        with self._case() as case:
            case.notes.set_mark(doc_id, mark, on, by, own_only)

    def notes_json(self, request: Request) -> Response:
        return listing(request, self._notes(request))

    def notes(self, request: Request) -> Response:
        rows = self._notes(request)
        with self._case() as case:
            tags = case.notes.tags(_viewer(request))
            starred_ids = case.notes.marked("starred")
            named = case.documents.labels(starred_ids)
            starred = [(doc_id, named[doc_id]) for doc_id in starred_ids if doc_id in named]
            labels = case.documents.labels({note["doc_id"] for note in rows})
        return self._page(
            request,
            "notes.html",
            **paged(request, rows, NOTES_PER_PAGE),
            tags=tags,
            starred=starred,
            labels=labels,
            tag=request.query_params.get("tag", ""),
        )

    def _notes(self, request: Request) -> list[Note]:
        tag = request.query_params.get("tag") or None
        doc_id = request.query_params.get("doc") or None
        with self._case() as case:
            return case.notes.select(tag, doc_id, _viewer(request))

    async def _checked_form(self, request: Request) -> Any:
        """The form of a change, once it is known to come from the workbench's own page."""
        origin = request.headers.get("origin")
        here = f"{request.url.scheme}://{request.url.netloc}"
        form = await request.form()
        if (origin and origin != here) or not same_token(
            form.get("token", ""), _token_of(request) or self.token
        ):
            raise ForgedRequest(
                "this change did not come from the workbench's own page; open the page again"
                " and make it there"
            )
        return form


def base_of(request: Request) -> str:
    """Where the case's workbench is mounted: nothing for a case folder's, /cases/NAME on a
    server."""
    return str(request.scope.get("root_path", ""))


def _token_of(request: Request) -> str | None:
    """The CSRF token of a server's session; None in a case folder's workbench."""
    return getattr(request.state, "csrf", None)


def _viewer(request: Request) -> str | None:
    """Who reads, on a server (whose private notes they see); None on a case folder."""
    return getattr(request.state, "user", None)


def _role_of(request: Request) -> Role | None:
    """The signed-in person's role on the case; None on a case folder."""
    return getattr(request.state, "role", None)


def _may(request: Request, need: Need) -> bool:
    """Whether the person's role meets a need (on a case folder, everyone's does)."""
    role = _role_of(request)
    return role is None or ROLE_MEETS[role] >= need


def _author(request: Request, form: Any) -> str:
    """Who writes a change: the signed-in person on a server; on a case folder, the name the
    form gives, or this machine's user."""
    return _viewer(request) or str(form.get("by") or "") or getpass.getuser()


def _case_name(location: Path | ServerAddress) -> str:
    if isinstance(location, ServerAddress):
        return location.case
    return location.resolve().parent.name if location.name == "case" else location.name


def _at_span(note: Note) -> str:
    """The viewer at a note's characters."""
    return f"/documents/{note['doc_id']}?page={note['page']}#span-{note['start']}-{note['end']}"


def _readings_on(case: Case, doc_id: str, number: int) -> dict[str, Any]:
    """What was read on a page: its entities (each with its mentions' spans), events and
    claims, each opening its passage."""
    entities: dict[str, dict[str, Any]] = {}
    for mention in case.mentions.on_page(doc_id, number):
        entity = entities.setdefault(
            mention["entity_id"],
            {"id": mention["entity_id"], "name": mention["name"], "type": mention["type"]},
        )
        entity.setdefault("spans", []).append((mention["start"], mention["end"]))
    return {
        "entities": list(entities.values()),
        "events": case.events.on_page(doc_id, number),
        "claims": case.claims.on_page(doc_id, number),
    }


def _is_email(detail: DocumentDetail) -> bool:
    return "message_id" in detail["metadata"] or "in_reply_to" in detail["metadata"]


def _is_sheet(mime: str | None) -> bool:
    """Whether a document's pages are sheets: cells a tab apart, rows a line apart."""
    return mime in SHEET_TYPES


def _as_table(text: str, mime: str) -> dict[str, Any]:
    """A sheet's page as rows of cells, the first TABLE_ROWS of them: a CSV file as the csv
    module reads it, a workbook's sheet as its cells a tab apart."""
    import csv

    lines = text.split("\n")
    rows = (
        list(itertools.islice(csv.reader(io.StringIO(text)), TABLE_ROWS + 1))
        if mime == "text/csv"
        else [line.split("\t") for line in lines[: TABLE_ROWS + 1]]
    )
    return {
        "rows": rows[:TABLE_ROWS],
        "columns": max(map(len, rows), default=0),
        "cut": len(rows) > TABLE_ROWS,
    }


def _has_picture(mime: str | None) -> bool:
    """Whether a document's pages can be shown as pictures (PDF pages, scans and photos)."""
    return mime == "application/pdf" or (mime or "").startswith("image/")


def _word_boxes(case: Case, detail: DocumentDetail, page: PageDetail) -> dict[str, Any] | None:
    """Where each word of a page stands on its picture: the words' character offsets and
    boxes, and the size they are measured in (the picture OCR read, a PDF page in points);
    none where the text is a person's, or a PDF cannot say."""
    if page["source"] == "ocr":
        return _ocr_words(case, detail["doc_id"], page)
    if page["source"] != "text_layer" or detail["mime"] != "application/pdf":
        return None
    from ..ingest.pdf import text_layer_words

    try:
        return text_layer_words(case.blobs.path(detail["sha256"]), page["number"], page["text"])
    except Exception:  # a damaged or lost original: the page shows without boxes
        return None


def _ocr_words(case: Case, doc_id: str, page: PageDetail) -> dict[str, Any] | None:
    """Where each word of an OCR'd page stands on the picture OCR read."""
    for layer in reversed(case.pages.layers(doc_id, page["number"])):
        if layer["source"] == "ocr" and layer["text"] == page["text"] and layer["image"]:
            boxes = [[word["start"], word["end"], *word["box"]] for word in layer["words"]]
            return {"boxes": boxes, **layer["image"]}
    return None


def query_of(request: Request) -> str:
    """The query of a search address: q, with each filter given as its own parameter
    (``&type=pdf&entity=Karim+Haddad``) added to it as the filter."""
    query = request.query_params.get("q", "")
    for name in FILTER_FIELDS:
        for value in request.query_params.getlist(name):
            query += f' {name}:"{value}"'
    return query.strip()


def _parsed(query: str) -> ParsedQuery | None:
    """The query the viewer marks, or none when there is none or it does not parse (the page
    opens all the same)."""
    try:
        return parse_query(query) if query.strip() else None
    except QuerySyntaxError:
        return None


def listing(request: Request, rows: list[Any]) -> Response:
    """A listing's JSON twin: every row, or --limit and --offset's share of them."""
    offset = _number(request.query_params.get("offset"), 0)
    limit = _number(request.query_params.get("limit"), len(rows))
    return Json(rows[offset : offset + limit])


def paged(request: Request, rows: list[Any], step: int) -> dict[str, Any]:
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
