"""Sign-in through a newsroom's OpenID Connect provider (Keycloak, Authentik, Google
Workspace, Entra ID ...): the authorisation code flow with PKCE and a nonce, by Authlib, and
the ID token checked by joserfc against the provider's published keys.

Reads the provider's discovery document and keys (fetched once, the keys again when a token
is signed with a key not among them) and, for each sign-in, its token endpoint; writes
nothing: the workbench finds the account the person is bound to and opens the session.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from ..errors import BadSetting, one_line

# the environment variable holding the client's secret: not an option, which `ps` would show
SECRET_VARIABLE = "CASEGRAPH_OIDC_SECRET"
SCOPES = "openid email profile"
PROVIDER_SECONDS = 10.0
# how long the step from the workbench to the provider and back may take
ROUND_TRIP_SECONDS = 600
# a provider that could not be read is not asked again for this long: sign-ins fail at once
# instead of each holding a server thread for PROVIDER_SECONDS
UNREACHABLE_SECONDS = 30.0
# the provider's keys are fetched again at most this often (a token signed with an unknown
# key makes them fetched again: a stream of forged ones must not make a stream of fetches)
KEYS_AGAIN_SECONDS = 60.0
_DISCOVERED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


class OidcRefused(Exception):
    """The provider's answer does not sign anyone in: its one-line reason."""


