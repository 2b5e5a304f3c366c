"""A server's workbench, served for real on the test PostgreSQL: sign-in, every route of the app
against every role on a person's own case and on a case that is not theirs (the access
matrix), CSRF, rate-limited sign-in, notes carrying their author, and the audit log."""

from __future__ import annotations

import csv
import io
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.routing import Mount, Route

from casegraph.case.accounts import Accounts, Role
from casegraph.case.address import ServerAddress
from casegraph.case.copying import copy_case
from casegraph.case.store import Case
from casegraph.settings import Settings
from casegraph.web.pages import OpenCases
from casegraph.web.server import create_server_app
from tests.web.conftest import serving_app, snapshot

OWN, OTHER = "matrix-own", "matrix-other"
PASSWORD = "a long enough pass phrase"
ROLES = ("visitor", "reader", "editor", "owner")
# the least role each route of a case asks for: written here, apart from the code, so that a
# route added without its place in this table fails the matrix
LEAST_ROLE = {
    ("GET", "/"): "visitor",
    ("GET", "/api"): "visitor",
    ("GET", "/search"): "visitor",
    ("GET", "/api/search"): "visitor",
    ("GET", "/documents/{doc_id}"): "visitor",
    ("GET", "/api/documents/{doc_id}"): "visitor",
    ("GET", "/documents/{doc_id}/original"): "visitor",
    ("GET", "/documents/{doc_id}/pages/{number:int}/picture"): "visitor",
    ("GET", "/entities"): "visitor",
    ("GET", "/api/entities"): "visitor",
    ("GET", "/entities/{entity_id}"): "visitor",
    ("GET", "/api/entities/{entity_id}"): "visitor",
    ("GET", "/review"): "visitor",
    ("GET", "/api/review"): "visitor",
    ("GET", "/notes"): "visitor",
    ("GET", "/api/notes"): "visitor",
    ("GET", "/map"): "visitor",
    ("GET", "/api/map"): "visitor",
    ("GET", "/graph"): "visitor",
    ("GET", "/api/graph"): "visitor",
    ("GET", "/timeline"): "visitor",
    ("GET", "/api/timeline"): "visitor",
    ("GET", "/findings"): "visitor",
    ("GET", "/api/findings"): "visitor",
    ("GET", "/findings/{finding_id}"): "visitor",
    ("GET", "/api/findings/{finding_id}"): "visitor",
    ("POST", "/documents/{doc_id}/notes"): "reader",
    ("POST", "/documents/{doc_id}/marks"): "reader",
    ("POST", "/notes/{note_id}/delete"): "reader",
    ("POST", "/notes/{note_id}/share"): "reader",
    ("GET", "/documents/{doc_id}/transcribe"): "editor",
    ("POST", "/documents/{doc_id}/transcribe"): "editor",
    ("POST", "/entities/{entity_id}/merge"): "editor",
    ("POST", "/entities/{entity_id}/split"): "editor",
    ("GET", "/audit"): "owner",
    ("GET", "/api/audit"): "owner",
    ("GET", "/audit.csv"): "owner",
}
# the routes outside any case: who may ask
OUTSIDE = {
    ("GET", "/"): "signed in",
    ("GET", "/api"): "signed in",
    ("GET", "/signin"): "anyone",
    ("POST", "/signin"): "anyone",
    # anyone where serve names an OpenID Connect provider; no such page otherwise
    ("GET", "/signin/oidc"): "provider",
    ("GET", "/signin/oidc/back"): "provider",
    ("POST", "/signout"): "signed in",
    ("GET", "/audit"): "admin",
    ("GET", "/api/audit"): "admin",
    ("GET", "/audit.csv"): "admin",
}
REFUSALS = ("E001", "E021", "E022")  # no such case for you, not signed in, role too low
# what a change asked of things that do not exist answers whoever may ask it: the page's own
# "no such document" (E005), entity (E009) or note (E018); a page asked for answers 200
NOT_THERE = {
    "/documents/{doc_id}/notes": "E005",
    "/documents/{doc_id}/marks": "E005",
    "/documents/{doc_id}/transcribe": "E005",
    "/entities/{entity_id}/merge": "E009",
    "/entities/{entity_id}/split": "E009",
    "/notes/{note_id}/delete": "E018",
    "/notes/{note_id}/share": "E018",
}


