"""The apply page's choice of notification channels, saved with the dossier."""

import pytest
from django.test import Client

from tests.workflows.services.submission_setup import Desk
from workflows.models import Dossier

from .conftest import url
from .test_apply import GOOD, _files, _key

pytestmark = pytest.mark.django_db


def test_email_is_ticked_by_default(office: Desk, citizen: Client) -> None:
    html = citizen.get(url(office)).content.decode()
    assert "Receive notifications by" in html
    assert 'id="notify-email" name="_notify" value="email" checked' in html
    assert 'id="notify-sms" name="_notify" value="sms">' in html


def test_the_chosen_channels_are_saved_with_the_dossier(office: Desk, citizen: Client) -> None:
    key = _key(citizen.get(url(office)))
    post = {**GOOD, "_submission_key": key, "_submit": "1", "_notify": ["sms", "fax"], **_files()}
    assert citizen.post(url(office), post).status_code == 302
    assert Dossier.objects.get().notify_channels == ["sms"]


def test_the_choice_is_kept_when_the_page_comes_back_with_errors(
    office: Desk, citizen: Client
) -> None:
    post = {**GOOD, "owner_name": "", "_submission_key": "k", "_submit": "1", "_notify": "sms"}
    html = citizen.post(url(office), post).content.decode()
    assert 'value="sms" checked' in html
    assert 'value="email" checked' not in html