@dataclass(frozen=True)
class OidcSettings:
    """Where and as whom the workbench asks, and which claim of the ID token names the
    casegraph account at a person's first sign-in (their subject is bound to it then)."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    claim: str = "preferred_username"

    @classmethod
    def from_options(cls, issuer: str, client_id: str | None, claim: str) -> OidcSettings:
        secret = os.environ.get(SECRET_VARIABLE, "")
        if not client_id or not secret:
            raise BadSetting(
                f"OIDC sign-in needs --oidc-client-id and the client's secret in {SECRET_VARIABLE}"
            )
        if not _secure(issuer):
            raise BadSetting(f"an OIDC issuer is reached over HTTPS (or on this machine): {issuer}")
        return cls(issuer.rstrip("/"), client_id, secret, claim)


def _secure(address: str) -> bool:
    parts = urlsplit(address)
    if parts.scheme == "https":
        return True
    try:
        return parts.scheme == "http" and (
            parts.hostname == "localhost" or ip_address(parts.hostname or "").is_loopback
        )
    except ValueError:
        return False


@dataclass(frozen=True)
class Started:
    """A sign-in sent to the provider: where to send the browser, and what to keep (signed,
    in a cookie) until it comes back."""

    address: str
    kept: dict[str, str]


class OidcSignIn:
    """The provider of one workbench, its discovery document read on first use."""

    def __init__(self, settings: OidcSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] | None = None
        self._unreachable: tuple[float, OidcRefused] | None = None
        self._keys: Any = None
        self._keys_at = 0.0

    def start(self, callback: str) -> Started:
        """Where to send the browser to sign in, coming back to ``callback``."""
        from authlib.common.security import generate_token

        verifier, nonce = generate_token(48), generate_token(24)
        with self._client(callback) as client:
            address, state = client.create_authorization_url(
                self.metadata()["authorization_endpoint"], code_verifier=verifier, nonce=nonce
            )
        return Started(address, {"state": state, "verifier": verifier, "nonce": nonce})

    def finish(self, callback: str, code: str, kept: dict[str, str]) -> dict[str, Any]:
        """The claims of the ID token that the provider's authorisation ``code`` (its answer
        to the sign-in ``kept`` describes, whose state the caller checked) is exchanged for
        at its token endpoint; OidcRefused otherwise."""
        import requests
        from authlib.common.errors import AuthlibBaseError

        try:
            with self._client(callback, kept["state"]) as client:
                token = client.fetch_token(
                    self.metadata()["token_endpoint"],
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=kept["verifier"],
                    timeout=PROVIDER_SECONDS,
                )
        except (AuthlibBaseError, requests.RequestException, ValueError) as error:
            raise OidcRefused(f"the provider did not sign you in: {one_line(error)}") from None
        if "id_token" not in token:
            raise OidcRefused("the provider gave no ID token (is 'openid' among its scopes?)")
        return self._claims(str(token["id_token"]), kept["nonce"])

    def _claims(self, id_token: str, nonce: str) -> dict[str, Any]:
        from joserfc.errors import BadSignatureError, InvalidKeyIdError, JoseError

        try:
            try:
                decoded = self._decoded(id_token, self._keys_of(again=False))
            except (BadSignatureError, InvalidKeyIdError):  # a key rolled in since?
                decoded = self._decoded(id_token, self._keys_of(again=True))
            claims = dict(decoded.claims)
            self._validate(claims, nonce)
        except (JoseError, ValueError) as error:
            raise OidcRefused(f"the provider's ID token does not hold: {one_line(error)}") from None
        return claims

    def _decoded(self, id_token: str, keys: Any) -> Any:
        from joserfc import jwt

        return jwt.decode(id_token, keys, self._algorithms())

    def _validate(self, claims: dict[str, Any], nonce: str) -> None:
        from joserfc import jwt
        from joserfc.errors import InvalidClaimError

        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": self.metadata()["issuer"]},
            aud={"essential": True, "value": self.settings.client_id},
            exp={"essential": True},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(claims)
        # a token for several audiences was asked for by the one it names as its party
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.settings.client_id:
            raise InvalidClaimError("azp")

    def _algorithms(self) -> list[str]:
        """The provider's signing algorithms for ID tokens, less those whose key is no
        public key of the provider's ("none", and HS*, keyed with the client's secret)."""
        said = self.metadata().get("id_token_signing_alg_values_supported") or ["RS256"]
        kept = [name for name in said if name != "none" and not str(name).startswith("HS")]
        if not kept:
            raise OidcRefused(f"the provider signs ID tokens with none of ours: {said}")
        return kept

    def _client(self, callback: str, state: str | None = None) -> Any:
        from authlib.integrations.requests_client import OAuth2Session

        return OAuth2Session(
            self.settings.client_id,
            self.settings.client_secret,
            scope=SCOPES,
            redirect_uri=callback,
            state=state,
            code_challenge_method="S256",
        )

    def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (read once; not asked again for a while after
        it could not be read)."""
        with self._lock:
            if self._metadata is not None:
                return self._metadata
            if self._unreachable and time.monotonic() < self._unreachable[0]:
                raise self._unreachable[1]
        try:  # outside the lock: a provider that does not answer holds no other thread
            found = self._discovered()
        except OidcRefused as refused:
            with self._lock:
                self._unreachable = (time.monotonic() + UNREACHABLE_SECONDS, refused)
            raise
        with self._lock:
            self._metadata = found
        return found

    def _discovered(self) -> dict[str, Any]:
        issuer = self.settings.issuer
        found = _fetched(f"{issuer}/.well-known/openid-configuration")
        if str(found.get("issuer", "")).rstrip("/") != issuer:
            raise OidcRefused(f"{issuer} says it is {found.get('issuer')!r}: not the issuer given")
        missing = [name for name in _DISCOVERED if not isinstance(found.get(name), str)]
        if missing:
            raise OidcRefused(f"{issuer}'s discovery document names no {', '.join(missing)}")
        return found

    def _keys_of(self, again: bool) -> Any:
        """The provider's keys; fetched again when ``again`` (not more often than
        KEYS_AGAIN_SECONDS)."""
        from joserfc.jwk import KeySet

        with self._lock:
            fresh = time.monotonic() - self._keys_at < KEYS_AGAIN_SECONDS
            if self._keys is not None and (not again or fresh):
                return self._keys
        found = _fetched(self.metadata()["jwks_uri"])
        if not isinstance(found.get("keys"), list):
            raise OidcRefused("the provider's key set holds no keys")
        keys = KeySet.import_key_set(found)  # type: ignore[arg-type]
        with self._lock:
            self._keys, self._keys_at = keys, time.monotonic()
        return keys


def _fetched(address: str) -> dict[str, Any]:
    """A JSON document of the provider; OidcRefused where it cannot be had."""
    import requests

    try:
        answer = requests.get(address, timeout=PROVIDER_SECONDS)
        answer.raise_for_status()
        found = answer.json()
    except (requests.RequestException, ValueError) as error:
        raise OidcRefused(f"the sign-in provider cannot be read: {type(error).__name__}") from None
    if not isinstance(found, dict):
        raise OidcRefused("the sign-in provider's answer holds no JSON object")
    return found
