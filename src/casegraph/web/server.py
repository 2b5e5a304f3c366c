"""The workbench of a server's database: sign-in, the cases a person may open, and each case's
workbench under ``/cases/{case}``.

Every route of a case is answered only to a signed-in person whose role on that case meets
the route's need (``access.py``); a case they have no role on is not found. Reads the
accounts, grants and sessions of the database (``case/accounts.py``) and its cases; writes
sessions, refused sign-ins, the audit log, and what a case's pages write.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, closing
from datetime import timedelta
from inspect import iscoroutinefunction
from typing import Any
from urllib.parse import quote, urlsplit

import anyio
from itsdangerous import BadSignature, Signer, URLSafeTimedSerializer
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ..case.accounts import Accounts, Role, audit_csv, is_user_name
from ..case.address import ServerAddress
from ..errors import ForgedRequest, NotACase, NotAllowed, NotSignedIn, TooManySignIns
from ..listings import AuditEntry
from .access import CASE_ROUTES, OWNER_ROUTES, ROLE_MEETS, CaseRoute, Need
from .app import API_PATH, workbench
from .html import HERE, templates
from .oidc import ROUND_TRIP_SECONDS, OidcRefused, OidcSettings, OidcSignIn
from .pages import Json, OpenCases, Pages, base_of, listing, paged, query_of, same_token

SESSION_COOKIE = "casegraph_session"
SIGNIN_COOKIE = "casegraph_signin"  # the sign-in form's own token, against forged sign-ins
OIDC_COOKIE = "casegraph_oidc"  # a sign-in sent to the provider: its state, verifier, nonce
SESSION_LIFETIME = timedelta(hours=12)
# this many refused sign-ins within the window, and the next is refused unread; counted per
# name and address first, so that someone else's few guesses do not lock a person out
REFUSALS_AT_MOST = (
    5,  # for one name from one address
    20,  # from one address, for any names
    100,  # for one name, from anywhere: guesses spread over many addresses
)
REFUSAL_WINDOW = timedelta(minutes=15)
SERVER_THREADS = 8
# cases each server thread keeps open: with the accounts' connection, about
# SERVER_THREADS * 5 connections however many cases the database holds
CASES_OPEN_PER_THREAD = 4
AUDIT_LINES_PER_PAGE = 200
NEEDED_ROLE = {need: role for role, need in ROLE_MEETS.items()}

Endpoint = Callable[[Request], Awaitable[Response]]


def create_server_app(database: str, oidc: OidcSettings | None = None) -> Starlette:
    """The workbench of every case of a PostgreSQL database, behind sign-in (with a password,
    or through an OpenID Connect provider where ``oidc`` is given)."""
    desk = Desk(database, oidc)
    case_routes = [desk.guarded(route, desk.pages_endpoint) for route in CASE_ROUTES]
    case_routes += [desk.guarded(route, desk.own_endpoint) for route in OWNER_ROUTES]
    routes: list[BaseRoute] = [
        Route("/", desk.cases),
        Route("/api", desk.cases_json),
        Route("/signin", desk.signin_form),
        Route("/signin", desk.signin, methods=["POST"]),
        Route("/signin/oidc", desk.oidc_start),
        Route("/signin/oidc/back", desk.oidc_back),
        Route("/signout", desk.signout, methods=["POST"]),
        Route("/audit", desk.site_audit),
        Route("/api/audit", desk.site_audit_json),
        Route("/audit.csv", desk.site_audit_csv),
        Mount("/cases/{case}", routes=case_routes),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = workbench(routes, lifespan=_few_threads)
    app.state.serves_database = True
    return app


@asynccontextmanager
async def _few_threads(_app: Starlette) -> AsyncIterator[None]:
    """Pages are answered on at most SERVER_THREADS threads: each holds a connection to the
    database for each case it keeps open, and PostgreSQL allows about a hundred."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = SERVER_THREADS
    yield


