"""Personal API tokens: made and shown once, stored as a SHA-256 only, listed without the
secret, revoked (then 401), managed in the admin too."""

import hashlib
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from api.tokens import api_token_revoke, api_token_user
from tests.workflows.factories import UserFactory

from .conftest import ApiDesk, bearer, token_for

pytestmark = pytest.mark.django_db


def test_a_token_is_made_shown_once_and_stored_as_its_hash(api_desk: ApiDesk) -> None:
    response = api_desk.client.post(
        "/api/v1/tokens", {"name": "Ứng dụng di động"}, content_type="application/json"
    )

    assert response.status_code == 201
    body = response.json()
    raw = body["token"]
    assert raw.startswith("mc_") and len(raw) == 3 + 43  # 256 bits, URL-safe base64
    stored = ApiToken.objects.get(pk=body["id"])
    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {str(getattr(stored, f.attname)) for f in ApiToken._meta.fields}
    assert (body["name"], body["prefix"]) == ("Ứng dụng di động", raw[3:11])

    listed = api_desk.client.get("/api/v1/tokens").json()
    assert {t["id"] for t in listed} == {stored.pk, ApiToken.objects.get(name="test").pk}
    assert all("token" not in t for t in listed)
    assert bearer(raw).get("/api/v1/my/dossiers").status_code == 200


def test_a_revoked_token_is_refused(api_desk: ApiDesk) -> None:
    token = ApiToken.objects.get(user=api_desk.desk.citizen)

    response = api_desk.client.delete(f"/api/v1/tokens/{token.pk}")

    assert response.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = api_desk.client.get("/api/v1/my/dossiers")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_revoking_twice_keeps_the_first_moment_and_anothers_token_is_404(
    api_desk: ApiDesk, stranger: Client
) -> None:
    token = ApiToken.objects.get(user=api_desk.desk.citizen)
    first = api_token_revoke(token=token).revoked_at

    assert api_token_revoke(token=token).revoked_at == first
    other = ApiToken.objects.exclude(user=api_desk.desk.citizen).get()
    fresh = bearer(token_for(api_desk.desk.citizen))
    assert fresh.delete(f"/api/v1/tokens/{other.pk}").status_code == 404
    assert fresh.delete("/api/v1/tokens/999999").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_an_inactive_user_or_a_mangled_token_is_refused() -> None:
    user = UserFactory()
    raw = token_for(user)

    assert api_token_user(raw) == user
    assert api_token_user(raw + "x") is None
    assert api_token_user(raw[3:]) is None
    assert api_token_user("mc_" + "a" * 300) is None
    user.is_active = False
    user.save()
    assert api_token_user(raw) is None
    assert bearer(raw).get("/api/v1/tokens").status_code == 401


def test_last_used_is_noted_at_most_once_a_minute() -> None:
    raw = token_for(UserFactory())
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        api_token_user(raw)
        first = ApiToken.objects.get().last_used_at
    with time_machine.travel(start + timezone.timedelta(seconds=30), tick=False):
        api_token_user(raw)
        assert ApiToken.objects.get().last_used_at == first
    with time_machine.travel(start + timezone.timedelta(seconds=61), tick=False):
        api_token_user(raw)
        assert ApiToken.objects.get().last_used_at > first  # type: ignore[operator]


def test_a_token_needs_a_name(api_desk: ApiDesk) -> None:
    response = api_desk.client.post("/api/v1/tokens", {"name": ""}, content_type="application/json")

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["body.body.name"]
    anonymous = Client().post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert anonymous.status_code == 401


def test_the_admin_makes_a_token_shows_it_once_and_revokes(admin_client: Client) -> None:
    user = UserFactory()

    response = admin_client.post(
        "/admin/api/apitoken/add/", {"user": user.pk, "name": "partner"}, follow=True
    )

    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    text = " ".join(str(m) for m in response.context["messages"])
    [raw] = re.findall(r"mc_[A-Za-z0-9_-]{43}", text)
    assert api_token_user(raw) == user
    assert ApiToken.objects.count() == 1
    listing = admin_client.get("/admin/api/apitoken/")
    assert listing.status_code == 200 and raw not in listing.content.decode()
    detail = admin_client.get(f"/admin/api/apitoken/{token.pk}/change/")
    assert detail.status_code == 200 and raw not in detail.content.decode()
    admin_client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_user(raw) is None
