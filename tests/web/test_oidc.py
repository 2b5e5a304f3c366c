"""Sign-in through an OpenID Connect provider: a real one (oidc-provider-mock, a Flask
provider of authorisation codes and signed ID tokens) on a free port, and the server's
workbench on another; the browser's part played by httpx, cookie by cookie."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from oidc_provider_mock import User, run_server_in_thread

from casegraph.case.accounts import Accounts, Role
from casegraph.case.address import ServerAddress
from casegraph.case.store import Case
from casegraph.web.oidc import OidcRefused, OidcSettings, OidcSignIn
from casegraph.web.server import OIDC_COOKIE, SESSION_COOKIE, create_server_app
from tests.web.conftest import serving_app, snapshot

CASE = "oidc-case"
# people the provider knows: one with an account here, one without
KNOWN = User(sub="0a1b2c", claims={"preferred_username": "o-reader", "email": "r@example.org"})
STRANGER = User(sub="9z8y7x", claims={"preferred_username": "o-nobody"})
LONG = "a" * 64  # the longest account name


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
        accounts.add_user("o-reader", None, admin=False, by="test")  # for OIDC, unbound
        accounts.grant(CASE, "o-reader", Role.READER, None, by="test")
        accounts.add_user("o-password", "a long enough pass phrase", admin=True, by="test")
        accounts.add_user(LONG, None, admin=True, by="test")
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
    site: str, server_database: str, provider: str
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
        logged = [e for e in accounts.audit(None) if e["user_name"] == "o-reader"]
    assert [e["action"] for e in logged[-2:]] == ["oidc bound", "sign-in"]
    assert logged[-2]["detail"] == f"{provider} {KNOWN.sub}"  # bound at the first sign-in
    assert "(OIDC)" in (logged[-1]["detail"] or "")


def test_once_bound_an_account_is_its_persons_whatever_names_the_provider_gives(
    site: str, provider: str
) -> None:
    browser = _browser(site)  # the person of KNOWN, bound to o-reader by now or here
    assert (
        _back(browser, _provider_answers(_to_provider(browser), sub=KNOWN.sub)).status_code == 303
    )
    # another person of the provider who takes the name o-reader there: not o-reader here
    httpx.put(f"{provider}/users/impostor", json={"preferred_username": "o-reader"})
    other = _browser(site)
    refused = _back(other, _provider_answers(_to_provider(other), sub="impostor"))
    assert refused.status_code == 401 and SESSION_COOKIE not in other.cookies
    # the bound person, renamed at the provider, still signs in to o-reader
    httpx.put(f"{provider}/users/{KNOWN.sub}", json={"preferred_username": "renamed"})
    try:
        again = _browser(site)
        assert (
            _back(again, _provider_answers(_to_provider(again), sub=KNOWN.sub)).status_code == 303
        )
        assert again.get("/api").json()["user"] == "o-reader"
    finally:
        httpx.put(f"{provider}/users/{KNOWN.sub}", json=KNOWN.claims)


@pytest.mark.parametrize(
    "claims",
    [
        {"preferred_username": "o-password"},  # a password's account: never through OIDC
        {"preferred_username": LONG + "-someone-else"},  # not cut down to a name that fits
        {"preferred_username": 12345},  # no text: names nothing
    ],
)
def test_the_provider_cannot_name_an_account_that_is_not_for_it(
    site: str, provider: str, claims: dict[str, object]
) -> None:
    httpx.put(f"{provider}/users/named-{id(claims)}", json=claims)
    browser = _browser(site)
    came_back = _back(browser, _provider_answers(_to_provider(browser), sub=f"named-{id(claims)}"))
    assert came_back.status_code == 401 and SESSION_COOKIE not in browser.cookies
    assert browser.get("/api").status_code == 401


def test_in_chromium_a_person_signs_in_through_the_provider_and_is_brought_back(
    site: str, provider: str, server_database: str, page: Any
) -> None:
    with closing(Accounts(server_database)) as accounts:
        accounts.add_user("o-browser", None, admin=False, by="test")
        accounts.grant(CASE, "o-browser", Role.VISITOR, None, by="test")
    httpx.put(f"{provider}/users/in-chromium", json={"preferred_username": "o-browser"})
    page.goto(f"{site}/cases/{CASE}/")
    assert "/signin?next=" in page.url
    snapshot(page, "server-signin-oidc")
    assert page.inner_text("p.signin-oidc") == f"Sign in through {urlsplit(provider).netloc}"
    assert page.errors == []
    page.click("p.signin-oidc a")  # to the provider, another site (localhost, not 127.0.0.1)
    page.wait_for_selector("input[name=sub]")
    assert page.url.startswith(f"{provider}/oauth2/authorize")
    page.fill("input[name=sub]", "in-chromium")
    page.click("button:has-text('Authorize')")
    # back: the sign-in's cookie came along on the provider's redirect (SameSite=Lax)
    page.wait_for_selector("h1")
    assert page.url == f"{site}/cases/{CASE}/"
    kept = {cookie["name"] for cookie in page.context.cookies(site)}
    assert SESSION_COOKIE in kept and OIDC_COOKIE not in kept
    page.errors.clear()  # the provider's own page loads what this machine cannot reach
    page.reload()
    page.wait_for_selector("h1")
    snapshot(page, "server-case-after-oidc")
    assert page.errors == []


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
    _to_provider(browser)  # a sign-in begun, its cookie there
    stray = browser.get("/signin/oidc/back", params={**said, "error_description": "Call us"})
    assert stray.status_code == 403 and "Call us" not in stray.text
    assert SESSION_COOKIE not in browser.cookies


def test_an_answer_without_a_code_signs_no_one_in(site: str) -> None:
    browser = _browser(site)
    state = parse_qs(urlsplit(_to_provider(browser)).query)["state"][0]
    # an ID token in the answer itself (as the implicit flow gives) is not taken
    answer = browser.get(
        "/signin/oidc/back",
        params={"state": state, "id_token": "x.y.z", "access_token": "x", "token_type": "Bearer"},
    )
    assert answer.status_code == 401 and "holds no code" in answer.text
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


def _code_in(answer: str) -> str:
    return parse_qs(urlsplit(answer).query)["code"][0]


def test_an_id_token_is_taken_only_for_its_own_sign_in_and_client(provider: str) -> None:
    back = "http://127.0.0.1:1/signin/oidc/back"
    ours = OidcSignIn(OidcSettings(provider, "casegraph-test", "a client secret"))
    started = ours.start(back)
    code = _code_in(_provider_answers(started.address, sub=KNOWN.sub))
    with pytest.raises(OidcRefused, match="nonce"):
        ours.finish(back, code, {**started.kept, "nonce": "of another sign-in"})
    started = ours.start(back)
    code = _code_in(_provider_answers(started.address, sub=KNOWN.sub))
    claims = ours.finish(back, code, started.kept)
    assert claims["preferred_username"] == "o-reader" and claims["sub"] == KNOWN.sub
    assert claims["aud"] in ("casegraph-test", ["casegraph-test"])
    with pytest.raises(OidcRefused):  # a code is good once
        ours.finish(back, code, started.kept)
    # a code given to another client is not ours to exchange
    theirs = OidcSignIn(OidcSettings(provider, "another-client", "a client secret"))
    started = theirs.start(back)
    code = _code_in(_provider_answers(started.address, sub=KNOWN.sub))
    with pytest.raises(OidcRefused, match="did not sign you in"):
        ours.finish(back, code, started.kept)


def test_id_tokens_signed_with_the_clients_secret_or_unsigned_are_refused(provider: str) -> None:
    import base64
    import json
    import time

    from joserfc import jwt
    from joserfc.jwk import OctKey

    ours = OidcSignIn(OidcSettings(provider, "casegraph-test", "a client secret"))
    claims = {
        "iss": ours.metadata()["issuer"],
        "aud": "casegraph-test",
        "sub": KNOWN.sub,
        "exp": int(time.time()) + 600,
        "nonce": "n",
    }
    secret = OctKey.import_key("a client secret")
    with_secret = jwt.encode({"alg": "HS256"}, claims, secret, algorithms=["HS256"])

    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    unsigned = f"{part({'alg': 'none'})}.{part(claims)}."
    for token in (with_secret, unsigned):
        with pytest.raises(OidcRefused, match="does not hold"):
            ours._claims(token, "n")


def test_an_id_token_for_several_audiences_must_name_us_its_party(provider: str) -> None:
    from joserfc.errors import InvalidClaimError

    ours = OidcSignIn(OidcSettings(provider, "casegraph-test", "a client secret"))
    claims = {
        "iss": ours.metadata()["issuer"],
        "sub": KNOWN.sub,
        "exp": 4_000_000_000,
        "nonce": "n",
        "aud": ["another-client", "casegraph-test"],
    }
    with pytest.raises(InvalidClaimError, match="azp"):
        ours._validate({**claims, "azp": "another-client"}, "n")
    ours._validate({**claims, "azp": "casegraph-test"}, "n")
    ours._validate({**claims, "aud": "casegraph-test"}, "n")  # one audience: no azp needed
