"""Sign-in through an OpenID Connect provider: a real one (oidc-provider-mock, a Flask
provider of authorisation codes and signed ID tokens) on a free port, and the server's
workbench on another; the browser's part played by httpx, cookie by cookie."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from oidc_provider_mock import User, run_server_in_thread

from casegraph.case.accounts import Accounts, Role
from casegraph.case.address import ServerAddress
from casegraph.case.store import Case
from casegraph.web.oidc import OidcRefused, OidcSettings, OidcSignIn
from casegraph.web.server import OIDC_COOKIE, SESSION_COOKIE, create_server_app
from tests.web.conftest import serving_app

CASE = "oidc-case"
# people the provider knows: one with an account here, one without
KNOWN = User(sub="0a1b2c", claims={"preferred_username": "o-reader", "email": "r@example.org"})
STRANGER = User(sub="9z8y7x", claims={"preferred_username": "o-nobody"})


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread(user_claims=[KNOWN, STRANGER]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def site(
    provider: str, server_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A server's workbench that signs in through the provider; o-reader (no password) is
    a reader of its one case."""
    files = tmp_path_factory.mktemp("oidc-files")
    Case.create_on_server(ServerAddress(server_database, CASE), files).close()
    with closing(Accounts(server_database)) as accounts:
        accounts.add_user("o-reader", None, admin=False, by="test")
        accounts.grant(CASE, "o-reader", Role.READER, None, by="test")
    settings = OidcSettings(provider, "casegraph-test", "a client secret")
    with serving_app(create_server_app(server_database, settings)) as address:
        yield address


def _browser(site: str) -> httpx.Client:
    return httpx.Client(base_url=site, follow_redirects=False, timeout=60)


def _to_provider(browser: httpx.Client, going: str = "/") -> str:
    """Open the workbench's sign-in through the provider: the provider's page it sends to."""
    page = browser.get("/signin")
    assert page.status_code == 200 and "/signin/oidc?next=" in page.text
    sent = browser.get("/signin/oidc", params={"next": going})
    assert sent.status_code == 303 and OIDC_COOKIE in sent.cookies
    return sent.headers["location"]


def _provider_answers(address: str, **form: str) -> str:
    """The provider's form sent as a person would: where it sends the browser back."""
    answered = httpx.post(address, data=form, follow_redirects=False, timeout=30)
    assert answered.status_code in (302, 303), answered.text[:300]
    return answered.headers["location"]


def _back(browser: httpx.Client, address: str) -> httpx.Response:
    parts = urlsplit(address)
    return browser.get(f"{parts.path}?{parts.query}")


def test_a_person_the_provider_vouches_for_is_signed_in_to_their_account(
    site: str, server_database: str
) -> None:
    browser = _browser(site)
    asked = _to_provider(browser, f"/cases/{CASE}/")
    sent = parse_qs(urlsplit(asked).query)
    # the authorisation code flow, with PKCE, a state and a nonce
    assert sent["response_type"] == ["code"] and sent["code_challenge_method"] == ["S256"]
    assert sent["state"][0] and sent["nonce"][0] and sent["client_id"] == ["casegraph-test"]
    assert sent["redirect_uri"] == [f"{site}/signin/oidc/back"]
    came_back = _back(browser, _provider_answers(asked, sub=KNOWN.sub))
    assert came_back.status_code == 303, came_back.text[:500]
    assert came_back.headers["location"] == f"/cases/{CASE}/"
    assert SESSION_COOKIE in browser.cookies
    assert browser.get("/api").json() == {
        "user": "o-reader",
        "admin": False,
        "cases": [{"case": CASE, "role": "reader"}],
    }
    assert browser.get(f"/cases/{CASE}/api").status_code == 200
    with closing(Accounts(server_database)) as accounts:
        signed = [e for e in accounts.audit(None) if e["action"] == "sign-in"]
    assert signed[-1]["user_name"] == "o-reader" and "(OIDC)" in (signed[-1]["detail"] or "")


