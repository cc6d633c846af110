"""core.oidc: the provider from discovery or explicit endpoints, and token verification."""

import time
from collections.abc import Iterator

import jwt
import pytest

from core import oidc
from tests.core.oidc_provider import CLIENT_ID, CLIENT_SECRET, OIDCProvider, new_key


@pytest.fixture(scope="module")
def provider() -> Iterator[OIDCProvider]:
    running = OIDCProvider().start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def configured(settings, provider: OIDCProvider) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER = provider.issuer
    settings.MOTCUA_OIDC_CLIENT_ID = CLIENT_ID
    settings.MOTCUA_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.MOTCUA_OIDC_AUDIENCES = [CLIENT_ID, "motcua-api"]
    oidc.clear_caches()
    provider.sign_with = None
    yield
    oidc.clear_caches()


def test_not_configured_is_a_clear_error(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER = ""
    assert not oidc.is_configured()
    with pytest.raises(oidc.OIDCConfigError, match="not configured"):
        oidc.verify_bearer("x.y.z")


def test_endpoints_come_from_discovery(provider: OIDCProvider) -> None:
    config = oidc.provider()
    assert config.authorization_endpoint == f"{provider.issuer}/authorize"
    assert config.jwks_uri == f"{provider.issuer}/jwks"
    assert config.audiences == (CLIENT_ID, "motcua-api")


def test_explicit_endpoints_need_no_discovery(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER = "https://id.example.invalid"
    for name in ("AUTHORIZATION_ENDPOINT", "TOKEN_ENDPOINT", "USERINFO_ENDPOINT", "JWKS_URI"):
        setattr(settings, f"MOTCUA_OIDC_{name}", f"https://id.example.invalid/{name.lower()}")
    assert oidc.provider().token_endpoint == "https://id.example.invalid/token_endpoint"


def test_discovery_of_another_issuer_is_refused(settings, provider) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER = provider.issuer + "/other"
    with pytest.raises(oidc.OIDCConfigError):
        oidc.provider()


def test_symmetric_algorithms_are_refused_in_config(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ALGORITHMS = ["HS256"]
    with pytest.raises(oidc.OIDCConfigError, match="asymmetric"):
        oidc.provider()


def test_a_good_bearer_token_gives_its_claims(provider: OIDCProvider) -> None:
    claims = oidc.verify_bearer(provider.sign({"sub": "abc"}, audience="motcua-api"))
    assert claims["sub"] == "abc"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.sign({"sub": "a"}, audience="someone-else"), "another audience"),
        (lambda p: p.sign({"sub": "a"}, exp=int(time.time()) - 3600), "expired"),
        (lambda p: p.sign({"sub": "a"}, iss="https://evil.example"), "another issuer"),
        (lambda p: p.sign({}), "'sub'"),
        (lambda p: "not-a-token", "not a JWT"),
    ],
)
def test_bad_bearer_tokens_are_refused(provider: OIDCProvider, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(oidc.OIDCTokenError, match=reason):
        oidc.verify_bearer(make(provider))


def test_a_token_signed_by_another_key_is_refused(provider: OIDCProvider) -> None:
    provider.sign_with = new_key()
    with pytest.raises(oidc.OIDCTokenError, match="signature"):
        oidc.verify_bearer(provider.sign({"sub": "a"}))


def test_hs256_with_the_public_key_is_refused(provider: OIDCProvider) -> None:
    token = jwt.encode({"sub": "a", "aud": CLIENT_ID}, "s" * 32, algorithm="HS256")
    with pytest.raises(oidc.OIDCTokenError, match="algorithm"):
        oidc.verify_bearer(token)


def test_an_unknown_key_id_is_refused(provider: OIDCProvider) -> None:
    token = jwt.encode({"sub": "a"}, provider.key, algorithm="RS256", headers={"kid": "other"})
    with pytest.raises(oidc.OIDCTokenError, match="no key"):
        oidc.verify_bearer(token)


def test_id_token_checks_the_nonce_and_the_client(provider: OIDCProvider) -> None:
    token = provider.sign({"sub": "a", "nonce": "n1"})
    assert oidc.verify_id_token(token, nonce="n1")["sub"] == "a"
    with pytest.raises(oidc.OIDCTokenError, match="nonce"):
        oidc.verify_id_token(token, nonce="n2")
    api_token = provider.sign({"sub": "a", "nonce": "n1"}, audience="motcua-api")
    with pytest.raises(oidc.OIDCTokenError, match="audience"):
        oidc.verify_id_token(api_token, nonce="n1")


def test_errors_never_carry_the_token(provider: OIDCProvider) -> None:
    token = provider.sign({"sub": "secret-subject"}, audience="nope")
    with pytest.raises(oidc.OIDCTokenError) as error:
        oidc.verify_bearer(token)
    assert "secret-subject" not in str(error.value)
    assert token not in str(error.value)


def test_a_rotated_key_is_fetched_once(provider: OIDCProvider) -> None:
    oidc.verify_bearer(provider.sign({"sub": "a"}))  # the key set is cached
    old_key, old_kid = provider.key, provider.kid
    try:
        provider.key, provider.kid = new_key(), "test-key-2"
        assert oidc.verify_bearer(provider.sign({"sub": "a"}))["sub"] == "a"
        provider.kid = "test-key-3"  # unknown again at once: no second fetch within the minute
        with pytest.raises(oidc.OIDCTokenError, match="no key"):
            oidc.verify_bearer(provider.sign({"sub": "a"}))
    finally:
        provider.key, provider.kid = old_key, old_kid


@pytest.mark.django_db
def test_user_for_claims_finds_no_one_without_a_link(provider: OIDCProvider) -> None:
    assert oidc.user_for_claims({"iss": provider.issuer, "sub": "nobody"}) is None
    assert oidc.user_for_claims({}) is None
