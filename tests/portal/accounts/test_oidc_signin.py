"""Sign-in through OpenID Connect against a provider run in the test (tests/core/oidc_provider):
the Django test client follows the redirects to it and back. A bad signature, a wrong nonce, a
wrong audience, an expired token, another subject in userinfo, a wrong or replayed state: each
refused."""

import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY, get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import oidc
from portal.accounts.models import OIDCIdentity
from tests.core.oidc_provider import CLIENT_ID, CLIENT_SECRET, OIDCProvider, new_key
from tests.workflows.factories import MembershipFactory

pytestmark = pytest.mark.django_db
REFUSED = "Signing in through the identity provider did not succeed."


@pytest.fixture(scope="module")
def running() -> Iterator[OIDCProvider]:
    provider = OIDCProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def provider(settings, running: OIDCProvider) -> Iterator[OIDCProvider]:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER = running.issuer
    settings.MOTCUA_OIDC_CLIENT_ID = CLIENT_ID
    settings.MOTCUA_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.MOTCUA_OIDC_LABEL = "VNeID"
    oidc.clear_caches()
    running.id_token_claims, running.userinfo_claims, running.sign_with = {}, {}, None
    running.token_requests.clear()
    yield running
    oidc.clear_caches()


def _to_provider(client, next_url: str = "/my/") -> str:  # type: ignore[no-untyped-def]
    start = client.get(f"/accounts/oidc/start/?next={next_url}")
    assert start.status_code == 302
    return str(start["Location"])


def _back(client, authorize_url: str):  # type: ignore[no-untyped-def]
    answer = requests.get(authorize_url, allow_redirects=False, timeout=5)
    back = urlsplit(answer.headers["Location"])
    return client.get(f"{back.path}?{back.query}"), back.query


def _journey(client, next_url: str = "/my/"):  # type: ignore[no-untyped-def]
    return _back(client, _to_provider(client, next_url))[0]


def test_the_button_only_when_configured(english_client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER = ""
    assert "Sign in with" not in english_client.get("/accounts/login/").content.decode()
    assert english_client.get("/accounts/oidc/start/").status_code == 404
    settings.MOTCUA_OIDC_ISSUER, settings.MOTCUA_OIDC_CLIENT_ID = "https://id.example", "x"
    page = english_client.get("/accounts/login/?next=/my/").content.decode()
    assert "Sign in with VNeID" in page and "/accounts/oidc/start/?next=/my/" in page


def test_first_sign_in_creates_the_account_then_finds_it(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    authorize = _to_provider(english_client)
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    assert query["scope"] == ["openid profile email"]
    response, _ = _back(english_client, authorize)
    assert response.status_code == 302 and response["Location"] == "/my/"
    assert provider.token_requests[-1]["code_verifier"]  # PKCE
    user = get_user_model().objects.get(pk=english_client.session[SESSION_KEY])
    assert user.first_name == "Nguyễn Văn Thử" and user.email == "thu.nguyen@example.vn"
    identity = OIDCIdentity.objects.get(user=user)
    assert identity.subject_hash == oidc.subject_hash(provider.issuer, "vneid-000123")
    assert "vneid-000123" not in identity.subject_hash and "vneid" not in user.username
    english_client.post("/accounts/logout/")
    assert _journey(english_client).status_code == 302
    assert int(english_client.session[SESSION_KEY]) == user.pk
    assert get_user_model().objects.filter(oidc_identities__isnull=False).count() == 1
    assert oidc.user_for_claims({"iss": provider.issuer, "sub": "vneid-000123"}) == user


def test_an_existing_address_is_not_taken_over(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    other = get_user_model().objects.create_user("thu", email="thu.nguyen@example.vn")
    _journey(english_client)
    assert int(english_client.session[SESSION_KEY]) != other.pk


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        pytest.param(
            lambda p: setattr(p, "sign_with", new_key()), "signature is invalid", id="signature"
        ),
        pytest.param(lambda p: p.id_token_claims.update(nonce="other"), "nonce", id="nonce"),
        pytest.param(
            lambda p: p.id_token_claims.update(aud="another-client"), "audience", id="audience"
        ),
        pytest.param(
            lambda p: p.id_token_claims.update(
                exp=int(time.time()) - 3600, iat=int(time.time()) - 7200
            ),
            "expired",
            id="expired",
        ),
        pytest.param(
            lambda p: p.id_token_claims.update(iss="https://evil"), "another issuer", id="issuer"
        ),
        pytest.param(
            lambda p: p.userinfo_claims.update(sub="someone-else"),
            "another subject",
            id="userinfo-subject",
        ),
    ],
)
def test_bad_tokens_are_refused(english_client, provider, spoil, reason, caplog) -> None:  # type: ignore[no-untyped-def]
    spoil(provider)
    with caplog.at_level("WARNING"):
        response = _journey(english_client)
    assert response["Location"] == "/accounts/login/"
    assert SESSION_KEY not in english_client.session
    assert not OIDCIdentity.objects.exists()
    assert REFUSED in english_client.get("/accounts/login/").content.decode()
    assert reason in caplog.text
    assert "vneid-000123" not in caplog.text and "thu.nguyen" not in caplog.text


def test_a_wrong_state_is_refused(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    answer = requests.get(_to_provider(english_client), allow_redirects=False, timeout=5)
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    response = english_client.get(
        "/accounts/oidc/callback/", {"code": query["code"][0], "state": "forged"}
    )
    assert response.status_code == 400
    assert SESSION_KEY not in english_client.session


def test_a_replayed_callback_is_refused(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    response, query = _back(english_client, _to_provider(english_client))
    assert response.status_code == 302
    english_client.post("/accounts/logout/")
    again = english_client.get(f"/accounts/oidc/callback/?{query}")
    assert again.status_code in (302, 400) and SESSION_KEY not in english_client.session


def test_the_provider_saying_no_is_a_failure(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    response = english_client.get("/accounts/oidc/callback/?error=access_denied&state=x")
    assert response["Location"] == "/accounts/login/"


def test_next_off_site_is_ignored(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    assert _journey(english_client, "https://evil.example/")["Location"] == "/"


def test_an_inactive_linked_account_is_refused(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    _journey(english_client)
    get_user_model().objects.filter(oidc_identities__isnull=False).update(is_active=False)
    english_client.post("/accounts/logout/")
    assert _journey(english_client)["Location"] == "/accounts/login/"
    assert SESSION_KEY not in english_client.session


def test_an_officer_still_gives_the_app_code(english_client, provider) -> None:  # type: ignore[no-untyped-def]
    _journey(english_client)
    user = get_user_model().objects.get(oidc_identities__isnull=False)
    MembershipFactory(user=user)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    english_client.post("/accounts/logout/")
    assert _journey(english_client)["Location"] == "/accounts/login/code/"
    assert SESSION_KEY not in english_client.session


def test_an_unreachable_provider_is_a_message(english_client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER, settings.MOTCUA_OIDC_CLIENT_ID = "http://127.0.0.1:9", "x"
    oidc.clear_caches()
    assert english_client.get("/accounts/oidc/start/")["Location"] == "/accounts/login/"
