"""The fake portal served over HTTP by this server: ``dvcqg_http`` itself talks to it."""

import threading
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from integrations.portal_sync.models import FakePortalRecord
from integrations.portal_sync.service import fake_portal_mode_set, portal_lookup, portal_push

from .test_contract import CODE, REF, record

URL = "/portal-sync/fake/"


@pytest.fixture
def allowed(settings):  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    settings.PORTAL_SYNC_USERNAME, settings.PORTAL_SYNC_PASSWORD = "motcua", "s3cret"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site_url(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """This site on 127.0.0.1 in a thread (pytest-django's live_server does not start here)."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True)
def test_the_http_backend_pushes_to_the_fake_served_by_this_server(
    allowed, settings, site_url
) -> None:
    settings.PORTAL_SYNC_BACKEND = "dvcqg_http"
    settings.PORTAL_SYNC_URL = f"{site_url}/portal-sync/fake"
    cache.clear()

    portal_push(reference=REF, service="DongBoHoSoMC", body=record(2))

    assert FakePortalRecord.objects.get(code=CODE).status == 2
    assert portal_lookup(reference=REF, code=CODE).status == 2


def test_the_endpoint_answers_like_the_portal(allowed, db) -> None:
    client = Client()
    login = client.post(
        URL + "login", {"username": "motcua", "password": "s3cret"}, content_type="application/json"
    )
    session = login.json()["session"]
    stale = client.post(
        URL + "service",
        {"session": "old", "service": "TraCuuHoSo", "MaHoSo": CODE},
        content_type="application/json",
    )
    assert stale.json()["error_code"] == "-2"
    lookup = client.post(
        URL + "service",
        {"session": session, "service": "TraCuuHoSo", "MaHoSo": CODE},
        content_type="application/json",
    )
    assert lookup.json() == {"error_code": "0", "result": []}
    assert client.post(URL + "login", "{", content_type="application/json").status_code == 400
    assert client.get(URL + "login").status_code == 405
    fake_portal_mode_set(mode="fail")
    assert client.post(URL + "login", {}, content_type="application/json").status_code == 503


def test_the_endpoint_is_not_served_where_fakes_are_refused(settings, db) -> None:
    settings.DEBUG, settings.MOTCUA_ALLOW_FAKES = False, False

    response = Client().post(URL + "login", {}, content_type="application/json")

    assert response.status_code == 404
