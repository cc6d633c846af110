"""Signer profiles in the admin: the configuration is write-only; "test sign" signs."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from signing.models import PendingSignature, SignerProfile

pytestmark = pytest.mark.django_db


def form(**fields):  # type: ignore[no-untyped-def]
    data = {
        "name": "Sở Giáo dục",
        "title": "",
        "organisation": "UBND tỉnh",
        "kind": "agency",
        "agency_code": "000.00.20.H99",
        "user": "",
        "backend": "pkcs12",
        "active": "on",
        "new_config": "",
    }
    return data | fields


def test_the_configuration_is_stored_encrypted_and_never_shown_back(admin_client):
    add = reverse("admin:signing_signerprofile_add")
    assert admin_client.post(add, form()).status_code == 200  # a new profile needs it
    config = '{"path": "/etc/motcua/seal.p12", "passphrase": "s3cret-pass"}'
    assert admin_client.post(add, form(new_config=config)).status_code == 302
    profile = SignerProfile.objects.get()
    assert profile.config["passphrase"] == "s3cret-pass"
    change = reverse("admin:signing_signerprofile_change", args=[profile.pk])
    page = admin_client.get(change).text
    assert "s3cret-pass" not in page and "/etc/motcua/seal.p12" not in page
    assert admin_client.post(change, form(title="Con dấu")).status_code == 302
    profile.refresh_from_db()
    assert profile.title == "Con dấu" and profile.config["passphrase"] == "s3cret-pass"


def test_test_sign_signs_and_verifies_or_says_why_not(admin_client, make_profile):
    good = make_profile("seal", kind="agency")
    broken = SignerProfile.objects.create(
        name="Hỏng",
        kind="agency",
        agency_code="X",
        backend="pkcs12",
        config={"path": "/nonexistent"},
    )
    url = reverse("admin:signing_signerprofile_changelist")
    with translation.override("en"):
        response = admin_client.post(
            url,
            {"action": "test_sign", "_selected_action": [good.pk, broken.pk]},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("signed in" in t and "verified" in t for t in texts), texts
    assert any(t.startswith("Hỏng") and "not configured correctly" in t for t in texts), texts


def test_pending_signatures_are_read_only(admin_client):
    assert admin_client.get(reverse("admin:signing_pendingsignature_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:signing_pendingsignature_add")).status_code == 403
    assert not PendingSignature.objects.exists()
