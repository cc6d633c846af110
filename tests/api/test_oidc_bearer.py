"""OIDC bearer access tokens from the configured provider (a real provider on 127.0.0.1):
verified by core.oidc and mapped to the account linked at the identity's first sign-in on the
site; a bad signature, another audience, an expired token or an unlinked identity is 401."""

import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from django.test import Client

from core import oidc
from portal.accounts.identities import user_for_sign_in
from tests.core.oidc_provider import CLIENT_ID, CLIENT_SECRET, OIDCProvider, new_key

pytestmark = pytest.mark.django_db
AUDIENCE = "motcua-api"


@pytest.fixture(scope="module")
def provider() -> Iterator[OIDCProvider]:
    running = OIDCProvider().start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def configured(settings: Any, provider: OIDCProvider) -> Iterator[None]:
    settings.MOTCUA_OIDC_ISSUER = provider.issuer
    settings.MOTCUA_OIDC_CLIENT_ID = CLIENT_ID
    settings.MOTCUA_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.MOTCUA_OIDC_AUDIENCES = [AUDIENCE]
    oidc.clear_caches()
    provider.sign_with = None
    yield
    oidc.clear_caches()


def ask(token: str) -> Any:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/my/dossiers")


def test_a_linked_identitys_access_token_is_its_account(provider: OIDCProvider) -> None:
    user = user_for_sign_in(provider.issuer, {"sub": "vneid-42", "name": "Nguyễn Văn Thử"})

    response = ask(provider.sign({"sub": "vneid-42"}, audience=AUDIENCE))

    assert response.status_code == 200, response.content
    assert response.json() == {"count": 0, "items": []}
    tokens = Client(
        HTTP_AUTHORIZATION=f"Bearer {provider.sign({'sub': 'vneid-42'}, audience=AUDIENCE)}"
    )
    made = tokens.post("/api/v1/tokens", {"name": "app"}, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["id"] in user.api_tokens.values_list("pk", flat=True)


def test_refused_tokens_are_401(provider: OIDCProvider, settings: Any) -> None:
    user_for_sign_in(provider.issuer, {"sub": "vneid-42"})
    now = int(time.time())
    other_key = jwt.encode(
        {"iss": provider.issuer, "aud": AUDIENCE, "sub": "vneid-42", "iat": now, "exp": now + 60},
        new_key(),
        algorithm="RS256",
        headers={"kid": provider.kid},
    )

    for token in (
        provider.sign({"sub": "vneid-42"}),  # for the site's client, not the API
        provider.sign({"sub": "vneid-42"}, audience=AUDIENCE, exp=now - 3600, iat=now - 7200),
        other_key,
        provider.sign({"sub": "never-signed-in"}, audience=AUDIENCE),
        "not.a.jwt",
    ):
        response = ask(token)
        assert response.status_code == 401, token
        assert response["WWW-Authenticate"].startswith("Bearer")

    settings.MOTCUA_OIDC_ISSUER = ""  # not configured: every such token is refused
    assert ask(provider.sign({"sub": "vneid-42"}, audience=AUDIENCE)).status_code == 401


def test_an_inactive_linked_account_is_refused(provider: OIDCProvider) -> None:
    user = user_for_sign_in(provider.issuer, {"sub": "vneid-7"})
    user.is_active = False
    user.save()

    assert ask(provider.sign({"sub": "vneid-7"}, audience=AUDIENCE)).status_code == 401
