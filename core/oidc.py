"""OpenID Connect: the configured provider and the verification of its signed tokens.

The provider (VNeID, the national portal's login, any OIDC issuer) is read from settings at
call time: ``MOTCUA_OIDC_ISSUER`` with its discovery document, or explicit endpoints
(``MOTCUA_OIDC_AUTHORIZATION_ENDPOINT``, ``..._TOKEN_ENDPOINT``, ``..._USERINFO_ENDPOINT``,
``..._JWKS_URI``), ``MOTCUA_OIDC_CLIENT_ID``, ``MOTCUA_OIDC_CLIENT_SECRET``,
``MOTCUA_OIDC_SCOPES``, ``MOTCUA_OIDC_AUDIENCES`` (bearer tokens), ``MOTCUA_OIDC_ALGORITHMS``.
The discovery document and the key set are cached in the process; an unknown key id refetches
the key set at most once per ``JWKS_REFRESH_SECONDS``.

``verify_bearer(token)`` checks an access token for the API, ``verify_id_token(token,
nonce=...)`` an id token for the sign-in: signature (asymmetric algorithms only), issuer,
audience, expiry, issue time. Both raise ``OIDCTokenError`` (a ``ValueError``) whose message
names the reason and never the token's content.
"""

import hashlib
import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import jwt
import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

DISCOVERY_SECONDS = 3600
JWKS_SECONDS = 3600
JWKS_REFRESH_SECONDS = 60
HTTP_TIMEOUT = 5
ASYMMETRIC = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}


class OIDCConfigError(Exception):
    """OIDC is not configured, or the provider's documents cannot be read."""


