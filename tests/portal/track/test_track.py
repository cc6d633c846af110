"""Public tracking: the status by code with nothing personal, a clear 404, rate limits, and the
code plus tracking secret granting the whole dossier to the session."""

import re

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.access import GRANTS_KEY, dossier_for_viewer, dossier_grant
from workflows.services.reception import dossier_accept

from ...workflows.factories import UserFactory
from ...workflows.services.reception_setup import CODE, OWNER, local, reception

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}
STATUS_URL = f"/track/{CODE}/"


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


def test_the_form_page_and_its_errors(client: Client) -> None:
    html = client.get("/track/", headers=EN).content.decode()
    assert 'action="/track/"' in html and 'name="code"' in html and 'name="secret"' in html
    empty = client.get("/track/", {"code": " "}, headers=EN).content.decode()
    assert 'aria-invalid="true"' in empty
    assert re.search(r'<a href="#id_code">Dossier code: This field is required.</a>', empty)
    assert 'aria-describedby="id_code-help id_code-error"' in empty


def test_a_code_typed_in_lower_case_goes_to_its_page(client: Client) -> None:
    response = client.get("/track/", {"code": f" {CODE.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == STATUS_URL


def test_the_status_page_shows_the_public_facts_and_nothing_personal(client: Client) -> None:
    state = reception()
    with time_machine.travel(local(2026, 2, 12, 9, 0), tick=False):
        dossier_accept(task_id=state.task().pk, user=state.receptionist, comment="Ghi chú nội bộ")
    response = client.get(STATUS_URL, headers=EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc" in html
    assert "Accepted" in html
    assert "handed over" in html and "reception" in html
    assert "Appointment date" in html
    dossier = state.refresh()
    for secret in [*OWNER.values(), dossier.tracking_secret, "Ghi chú nội bộ"]:
        assert secret not in html
    assert state.receptionist.last_name not in html


def test_the_page_follows_the_dossier_in_each_language(client: Client) -> None:
    state = reception()
    assert "New" in client.get(STATUS_URL, headers=EN).content.decode()
    vietnamese = client.get(STATUS_URL, headers={"accept-language": "vi"}).content.decode()
    assert '<html lang="vi"' in vietnamese
    with time_machine.travel(local(2026, 2, 12, 9, 0), tick=False):
        dossier_accept(task_id=state.task().pk, user=state.receptionist)
    html = client.get(STATUS_URL.lower(), headers=EN).content.decode()
    assert "Accepted" in html and ">New<" not in html
    assert client.get(STATUS_URL, headers={"accept-language": "vi"}).content.decode() != vietnamese


def test_an_unknown_code_is_a_clear_404(client: Client) -> None:
    response = client.get("/track/000.00.20.H56-260212-9999/", headers=EN)
    assert response.status_code == 404
    assert "Dossier not found" in response.content.decode()


def test_lookups_are_rate_limited_per_client_ip(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_TRACK_RATE_IP = "2/m"
    reception()
    assert client.get(STATUS_URL).status_code == 200
    assert client.get("/track/000.00.20.H56-260212-9999/").status_code == 404
    limited = client.get(STATUS_URL, headers=EN)
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "Too many requests" in limited.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get(STATUS_URL).status_code == 200


def test_a_wrong_secret_is_an_error_next_to_the_field(client: Client) -> None:
    reception()
    response = client.post("/track/access/", {"code": CODE, "secret": "WRONG"}, headers=EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This code and tracking secret do not match a dossier." in html
    assert 'id="id_secret" value="WRONG"' in html or 'value="WRONG"' in html
    assert 'aria-invalid="true"' in html
    assert GRANTS_KEY not in client.session


def test_missing_fields_are_errors(client: Client) -> None:
    html = client.post("/track/access/", {"code": "", "secret": ""}, headers=EN)
    text = html.content.decode()
    assert '<a href="#id_secret">Tracking secret: This field is required.</a>' in text


def test_the_right_secret_grants_the_session_and_redirects(client: Client) -> None:
    state = reception()
    secret = state.refresh().tracking_secret
    typed = f"{secret[:4].lower()} {secret[4:8]}-{secret[8:]}"
    response = client.post("/track/access/", {"code": CODE.lower(), "secret": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/my/dossiers/{CODE}/"
    assert client.session[GRANTS_KEY] == [state.dossier.pk]


def test_secret_attempts_are_limited_per_code(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_TRACK_SECRET_RATE_CODE = "2/h"
    state = reception()
    secret = state.refresh().tracking_secret
    for address in ["10.0.0.1", "10.0.0.2"]:
        wrong = Client(REMOTE_ADDR=address).post("/track/access/", {"code": CODE, "secret": "X"})
        assert wrong.status_code == 200
    third = Client(REMOTE_ADDR="10.0.0.3").post("/track/access/", {"code": CODE, "secret": secret})
    assert third.status_code == 429


def test_secret_attempts_are_limited_per_ip(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_TRACK_SECRET_RATE_IP = "1/h"
    reception()
    assert client.post("/track/access/", {"code": CODE, "secret": "X"}).status_code == 200
    assert client.post("/track/access/", {"code": "OTHER", "secret": "X"}).status_code == 429


def test_the_secret_form_needs_csrf() -> None:
    reception()
    client = Client(enforce_csrf_checks=True)
    assert client.post("/track/access/", {"code": CODE, "secret": "X"}).status_code == 403


def test_dossier_for_viewer_the_applicant_or_a_grant() -> None:
    state = reception()
    dossier = state.refresh()
    applicant = UserFactory()
    dossier.applicant = applicant
    dossier.save(update_fields=["applicant"])
    stranger = UserFactory()

    def request(user=None, grants=None):  # type: ignore[no-untyped-def]
        made = RequestFactory().get("/")
        made.session = client_session(grants)
        if user is not None:
            made.user = user
        return made

    assert dossier_for_viewer(request(applicant), CODE.lower()) == dossier
    assert dossier_for_viewer(request(stranger), CODE) is None
    assert dossier_for_viewer(request(), CODE) is None
    assert dossier_for_viewer(request(grants=[dossier.pk]), CODE) == dossier
    assert dossier_for_viewer(request(grants=[dossier.pk]), "NOPE") is None
    granted = request()
    dossier_grant(granted, dossier)
    dossier_grant(granted, dossier)
    assert granted.session[GRANTS_KEY] == [dossier.pk]
    assert dossier_for_viewer(granted, CODE) == dossier


def client_session(grants):  # type: ignore[no-untyped-def]
    from importlib import import_module

    from django.conf import settings

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    if grants is not None:
        session[GRANTS_KEY] = grants
    return session


def test_the_track_page_is_reversible() -> None:
    assert reverse("track:status", args=[CODE]) == STATUS_URL
    assert reverse("track:form") == "/track/"
