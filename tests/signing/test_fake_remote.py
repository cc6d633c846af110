"""The fake remote-signing service at /signing-fake/: the real client against it through
a live server, the phone page, and its refusals."""

import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse

from signing.fake_remote.service import fake_api_key
from signing.models import SignerProfile
from signing.services import StampText, signature_poll, signature_request
from signing.verification import pdf_verify
from tests.signing.pki import sample_pdf


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    cache.clear()


@pytest.fixture
def site_url(settings):  # type: ignore[no-untyped-def]
    """This site on 127.0.0.1 in a thread (the client calls it over HTTP like any service).
    pytest-django's live_server does not start here: it reads MEDIA_URL, which is None."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # type: ignore[no-untyped-def]
        pass


@pytest.mark.django_db(transaction=True)
def test_a_leader_approves_on_the_fake_phone_and_the_document_is_signed(dev_ca, site_url, client):
    leader = get_user_model().objects.create_user(username="demo_leader", password="x")
    profile = SignerProfile.objects.create(
        name="demo_leader",
        kind="personal",
        agency_code="X",
        backend="remote",
        config={
            "url": site_url + "/signing-fake/api",
            "api_key": fake_api_key(),
            "user_id": "demo_leader",
        },
    )
    pending = signature_request(
        pdf=sample_pdf(),
        signer=profile,
        stamp=StampText(name="Lê Văn C"),
        reason="Ký",
        field_name="leader",
        reference="dossier:3",
    )
    client.force_login(leader)
    page = client.get(reverse("signing_fake:phone"))
    assert page.status_code == 200 and "dossier:3" in page.text
    assert signature_poll(pending=pending).state == "pending"
    client.post(reverse("signing_fake:answer", args=[pending.transaction_id, "approve"]))
    done = signature_poll(pending=pending)
    assert done.state == "completed", done.error
    assert pdf_verify(bytes(done.result)).valid


@pytest.mark.django_db
def test_only_the_requests_own_user_answers_and_the_api_wants_its_key(dev_ca, client):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {fake_api_key()}"}
    api = "/signing-fake/api/v1/signatures"
    assert client.post(api, {"user_id": "a"}, content_type="application/json").status_code == 401
    created = client.post(
        api,
        {"user_id": "alice", "hash": "A" * 43 + "=", "reference": "r"},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    tx = created.json()["transaction_id"]
    bad = client.post(
        api, {"user_id": "alice", "hash": "short"}, content_type="application/json", **headers
    )
    assert bad.status_code == 400
    mallory = get_user_model().objects.create_user(username="mallory", password="x")
    client.force_login(mallory)
    client.post(reverse("signing_fake:answer", args=[tx, "approve"]))
    assert client.get(f"{api}/{tx}", **headers).json() == {"status": "pending"}
    client.logout()
    assert client.post(reverse("signing_fake:answer", args=[tx, "approve"])).status_code == 302
    assert client.get(f"{api}/{tx}", **headers).json() == {"status": "pending"}


@pytest.mark.django_db
def test_the_fake_does_not_exist_without_the_development_ca(settings, client):
    settings.MOTCUA_SIGNING_DEV = False
    response = client.get(
        "/signing-fake/api/v1/certificates/alice", HTTP_AUTHORIZATION=f"Bearer {fake_api_key()}"
    )
    assert response.status_code == 404