class OIDCTokenError(ValueError):
    """A token that is refused; the message says why, without the token's content."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    scopes: tuple[str, ...]
    audiences: tuple[str, ...]
    algorithms: tuple[str, ...]
    label: str
    leeway: int


_lock = threading.Lock()
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}
_jwks: dict[str, tuple[float, jwt.PyJWKSet]] = {}
_jwks_refreshed: dict[str, float] = {}


def _setting(name: str, default: Any = "") -> Any:
    return getattr(settings, name, default) or default


def is_configured() -> bool:
    """Whether a provider is configured (issuer and client id)."""
    return bool(_setting("MOTCUA_OIDC_ISSUER") and _setting("MOTCUA_OIDC_CLIENT_ID"))


def _fetch_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise OIDCConfigError(f"cannot read {url}: {type(exc).__name__}") from exc
    if not isinstance(data, dict):
        raise OIDCConfigError(f"{url} is not a JSON object")
    return data


def _discover(issuer: str) -> dict[str, Any]:
    now = time.monotonic()
    cached = _discovery.get(issuer)
    if cached and now - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    document = _fetch_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise OIDCConfigError("the discovery document names another issuer")
    with _lock:
        _discovery[issuer] = (now, document)
    return document


def provider() -> Provider:
    """The configured provider; endpoints not set explicitly come from discovery."""
    if not is_configured():
        raise OIDCConfigError("OIDC is not configured (MOTCUA_OIDC_ISSUER, MOTCUA_OIDC_CLIENT_ID)")
    issuer = str(_setting("MOTCUA_OIDC_ISSUER"))
    explicit = {
        key: str(_setting(f"MOTCUA_OIDC_{key.upper()}"))
        for key in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
    }
    document = {} if all(explicit.values()) else _discover(issuer)
    endpoints = {key: value or str(document.get(key) or "") for key, value in explicit.items()}
    if not endpoints["jwks_uri"]:
        raise OIDCConfigError("the provider has no jwks_uri")
    client_id = str(_setting("MOTCUA_OIDC_CLIENT_ID"))
    algorithms = tuple(_setting("MOTCUA_OIDC_ALGORITHMS", ["RS256"]))
    if not set(algorithms) <= ASYMMETRIC:
        raise OIDCConfigError("MOTCUA_OIDC_ALGORITHMS allows asymmetric algorithms only")
    return Provider(
        issuer=issuer,
        client_id=client_id,
        client_secret=str(_setting("MOTCUA_OIDC_CLIENT_SECRET")),
        scopes=tuple(_setting("MOTCUA_OIDC_SCOPES", ["openid", "profile", "email"])),
        audiences=tuple(_setting("MOTCUA_OIDC_AUDIENCES", [client_id])),
        algorithms=algorithms,
        label=str(_setting("MOTCUA_OIDC_LABEL", "OpenID Connect")),
        leeway=int(_setting("MOTCUA_OIDC_LEEWAY", 30)),
        **endpoints,
    )


def _key_set(jwks_uri: str, *, refresh: bool = False) -> jwt.PyJWKSet:
    now = time.monotonic()
    cached = _jwks.get(jwks_uri)
    fresh = cached is not None and now - cached[0] < JWKS_SECONDS
    if cached is not None and fresh and not refresh:
        return cached[1]
    if (
        cached is not None
        and refresh
        and now - _jwks_refreshed.get(jwks_uri, 0) < (JWKS_REFRESH_SECONDS)
    ):
        return cached[1]
    try:
        key_set = jwt.PyJWKSet.from_dict(_fetch_json(jwks_uri))
    except jwt.PyJWTError as exc:
        raise OIDCConfigError("the provider's key set cannot be read") from exc
    with _lock:
        _jwks[jwks_uri] = (now, key_set)
        if refresh:
            _jwks_refreshed[jwks_uri] = now
    return key_set


def _signing_key(token: str, config: Provider) -> jwt.PyJWK:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise OIDCTokenError("the token is not a JWT") from exc
    if header.get("alg") not in config.algorithms:
        raise OIDCTokenError("the token's algorithm is not allowed")
    kid = header.get("kid")
    for refresh in (False, True):
        keys = [
            k for k in _key_set(config.jwks_uri, refresh=refresh).keys if kid in (None, k.key_id)
        ]
        if keys:
            return keys[0]
    raise OIDCTokenError("no key of the provider matches the token")


def _decode(token: str, config: Provider, audiences: tuple[str, ...]) -> dict[str, Any]:
    key = _signing_key(token, config)
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key=key,
            algorithms=list(config.algorithms),
            audience=list(audiences),
            issuer=config.issuer,
            leeway=config.leeway,
            options={"require": ["exp", "iat", "iss", "sub", "aud"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise OIDCTokenError("the token has expired") from exc
    except jwt.InvalidAudienceError as exc:
        raise OIDCTokenError("the token is for another audience") from exc
    except jwt.InvalidIssuerError as exc:
        raise OIDCTokenError("the token is from another issuer") from exc
    except jwt.InvalidSignatureError as exc:
        raise OIDCTokenError("the token's signature is invalid") from exc
    except jwt.MissingRequiredClaimError as exc:
        raise OIDCTokenError(f"the token lacks the {exc.claim!r} claim") from exc
    except jwt.PyJWTError as exc:
        raise OIDCTokenError(f"the token is invalid ({type(exc).__name__})") from exc
    return claims


def verify_bearer(token: str) -> dict[str, Any]:
    """The claims of an access token signed by the provider for one of MOTCUA_OIDC_AUDIENCES."""
    config = provider()
    return _decode(token, config, config.audiences)


def verify_id_token(token: str, *, nonce: str | None) -> dict[str, Any]:
    """The claims of an id token issued to this client, with the nonce of the sign-in."""
    config = provider()
    claims = _decode(token, config, (config.client_id,))
    azp = claims.get("azp")
    if azp is not None and azp != config.client_id:
        raise OIDCTokenError("the token was issued to another client")
    if nonce is not None and not _same(str(claims.get("nonce", "")), nonce):
        raise OIDCTokenError("the token's nonce does not match the sign-in")
    return claims


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def clear_caches() -> None:
    """Forget discovery documents and key sets (tests, a key rotation by hand)."""
    with _lock:
        _discovery.clear()
        _jwks.clear()
        _jwks_refreshed.clear()


# The local account of a verified identity. The accounts app (above this layer) registers the
# resolver at start-up; the API asks ``user_for_claims`` without importing the portal.
IdentityResolver = Callable[[str, str], Any]
_resolver: list[IdentityResolver] = []


def register_identity_resolver(resolver: IdentityResolver) -> None:
    """Set the function mapping (issuer, sub) to an active local user or None."""
    _resolver[:] = [resolver]


def user_for_claims(claims: dict[str, Any]) -> Any:
    """The active local user linked to these verified claims' issuer and subject, or None."""
    if not _resolver or not claims.get("sub"):
        return None
    return _resolver[0](str(claims.get("iss") or provider().issuer), str(claims["sub"]))


@cache
def _subject_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"motcua oidc subject")
    return hkdf.derive(secret.encode())


def subject_hash(issuer: str, subject: str) -> str:
    """The keyed hash (64 hex digits) an identity is stored under: a provider's subject may be
    a citizen ID number, so neither it nor a way to test guesses is kept."""
    message = f"{issuer.rstrip('/')}\n{subject}".encode()
    return hmac.new(_subject_key(settings.SECRET_KEY), message, hashlib.sha256).hexdigest()