def test_no_account_here_means_no_session_whatever_the_provider_says(
    site: str, server_database: str
) -> None:
    browser = _browser(site)
    came_back = _back(browser, _provider_answers(_to_provider(browser), sub=STRANGER.sub))
    assert came_back.status_code == 401
    assert "o-nobody" in came_back.text and "casegraph users add" in came_back.text
    assert SESSION_COOKIE not in browser.cookies
    assert OIDC_COOKIE not in browser.cookies  # answered: the sign-in begun is over
    assert browser.get("/api").status_code == 401
    with closing(Accounts(server_database)) as accounts:
        refused = [e for e in accounts.audit(None) if e["action"] == "sign-in refused"]
    assert refused[-1]["user_name"] == "o-nobody"


def test_an_answer_that_did_not_start_here_is_refused(site: str) -> None:
    started = _browser(site)
    answer = _provider_answers(_to_provider(started), sub=KNOWN.sub)
    # another browser, without the cookie the sign-in started with: a forged sign-in
    forged = _back(_browser(site), answer)
    assert forged.status_code == 403 and "E016" in forged.text
    # the right browser with another state
    tampered = answer.replace("state=", "state=x")
    assert _back(started, tampered).status_code == 403
    assert SESSION_COOKIE not in started.cookies


def test_a_refusal_by_the_provider_is_said_only_with_the_requests_state(site: str) -> None:
    browser = _browser(site)
    state = parse_qs(urlsplit(_to_provider(browser)).query)["state"][0]
    # a provider's refusal (RFC 6749, 4.1.2.1) carries the request's state (the provider
    # used here leaves it out of its own "deny": sent as a provider must)
    said = {"error": "access_denied", "error_description": "The person said no"}
    refused = browser.get("/signin/oidc/back", params={**said, "state": state})
    assert refused.status_code == 401 and "The sign-in provider said: The person said no" in (
        refused.text
    )
    # without it, it answers no request of this workbench: its words are not shown
    stray = browser.get("/signin/oidc/back", params={**said, "error_description": "Call us"})
    assert stray.status_code == 403 and "Call us" not in stray.text
    assert SESSION_COOKIE not in browser.cookies


def test_an_account_without_a_password_signs_in_with_none(site: str) -> None:
    browser = _browser(site)
    form = browser.get("/signin")
    token = browser.cookies["casegraph_signin"]
    assert form.status_code == 200
    for password in ("", "!", "a guess"):
        refused = browser.post(
            "/signin", data={"token": token, "name": "o-reader", "password": password}
        )
        assert refused.status_code == 401, password
    assert SESSION_COOKIE not in browser.cookies


def test_the_provider_out_of_reach_is_said_on_the_sign_in_page(server_database: str) -> None:
    gone = OidcSettings("http://127.0.0.1:9", "casegraph-test", "a client secret")
    with serving_app(create_server_app(server_database, gone)) as address:
        answer = _browser(address).get("/signin/oidc")
    assert answer.status_code == 502 and "cannot be read" in answer.text


def test_serve_refuses_a_provider_without_its_client() -> None:
    from tests.conftest import run_cli

    done = run_cli("serve", "postgresql:///nowhere", "--oidc-issuer", "http://localhost:1")
    assert done.returncode == 1 and "CASEGRAPH_OIDC_SECRET" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_an_id_token_is_taken_only_for_its_own_sign_in_and_client(provider: str) -> None:
    back = "http://127.0.0.1:1/signin/oidc/back"
    ours = OidcSignIn(OidcSettings(provider, "casegraph-test", "a client secret"))
    started = ours.start(back)
    answer = _provider_answers(started.address, sub=KNOWN.sub)
    with pytest.raises(OidcRefused, match="nonce"):
        ours.finish(back, answer, {**started.kept, "nonce": "of another sign-in"})
    started = ours.start(back)
    answer = _provider_answers(started.address, sub=KNOWN.sub)
    claims = ours.finish(back, answer, started.kept)
    assert claims["preferred_username"] == "o-reader"
    assert claims["aud"] in ("casegraph-test", ["casegraph-test"])
    with pytest.raises(OidcRefused):  # a code is good once
        ours.finish(back, answer, started.kept)
    # a code given to another client is not ours to exchange
    theirs = OidcSignIn(OidcSettings(provider, "another-client", "a client secret"))
    started = theirs.start(back)
    answer = _provider_answers(started.address, sub=KNOWN.sub)
    with pytest.raises(OidcRefused, match="did not sign you in"):
        ours.finish(back, answer, started.kept)