class Desk:
    """Sign-in, sessions and roles of one database, and the pages of each of its cases."""

    def __init__(self, database: str, oidc: OidcSettings | None = None) -> None:
        self.database = database
        self.oidc = OidcSignIn(oidc) if oidc is not None else None
        self.opened = threading.local()
        self.pages: dict[str, Pages] = {}
        self.pages_lock = threading.Lock()
        self.cases_open = OpenCases(CASES_OPEN_PER_THREAD)
        with closing(Accounts(database)) as accounts:
            key = accounts.signing_key()
        self.signer = Signer(key, salt="casegraph-session")
        self.oidc_kept = URLSafeTimedSerializer(key, salt="casegraph-oidc")

    def _accounts(self) -> Accounts:
        """The accounts, through this server thread's own connection."""
        accounts = getattr(self.opened, "accounts", None)
        if accounts is None or accounts.lost:
            if accounts is not None:
                accounts.close()
            accounts = self.opened.accounts = Accounts(self.database)
        return accounts

    # -- who asks --------------------------------------------------------------------------------

    def _session_of(self, request: Request) -> tuple[str, str, str]:
        """The signed-in person, their session's CSRF token and the session's token;
        NotSignedIn otherwise."""
        cookie = request.cookies.get(SESSION_COOKIE, "")
        try:
            token = self.signer.unsign(cookie).decode()
        except BadSignature:
            token = ""
        found = self._accounts().session(token) if token else None
        if found is None:
            raise NotSignedIn("sign in first, at /signin")
        return (*found, token)

    def _role_on(self, case: str, user: str) -> Role | None:
        accounts = self._accounts()
        if accounts.is_admin(user):
            return Role.OWNER if accounts.case_exists(case) else None
        return accounts.role_of(case, user)

    def _admit(self, request: Request, need: Need) -> tuple[str, str]:
        """The person asking, once their role on the route's case is known to meet its need."""
        user, csrf, _token = self._session_of(request)
        case = request.path_params["case"]
        role = self._role_on(case, user)
        if role is None:  # a case one may not open is not said to exist
            raise NotACase(f"there is no case called {case} that {user} may open")
        if ROLE_MEETS[role] < need:
            raise NotAllowed(
                f"{user} is {role.value} of {case}; this needs {NEEDED_ROLE[need].value}"
                " or more (an owner grants roles: casegraph grant)"
            )
        request.state.user, request.state.csrf, request.state.role = user, csrf, role
        return user, case

    def guarded(self, route: CaseRoute, endpoint_of: Callable[[str, str], Any]) -> Route:
        """A case route that admits only those whose role meets its need, and records its
        action in the audit log once answered."""

        async def endpoint(request: Request) -> Response:
            try:
                user, case = await run_in_threadpool(self._admit, request, route.need)
            except NotSignedIn:
                if request.method != "GET" or API_PATH.match(request.url.path):
                    raise
                return _to_signin(request)
            answer = endpoint_of(case, route.endpoint)
            if iscoroutinefunction(answer):
                response: Response = await answer(request)
            else:
                response = await run_in_threadpool(answer, request)
            if route.audited and request.method != "HEAD":  # a HEAD reads nothing
                await run_in_threadpool(self._record, request, user, case, route.audited)
            return response

        return Route(route.path, endpoint, methods=list(route.methods))

    def _record(self, request: Request, user: str, case: str, action: str) -> None:
        params = {k: str(v) for k, v in request.path_params.items() if k != "case"}
        item = next(iter(params.values()), None)
        detail = query_of(request) or None  # a search's words and filters
        self._accounts().record(user, case, action, item, detail)

    def pages_endpoint(self, case: str, name: str) -> Any:
        with self.pages_lock:
            pages = self.pages.get(case)
            if pages is None:
                pages = self.pages[case] = Pages(
                    ServerAddress(self.database, case), self.cases_open
                )
        return getattr(pages, name)

    def own_endpoint(self, _case: str, name: str) -> Any:
        return getattr(self, name)

    # -- sign-in ---------------------------------------------------------------------------------

    def signin_form(self, request: Request, refusal: str = "", status: int = 200) -> Response:
        token = request.cookies.get(SIGNIN_COOKIE) or secrets.token_urlsafe(32)
        response = templates().TemplateResponse(
            request,
            "signin.html",
            {
                **_bare(),
                "token": token,
                "next": _next_of(request),
                "refusal": refusal,
                # the provider by its host, as a person knows it: "sso.example.org"
                "oidc": urlsplit(self.oidc.settings.issuer).netloc if self.oidc else "",
            },
            status_code=status,
        )
        response.set_cookie(
            SIGNIN_COOKIE, token, httponly=True, samesite="strict", secure=_https(request)
        )
        return response

    async def signin(self, request: Request) -> Response:
        form = await request.form()
        expected = request.cookies.get(SIGNIN_COOKIE, "")
        if not expected or not same_token(form.get("token", ""), expected):
            raise ForgedRequest("this sign-in did not come from the sign-in page; open it again")
        name, password = str(form.get("name", ""))[:64], str(form.get("password", ""))
        address = request.client.host if request.client else ""
        session = await run_in_threadpool(self._sign_in, name, password, address)
        if session is None:
            return self.signin_form(request, "That name and password do not match.", 401)
        return self._signed_in(request, session, _next_of(request, form.get("next")))

    def _signed_in(self, request: Request, session: str, going: str) -> Response:
        """On to the page asked for, with the new session's cookie."""
        return _with_cookie(
            RedirectResponse(going, status_code=303),
            request,
            SESSION_COOKIE,
            self.signer.sign(session).decode(),
            int(SESSION_LIFETIME.total_seconds()),
        )

    async def oidc_start(self, request: Request) -> Response:
        """Send the browser to the provider, keeping what its return is checked against."""
        oidc = self._oidc()
        try:
            started = await run_in_threadpool(oidc.start, _oidc_back(request))
        except OidcRefused as refused:
            return self.signin_form(request, str(refused), 502)
        kept = self.oidc_kept.dumps({**started.kept, "next": _next_of(request)})
        # lax, as the session's: the browser brings it back on the provider's redirect
        return _with_cookie(
            RedirectResponse(started.address, status_code=303),
            request,
            OIDC_COOKIE,
            kept,
            ROUND_TRIP_SECONDS,
        )

    async def oidc_back(self, request: Request) -> Response:
        """The provider's answer: a session for the account its ID token names, if any."""
        oidc = self._oidc()
        try:
            kept = self.oidc_kept.loads(
                request.cookies.get(OIDC_COOKIE, ""), max_age=ROUND_TRIP_SECONDS
            )
        except BadSignature:
            kept = None
        state = request.query_params.get("state", "")
        if not kept or not same_token(state, str(kept.get("state", ""))):
            raise ForgedRequest(
                "this sign-in did not start on this workbench, or took more than"
                f" {ROUND_TRIP_SECONDS // 60} minutes: sign in again"
            )
        response = await self._provider_answer(request, oidc, kept)
        response.delete_cookie(OIDC_COOKIE)  # one answer per sign-in begun
        return response

    async def _provider_answer(
        self, request: Request, oidc: OidcSignIn, kept: dict[str, str]
    ) -> Response:
        if "error" in request.query_params:
            said = request.query_params.get("error_description") or request.query_params["error"]
            return self.signin_form(request, f"The sign-in provider said: {said[:200]}", 401)
        code = request.query_params.get("code", "")
        if not code:
            return self.signin_form(request, "The sign-in provider's answer holds no code.", 401)
        try:
            claims = await run_in_threadpool(oidc.finish, _oidc_back(request), code, kept)
        except OidcRefused as refused:
            return self.signin_form(request, str(refused), 401)
        address = request.client.host if request.client else ""
        name, session = await run_in_threadpool(self._sign_in_through, oidc, claims, address)
        if session is None:
            refusal = (
                f"The provider signed you in{f' as {name}' if name else ''}, and no account"
                " here is for you: an admin makes one (casegraph users add NAME --oidc)."
            )
            return self.signin_form(request, refusal, 401)
        return self._signed_in(request, session, _next_of(request, kept.get("next")))

    def _oidc(self) -> OidcSignIn:
        if self.oidc is None:  # no provider given to serve: no such page
            raise HTTPException(404)
        return self.oidc

    def _sign_in_through(
        self, oidc: OidcSignIn, claims: dict[str, Any], address: str
    ) -> tuple[str, str | None]:
        """The account the provider's person is bound to (or, at their first sign-in, the
        account for OIDC that the claim names, bound to them now) and a new session's token
        for it; no token where there is none."""
        accounts = self._accounts()
        claimed = claims.get(oidc.settings.claim)
        name = claimed if isinstance(claimed, str) and is_user_name(claimed) else ""
        subject = f"{oidc.settings.issuer} {claims['sub']}"
        found = accounts.oidc_account(subject, name)
        if found is None:
            accounts.record(name or "?", None, "sign-in refused", None, f"{address} (OIDC)")
            return name, None
        account, bound_now = found
        if bound_now:
            accounts.record(account, None, "oidc bound", None, subject)
        token, _csrf = accounts.open_session(account, SESSION_LIFETIME)
        accounts.record(account, None, "sign-in", None, f"{address} (OIDC)")
        return account, token

    def _sign_in(self, name: str, password: str, address: str) -> str | None:
        """A new session's token, or None where the password is not the name's; refused at
        once after too many refusals for the name or from the address."""
        accounts = self._accounts()
        # refused unread, and not logged: refusals already counted are in refused_signins
        counted = accounts.refused_lately(name, address, REFUSAL_WINDOW)
        if any(n >= most for n, most in zip(counted, REFUSALS_AT_MOST, strict=True)):
            raise TooManySignIns(
                f"too many refused sign-ins for {name} from {address}; try again in"
                f" {int(REFUSAL_WINDOW.total_seconds()) // 60} minutes"
            )
        if not accounts.signs_in(name, password):
            accounts.note_refusal(name, address, REFUSAL_WINDOW)
            accounts.record(name, None, "sign-in refused", None, address)
            return None
        token, _csrf = accounts.open_session(name, SESSION_LIFETIME)
        accounts.record(name, None, "sign-in", None, address)
        return token

    async def signout(self, request: Request) -> Response:
        user, csrf, token = await run_in_threadpool(self._session_of, request)
        form = await request.form()
        if not same_token(form.get("token", ""), csrf):
            raise ForgedRequest("this sign-out did not come from the workbench's own page")
        await run_in_threadpool(self._sign_out, user, token)
        response = RedirectResponse("/signin", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    def _sign_out(self, user: str, token: str) -> None:
        accounts = self._accounts()
        accounts.close_session(token)
        accounts.record(user, None, "sign-out", None, None)

    # -- the cases one may open, and an owner's audit log ----------------------------------------

    def _cases(self, request: Request) -> dict[str, Any]:
        user, csrf, _token = self._session_of(request)
        request.state.csrf = csrf
        accounts = self._accounts()
        cases = [{"case": case, "role": role.value} for case, role in accounts.cases_of(user)]
        return {"user": user, "admin": accounts.is_admin(user), "cases": cases}

    def cases_json(self, request: Request) -> Response:
        return Json(self._cases(request))

    def cases(self, request: Request) -> Response:
        try:
            listed = self._cases(request)
        except NotSignedIn:
            return _to_signin(request)
        context = {**_bare(), **listed, "token": request.state.csrf}
        return templates().TemplateResponse(request, "cases.html", context)

    def audit_json(self, request: Request) -> Response:
        return listing(request, self._accounts().audit(request.path_params["case"]))

    def audit(self, request: Request) -> Response:
        case = request.path_params["case"]
        where = {"case_name": case, "base": base_of(request), "log_of": case}
        return self._audit_page(request, case, where)

    def audit_csv(self, request: Request) -> Response:
        case = request.path_params["case"]
        return _audit_sheet(self._accounts().audit(case), f"{case}-audit")

    # -- an admin's log of what belongs to no case: sign-ins, accounts ---------------------------

    def _admin(self, request: Request, action: str) -> str:
        """The signed-in admin asking for the log of no case; NotAllowed for anyone else."""
        user, csrf, _token = self._session_of(request)
        if not self._accounts().is_admin(user):
            raise NotAllowed(f"{user} is not an admin: the log of sign-ins is theirs")
        request.state.user, request.state.csrf = user, csrf
        if request.method != "HEAD":
            self._accounts().record(user, None, action, None, request.url.path)
        return user

    def site_audit_json(self, request: Request) -> Response:
        self._admin(request, "audit view")
        return listing(request, self._accounts().audit(None))

    def site_audit(self, request: Request) -> Response:
        try:
            self._admin(request, "audit view")
        except NotSignedIn:
            return _to_signin(request)
        return self._audit_page(request, None, {**_bare(), "log_of": "the server"})

    def site_audit_csv(self, request: Request) -> Response:
        self._admin(request, "audit export")
        return _audit_sheet(self._accounts().audit(None), "server-audit")

    def _audit_page(self, request: Request, case: str | None, where: dict[str, Any]) -> Response:
        rows = self._accounts().audit(case)
        context = {
            **where,
            **paged(request, rows, AUDIT_LINES_PER_PAGE),
            "token": request.state.csrf,
            "user": request.state.user,
        }
        return templates().TemplateResponse(request, "audit.html", context)


def _audit_sheet(rows: list[AuditEntry], name: str) -> Response:
    return Response(
        audit_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _bare() -> dict[str, Any]:
    """What a page outside any case gives the templates: no case, no case's sections."""
    return {"case_name": "", "base": "", "bare": True}


def _to_signin(request: Request) -> Response:
    asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/signin?next={quote(asked)}", status_code=303)


def _next_of(request: Request, given: Any = None) -> str:
    """Where to go once signed in: a page of this site only."""
    wanted = str(given or request.query_params.get("next") or "/")
    return wanted if wanted.startswith("/") and not wanted.startswith(("//", "/\\")) else "/"


def _with_cookie(
    response: Response, request: Request, name: str, value: str, seconds: int
) -> Response:
    """A response that sets a cookie sent back on this site's pages and on top-level
    navigations to them (SameSite=Lax), never to scripts, over HTTPS only where it came."""
    response.set_cookie(
        name, value, max_age=seconds, httponly=True, samesite="lax", secure=_https(request)
    )
    return response


def _oidc_back(request: Request) -> str:
    """Where the provider sends the browser back: registered with it as the redirect URI."""
    return f"{str(request.base_url).rstrip('/')}/signin/oidc/back"


def _https(request: Request) -> bool:
    return request.url.scheme == "https"