@pytest.fixture(scope="module")
def site(
    demo_summary: dict[str, Any], server_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """The demo case on the server (OWN), an empty second case (OTHER), a person of each
    role on OWN and an admin, and the server's workbench."""
    files = tmp_path_factory.mktemp("server-files")
    with closing(Case.open(Path(demo_summary["case"]), read_only=True)) as demo:
        own = Case.create_on_server(ServerAddress(server_database, OWN), files / OWN, Settings())
        with closing(own):
            copy_case(demo, own)
            note = own.notes.add(*_a_page_span(own), "a note to delete", "", "rita")
            ids = _ids(own)
    Case.create_on_server(ServerAddress(server_database, OTHER), files / OTHER).close()
    with closing(Accounts(server_database)) as accounts:
        for role in ROLES:
            accounts.add_user(f"m-{role}", PASSWORD, admin=False, by="test")
            accounts.grant(OWN, f"m-{role}", Role(role), None, by="test")
        accounts.add_user("m-admin", PASSWORD, admin=True, by="test")
        accounts.add_user("m-lapsed", PASSWORD, admin=False, by="test")
        accounts.grant(OWN, "m-lapsed", Role.EDITOR, date.today() - timedelta(days=1), by="test")
    app = create_server_app(server_database)
    with serving_app(app) as address:
        yield {"app": app, "address": address, "ids": {**ids, "note_id": note["id"]}}


def _a_page_span(case: Case) -> tuple[str, int, tuple[int, int]]:
    doc_id, number = case.db.execute(
        "SELECT doc_id, number FROM pages WHERE length(text) > 20 ORDER BY id LIMIT 1"
    ).fetchone()
    return doc_id, number, (0, 10)


def _ids(case: Case) -> dict[str, str]:
    """A document with pages, an entity and a finding of the case, for the routes' paths."""
    from casegraph.analysis.findings import find

    doc_id = case.db.execute(  # a scan: every page of the case's routes answers for it
        "SELECT d.doc_id FROM documents d JOIN pages p ON p.doc_id = d.doc_id"
        " WHERE d.mime LIKE 'image/%' AND p.number = 1 AND length(p.text) > 20 LIMIT 1"
    ).fetchone()[0]
    entity = case.entities.select(None, None)[0]
    return {"doc_id": doc_id, "entity_id": entity["id"], "finding_id": find(case)[0]["id"]}


def signed_in(address: str, name: str) -> tuple[httpx.Client, str]:
    """A browser of a person signed in through the sign-in form, and their CSRF token."""
    client = httpx.Client(base_url=address, follow_redirects=False, timeout=60)
    form = client.get("/signin")
    token = _token_in(form.text)
    done = client.post("/signin", data={"token": token, "name": name, "password": PASSWORD})
    assert done.status_code == 303, done.text
    return client, _token_in(client.get("/").text)


def _token_in(html: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _case_routes(app: Any) -> set[tuple[str, str]]:
    """Every (method, path) the app answers inside a case, read from the app itself."""
    (mount,) = [r for r in app.routes if isinstance(r, Mount) and r.path == "/cases/{case}"]
    return {
        (method, route.path)
        for route in mount.routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }


def test_every_route_of_a_case_has_its_place_in_the_matrix(site: dict[str, Any]) -> None:
    assert _case_routes(site["app"]) == set(LEAST_ROLE)
    outside = {
        (method, route.path)
        for route in site["app"].routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    assert outside == set(OUTSIDE)


def _ask(client: httpx.Client, token: str, case: str, method: str, path: str, ids: dict) -> Any:
    """Ask a route of a case. A change is asked of things that do not exist, so that the
    matrix changes nothing: whoever may ask gets the page's own "no such document" (or
    entity, or note), whoever may not gets refused before it."""
    filled = {**ids, "number": "1"}
    if method == "POST":
        filled = {**filled, "doc_id": "0" * 16, "entity_id": "no-such-one", "note_id": "0" * 16}
    address = f"/cases/{case}" + re.sub(
        r"\{(\w+)(:\w+)?\}", lambda m: str(filled[m.group(1)]), path
    )
    if path.endswith("graph"):
        address += f"?actor={ids['entity_id']}"
    if method == "POST":
        form = {"token": token, "other": "x", "page": "1", "mark": "starred", "on": "1"}
        return client.post(address, data=form)
    return client.get(address)


def _code_in(answer: httpx.Response) -> str | None:
    found = re.search(r"\bE\d{3}\b", answer.text[:3000])
    return found.group(0) if found else None


def _refusal_in(answer: httpx.Response) -> str | None:
    codes = [code for code in REFUSALS if code in answer.text[:3000]]
    if answer.status_code in (401, 403, 404) and codes:
        return codes[0]
    return None


@pytest.mark.parametrize("person", [*ROLES, "admin", "lapsed"])
def test_the_access_matrix_holds_for_every_route_role_and_case(
    site: dict[str, Any], person: str
) -> None:
    client, token = signed_in(site["address"], f"m-{person}")
    wrong = []
    for (method, path), least in sorted(LEAST_ROLE.items()):
        for case in (OWN, OTHER):
            answer = _ask(client, token, case, method, path, site["ids"])
            refusal = _refusal_in(answer)
            if person == "admin":
                expected = None
            elif case == OTHER or person == "lapsed":
                expected = "E001"  # a case one has no role on is not said to exist
            elif ROLES.index(person) < ROLES.index(least):
                expected = "E022"
            else:
                expected = None
            if expected is None and case == OWN:  # let in: the page itself answers
                expected = NOT_THERE[path] if method == "POST" else "200"
                refusal = str(answer.status_code) if method == "GET" else _code_in(answer)
            elif answer.status_code >= 500:  # an admin on the empty case: let in, no failure
                refusal = str(answer.status_code)
            if refusal != expected:
                wrong.append((method, path, case, answer.status_code, refusal, expected))
    assert not wrong, wrong


@pytest.mark.parametrize("person", ["owner", "admin"])
def test_the_routes_outside_any_case_answer_as_their_table_says(
    site: dict[str, Any], person: str
) -> None:
    client, _token = signed_in(site["address"], f"m-{person}")
    for (method, path), who in sorted(OUTSIDE.items()):
        if method == "POST":
            continue  # sign-in and sign-out: their own tests
        answer = client.get(path)
        if who == "provider":  # this workbench has none (tests/web/test_oidc.py has one)
            assert answer.status_code == 404 and _code_in(answer) == "E404", path
            continue
        allowed = who != "admin" or person == "admin"
        assert answer.status_code == (200 if allowed else 403), (path, answer.status_code)
        if not allowed:
            assert _code_in(answer) == "E022"


def test_without_a_session_pages_lead_to_sign_in_and_the_api_answers_401(
    site: dict[str, Any],
) -> None:
    client = httpx.Client(base_url=site["address"], follow_redirects=False, timeout=60)
    page = client.get(f"/cases/{OWN}/findings")
    assert page.status_code == 303
    assert page.headers["location"] == f"/signin?next=/cases/{OWN}/findings"
    api = client.get(f"/cases/{OWN}/api/findings")
    assert api.status_code == 401 and api.json()["error"]["code"] == "E021"
    client.cookies.set("casegraph_session", "forged.cookie")
    assert client.get(f"/cases/{OWN}/api").status_code == 401
    for (method, path), who in OUTSIDE.items():
        if who in ("signed in", "admin") and method == "GET":
            answer = client.get(path)
            expected = 401 if path.startswith("/api") or path.endswith(".csv") else 303
            assert answer.status_code == expected, path


def test_the_session_cookie_is_signed_http_only_and_same_site(site: dict[str, Any]) -> None:
    client = httpx.Client(base_url=site["address"], follow_redirects=False, timeout=60)
    token = _token_in(client.get("/signin").text)
    done = client.post("/signin", data={"token": token, "name": "m-reader", "password": PASSWORD})
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("samesite", "SameSite")
    value = client.cookies["casegraph_session"]
    client.cookies.set("casegraph_session", value[:-2] + ("AA" if value[-2:] != "AA" else "BB"))
    assert client.get(f"/cases/{OWN}/api").status_code == 401  # the signature no longer holds


def test_a_change_without_the_sessions_token_is_refused(site: dict[str, Any]) -> None:
    client, _token = signed_in(site["address"], "m-editor")
    doc_id = site["ids"]["doc_id"]
    for stolen in ("stolen", "volé"):  # a token of any text is refused, not an error
        answer = client.post(
            f"/cases/{OWN}/documents/{doc_id}/marks", data={"token": stolen, "mark": "starred"}
        )
        assert answer.status_code == 403 and "E016" in answer.text
    signin = httpx.Client(base_url=site["address"], timeout=60)
    signin.get("/signin")  # the sign-in form's own cookie, then another token than its
    for forged_token in ("x", "é"):
        forged = signin.post(
            "/signin", data={"token": forged_token, "name": "m-editor", "password": PASSWORD}
        )
        assert forged.status_code == 403


def test_a_note_carries_its_signed_in_author_whatever_the_form_says(
    site: dict[str, Any], server_database: str
) -> None:
    client, token = signed_in(site["address"], "m-reader")
    doc_id = site["ids"]["doc_id"]
    page = client.get(f"/cases/{OWN}/documents/{doc_id}")
    assert page.status_code == 200 and "m-reader" in page.text
    added = client.post(
        f"/cases/{OWN}/documents/{doc_id}/notes",
        data={"token": token, "page": "1", "start": "0", "end": "5", "text": "seen", "by": "ed"},
    )
    assert added.status_code == 303 and added.headers["location"].startswith(f"/cases/{OWN}/")
    notes = client.get(f"/cases/{OWN}/api/notes").json()
    assert [note["author"] for note in notes if note["text"] == "seen"] == ["m-reader"]
    visitor, visitor_token = signed_in(site["address"], "m-visitor")
    refused = visitor.post(
        f"/cases/{OWN}/documents/{doc_id}/notes",
        data={"token": visitor_token, "page": "1", "start": "0", "end": "5", "text": "no"},
    )
    assert refused.status_code == 403 and "E022" in refused.text


def test_the_audit_log_holds_sign_in_search_view_download_and_annotation(
    site: dict[str, Any], server_database: str
) -> None:
    client, token = signed_in(site["address"], "m-editor")
    doc_id = site["ids"]["doc_id"]
    assert client.get(f"/cases/{OWN}/search", params={"q": "convoy"}).status_code == 200
    filtered = client.get(f"/cases/{OWN}/api/search", params={"q": "=1+1", "type": "text"})
    assert filtered.status_code == 200
    assert client.get(f"/cases/{OWN}/documents/{doc_id}").status_code == 200
    assert client.get(f"/cases/{OWN}/documents/{doc_id}/original").status_code == 200
    starred = client.post(
        f"/cases/{OWN}/documents/{doc_id}/marks",
        data={"token": token, "mark": "starred", "on": "1"},
    )
    assert starred.status_code == 303
    owner, _ = signed_in(site["address"], "m-owner")
    log = owner.get(f"/cases/{OWN}/api/audit").json()
    mine = [
        (row["action"], row["item"], row["detail"]) for row in log if row["user_name"] == "m-editor"
    ]
    assert ("search", None, "convoy") in mine
    assert ("view", doc_id, None) in mine
    assert ("download", doc_id, None) in mine
    assert ("annotation", doc_id, None) in mine
    sheet = owner.get(f"/cases/{OWN}/audit.csv")
    assert sheet.headers["content-type"].startswith("text/csv")
    assert sheet.text.splitlines()[0] == "at,user_name,case_name,action,item,detail"
    # the filter given as its own parameter is logged, and no cell starts a formula
    assert ("search", None, '=1+1 type:"text"') in mine
    details = {row["detail"] for row in csv.DictReader(io.StringIO(sheet.text))}
    assert '\'=1+1 type:"text"' in details
    with closing(Accounts(server_database)) as accounts:
        outside = accounts.db.execute(
            "SELECT action FROM casegraph.audit WHERE user_name = 'm-editor' AND case_name IS NULL"
        ).fetchall()
    assert ("sign-in",) in outside


def test_sign_in_is_refused_after_five_wrong_passwords_for_a_name(
    site: dict[str, Any], server_database: str
) -> None:
    client = httpx.Client(base_url=site["address"], follow_redirects=False, timeout=60)
    token = _token_in(client.get("/signin").text)
    try:
        for _ in range(5):
            wrong = client.post(
                "/signin", data={"token": token, "name": "m-owner", "password": "no"}
            )
            assert wrong.status_code == 401 and "do not match" in wrong.text
        right = client.post(
            "/signin", data={"token": token, "name": "m-owner", "password": PASSWORD}
        )
        assert right.status_code == 429 and "E023" in right.text
        assert 'href="/findings"' not in right.text  # outside any case: no case's sections
        other = client.post(
            "/signin", data={"token": token, "name": "m-reader", "password": PASSWORD}
        )
        assert other.status_code == 303  # one name's refusals do not lock out the others
    finally:
        with closing(Accounts(server_database)) as accounts:
            accounts.db.execute("DELETE FROM casegraph.refused_signins")


def test_a_person_sees_only_the_cases_they_have_a_role_on(site: dict[str, Any]) -> None:
    reader, _ = signed_in(site["address"], "m-reader")
    assert reader.get("/api").json()["cases"] == [{"case": OWN, "role": "reader"}]
    refused = reader.get("/api/audit")  # the log of sign-ins is an admin's
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "E022"
    admin, _ = signed_in(site["address"], "m-admin")
    outside = admin.get("/api/audit").json()
    assert {"m-reader", "m-admin"} <= {
        row["user_name"] for row in outside if row["action"] == "sign-in"
    }
    assert "sign-in" in admin.get("/audit.csv").text and "<table" in admin.get("/audit").text
    listed = {row["case"]: row["role"] for row in admin.get("/api").json()["cases"]}
    assert listed[OWN] == listed[OTHER] == "owner"
    lapsed, _ = signed_in(site["address"], "m-lapsed")
    assert lapsed.get("/api").json()["cases"] == []


def test_signing_out_ends_the_session(site: dict[str, Any]) -> None:
    client, token = signed_in(site["address"], "m-visitor")
    cookie = client.cookies["casegraph_session"]
    assert client.post("/signout", data={"token": token}).status_code == 303
    client.cookies.set("casegraph_session", cookie)  # the old cookie, kept by a thief
    assert client.get(f"/cases/{OWN}/api").status_code == 401


def test_a_readers_note_is_private_until_shared_and_theirs_alone_to_delete(
    site: dict[str, Any],
) -> None:
    reader, reader_token = signed_in(site["address"], "m-reader")
    editor, editor_token = signed_in(site["address"], "m-editor")
    doc_id = site["ids"]["doc_id"]
    fields = {"page": "1", "start": "2", "end": "6", "tag": "hunch-of-rita"}
    for client, token, text in ((reader, reader_token, "mine"), (editor, editor_token, "ours")):
        added = client.post(
            f"/cases/{OWN}/documents/{doc_id}/notes", data={**fields, "token": token, "text": text}
        )
        assert added.status_code == 303

    def seen_by(client: httpx.Client) -> dict[str, dict[str, Any]]:
        notes = client.get(f"/cases/{OWN}/api/notes", params={"tag": "hunch-of-rita"}).json()
        return {note["text"]: note for note in notes}

    mine = seen_by(reader)["mine"]
    assert mine["private"] and "mine" not in seen_by(editor)
    visitor, _ = signed_in(site["address"], "m-visitor")
    found = visitor.get(f"/cases/{OWN}/api/search", params={"q": "tag:hunch-of-rita"}).json()
    assert found["total"] == 1  # the editor's shared note; the reader's is not counted
    tags = found["facets"]["tag"]
    assert [tag["documents"] for tag in tags if tag["value"] == "hunch-of-rita"] == [1]
    page = reader.get(f"/cases/{OWN}/documents/{doc_id}").text
    assert "only you see it" in page and f"/notes/{mine['id']}/share" in page
    theirs = seen_by(reader)["ours"]
    refused = reader.post(f"/cases/{OWN}/notes/{theirs['id']}/delete", data={"token": reader_token})
    assert refused.status_code == 403 and "E022" in refused.text
    hidden = editor.post(f"/cases/{OWN}/notes/{mine['id']}/share", data={"token": editor_token})
    assert hidden.status_code == 404  # another's private note is not there for them
    shared = reader.post(f"/cases/{OWN}/notes/{mine['id']}/share", data={"token": reader_token})
    assert shared.status_code == 303
    assert not seen_by(editor)["mine"]["private"]


def test_in_chromium_a_reader_signs_in_opens_the_case_searches_and_follows_links(
    site: dict[str, Any], page: Any
) -> None:
    address = site["address"]
    page.goto(f"{address}/cases/{OWN}/map")
    assert "/signin?next=" in page.url  # asked to sign in first, and brought back after
    page.fill("input[name=name]", "m-reader")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.signin button")
    page.wait_for_selector("#map[data-drawn]")
    snapshot(page, "server-map")
    page.locator("#map path.place-marker").first.click(force=True)
    page.locator(".leaflet-popup-content a").click()
    page.wait_for_selector("h1")
    assert f"/cases/{OWN}/entities/" in page.url  # the map's links stay inside the case
    page.fill("input[name=q]", "convoy")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("li.hit")
    page.locator("a.hit-title").first.click()
    page.wait_for_selector("#page-text")
    assert page.url.startswith(f"{address}/cases/{OWN}/documents/")
    snapshot(page, "server-document")
    page.click("a.home")
    page.wait_for_selector("h1")
    page.click("form.signout a")  # the list of cases
    assert page.locator("ul.cases a").first.inner_text() == OWN
    page.click("form.signout button")
    page.wait_for_selector("form.signin")
    assert page.errors == []


def test_a_reader_clears_only_their_own_marks(site: dict[str, Any]) -> None:
    editor, editor_token = signed_in(site["address"], "m-editor")
    reader, reader_token = signed_in(site["address"], "m-reader")
    doc_id = site["ids"]["doc_id"]
    marks = f"/cases/{OWN}/documents/{doc_id}/marks"

    def starred() -> bool:
        found = editor.get(f"/cases/{OWN}/api/search", params={"q": "starred:yes"}).json()
        return doc_id in {hit["doc_id"] for hit in found["hits"]}

    editor.post(marks, data={"token": editor_token, "mark": "starred", "on": "1"})
    reader.post(marks, data={"token": reader_token, "mark": "starred", "on": "0"})
    assert starred()
    editor.post(marks, data={"token": editor_token, "mark": "starred", "on": "0"})
    assert not starred()


def test_an_admin_is_told_of_no_case_that_does_not_exist(site: dict[str, Any]) -> None:
    admin, _ = signed_in(site["address"], "m-admin")
    answer = admin.get("/cases/no-such-case/api")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "E001"


def test_pages_answer_after_postgresql_closed_every_connection(
    site: dict[str, Any], server_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    from casegraph.case import postgres

    client, _ = signed_in(site["address"], "m-visitor")
    assert client.get(f"/cases/{OWN}/api").status_code == 200
    monkeypatch.setattr(postgres, "PING_AFTER_SECONDS", 0.0)  # as after 10 s of quiet
    with psycopg.connect(server_database, autocommit=True) as admin:  # a restart, as seen
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    answers = [client.get(f"/cases/{OWN}/api").status_code for _ in range(4)]
    answers.append(client.get("/api").status_code)
    assert answers == [200] * 5


def test_a_server_thread_keeps_a_few_cases_open_and_closes_the_least_recently_used(
    server_database: str, tmp_path: Path
) -> None:
    import psycopg

    addresses = [ServerAddress(server_database, f"kept-open-{n}") for n in range(3)]
    for address in addresses:
        Case.create_on_server(address, tmp_path / address.case).close()

    pid_of: dict[int, int] = {}

    def noted(case: Case) -> Case:
        pid_of[id(case)] = case.db.connection.info.backend_pid
        return case

    def backends(*cases: Case) -> list[bool]:
        """Whether each case's connection still has its backend on the server."""
        pids = [pid_of[id(case)] for case in cases]
        with psycopg.connect(server_database) as counting:
            rows = counting.execute(
                "SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)", (pids,)
            ).fetchall()
        living = {row[0] for row in rows}
        return [pid in living for pid in pids]

    opened = OpenCases(most=2)
    try:
        first, second = noted(opened.get(addresses[0])), noted(opened.get(addresses[1]))
        assert opened.get(addresses[0]) is first  # kept, and now the most recently used
        third = noted(opened.get(addresses[2]))
        assert second.db.connection.closed and not first.db.connection.closed
        assert list(opened.kept()) == [str(addresses[0]), str(addresses[2])]
        assert _eventually(lambda: backends(first, second, third) == [True, False, True])
        again = noted(opened.get(addresses[1]))  # opened anew, and it answers
        assert again is not second and again.documents.all_paths() == []
        assert first.db.connection.closed
        assert _eventually(lambda: backends(first, third, again) == [False, True, True])
        elsewhere: list[Case] = []  # another thread keeps cases of its own

        def in_another_thread() -> None:
            elsewhere.append(opened.get(addresses[1]))
            elsewhere[0].close()

        worker = threading.Thread(target=in_another_thread)
        worker.start()
        worker.join()
        assert elsewhere[0] is not again and len(opened.kept()) == 2
    finally:
        for case in opened.kept().values():
            case.close()


def _eventually(holds: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Whether a condition holds within a few seconds (a closed connection's backend ends
    a moment after its client closed it)."""
    deadline = time.monotonic() + seconds
    while not holds():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_page_shows_only_the_changes_a_role_may_make(site: dict[str, Any]) -> None:
    doc_id, entity_id = site["ids"]["doc_id"], site["ids"]["entity_id"]
    shown = {}
    for person in ("visitor", "reader", "editor"):
        client, _ = signed_in(site["address"], f"m-{person}")
        page = client.get(f"/cases/{OWN}/documents/{doc_id}").text
        entity = client.get(f"/cases/{OWN}/entities/{entity_id}").text
        shown[person] = ('id="note-form"' in page, 'class="transcribe"' in page, "/merge" in entity)
    assert shown == {
        "visitor": (False, False, False),
        "reader": (True, False, False),
        "editor": (True, True, True),
    }
