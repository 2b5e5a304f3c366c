"""Sign-in through a newsroom's OpenID Connect provider (Keycloak, Authentik, Google
Workspace, Entra ID ...): the authorisation code flow with PKCE and a nonce, by Authlib, and
the ID token checked by joserfc against the provider's published keys.

Reads the provider's discovery document and keys (fetched once, the keys again when a token
names one not seen) and, for each sign-in, its token endpoint; writes nothing: the workbench
maps the token's claim to an account and opens the session.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from ..errors import BadSetting, one_line

# the environment variable holding the client's secret: not an option, which `ps` would show
SECRET_VARIABLE = "CASEGRAPH_OIDC_SECRET"
SCOPES = "openid email profile"
PROVIDER_SECONDS = 10.0
# how long the step from the workbench to the provider and back may take
ROUND_TRIP_SECONDS = 600


class OidcRefused(Exception):
    """The provider's answer does not sign anyone in: its one-line reason."""


@dataclass(frozen=True)
class OidcSettings:
    """Where and as whom the workbench asks, and which claim of the ID token names the
    casegraph account (an account of that name must exist: `casegraph users add`)."""

    issuer: str
    client_id: str
    client_secret: str
    claim: str = "preferred_username"

    @classmethod
    def from_options(cls, issuer: str, client_id: str | None, claim: str) -> OidcSettings:
        secret = os.environ.get(SECRET_VARIABLE, "")
        if not client_id or not secret:
            raise BadSetting(
                f"OIDC sign-in needs --oidc-client-id and the client's secret in {SECRET_VARIABLE}"
            )
        return cls(issuer.rstrip("/"), client_id, secret, claim)


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
        self._keys: Any = None

    def start(self, callback: str) -> Started:
        """Where to send the browser to sign in, coming back to ``callback``."""
        from authlib.common.security import generate_token

        verifier, nonce = generate_token(48), generate_token(24)
        with self._client(callback) as client:
            address, state = client.create_authorization_url(
                self._metadata_of()["authorization_endpoint"], code_verifier=verifier, nonce=nonce
            )
        return Started(address, {"state": state, "verifier": verifier, "nonce": nonce})

    def finish(self, callback: str, answer: str, kept: dict[str, str]) -> dict[str, Any]:
        """The claims of the ID token that the provider's ``answer`` (the callback's full
        address, with its code and state) is exchanged for; OidcRefused otherwise."""
        import requests
        from authlib.common.errors import AuthlibBaseError

        try:
            with self._client(callback, kept["state"]) as client:
                token = client.fetch_token(
                    self._metadata_of()["token_endpoint"],
                    authorization_response=answer,
                    code_verifier=kept["verifier"],
                    timeout=PROVIDER_SECONDS,
                )
        except (AuthlibBaseError, requests.RequestException, ValueError) as error:
            raise OidcRefused(f"the provider did not sign you in: {one_line(error)}") from None
        if "id_token" not in token:
            raise OidcRefused("the provider gave no ID token (is 'openid' among its scopes?)")
        return self._claims(token["id_token"], kept["nonce"])

    def _claims(self, id_token: str, nonce: str) -> dict[str, Any]:
        from joserfc import jwt
        from joserfc.errors import JoseError

        try:
            decoded = jwt.decode(id_token, self._keys_of(id_token), self._algorithms())
            jwt.JWTClaimsRegistry(
                leeway=60,
                iss={"essential": True, "value": self._metadata_of()["issuer"]},
                aud={"essential": True, "value": self.settings.client_id},
                exp={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise OidcRefused(f"the provider's ID token does not hold: {one_line(error)}") from None
        return dict(decoded.claims)

    def _algorithms(self) -> list[str]:
        """The provider's signing algorithms for ID tokens, less those whose key is no
        public key of the provider's ("none", and HS*, keyed with the client's secret)."""
        said = self._metadata_of().get("id_token_signing_alg_values_supported") or ["RS256"]
        return [name for name in said if name != "none" and not name.startswith("HS")]

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

    def _metadata_of(self) -> dict[str, Any]:
        with self._lock:
            if self._metadata is None:
                found = _fetched(f"{self.settings.issuer}/.well-known/openid-configuration")
                if found.get("issuer", "").rstrip("/") != self.settings.issuer:
                    raise OidcRefused(
                        f"{self.settings.issuer} says it is {found.get('issuer')!r}: not the"
                        " issuer given to serve"
                    )
                self._metadata = found
            return self._metadata

    def _keys_of(self, id_token: str) -> Any:
        """The provider's keys, fetched again when the token names one not among them (the
        provider rolled its keys)."""
        from joserfc.jwk import KeySet
        from joserfc.jws import extract_compact

        wanted = extract_compact(id_token.encode()).headers().get("kid")
        with self._lock:
            known = self._keys is not None and (
                wanted is None or any(key.kid == wanted for key in self._keys.keys)
            )
        if not known:
            keys = KeySet.import_key_set(_fetched(self._metadata_of()["jwks_uri"]))  # type: ignore[arg-type]
            with self._lock:
                self._keys = keys
        return self._keys


def _fetched(address: str) -> dict[str, Any]:
    """A JSON document of the provider; OidcRefused where it cannot be had."""
    import requests

    try:
        answer = requests.get(address, timeout=PROVIDER_SECONDS)
        answer.raise_for_status()
        found = answer.json()
    except (requests.RequestException, ValueError) as error:
        raise OidcRefused(
            f"the sign-in provider cannot be read ({address}): {one_line(error)}"
        ) from None
    if not isinstance(found, dict):
        raise OidcRefused(f"{address} holds no JSON object")
    return found
