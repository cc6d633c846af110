"""The buttons that change the form without submitting it, the htmx re-render of the
fields, and the choice of the receiving agency when several may receive."""

import copy
from typing import Any

import pytest
from django.test import Client

from tests.workflows.factories import MembershipFactory, RoleFactory, UserFactory
from tests.workflows.services.submission_setup import FORM, Desk, publish
from workflows.models import Dossier, Role

from .conftest import url

pytestmark = pytest.mark.django_db

GROUP = {
    "id": "siblings",
    "type": "group",
    "label": "Anh chị em",
    "repeat": {"min": 0, "max": 2},
    "fields": [{"id": "name", "type": "text", "label": "Họ tên"}],
}
ADDRESS = {"id": "home", "type": "address", "label": "Nơi ở"}


def _grouped_url() -> str:
    """Another version, published with a repeating group and an address."""
    form = copy.deepcopy(FORM)
    form["fields"] += [GROUP, ADDRESS]
    case = publish(form)
    return f"/apply/{case.version_id}/{case.code}/"


def test_rows_are_added_and_removed_without_javascript(office: Desk, citizen: Client) -> None:
    address = _grouped_url()
    html = citizen.get(address).content.decode()
    assert "No entries yet." in html and 'name="_fr_add" value="siblings"' in html
    response = citizen.post(address, {"owner_name": "Mai", "_fr_add": "siblings"})
    html = response.content.decode()
    assert response.status_code == 200 and 'name="siblings.0.name"' in html
    post = {"siblings.0.name": "An", "siblings.1._row": "1", "_fr_add": "siblings"}
    html = citizen.post(address, post).content.decode()
    assert 'name="siblings.1.name"' in html and 'name="_fr_add"' not in html  # max 2
    removed = citizen.post(address, {**post, "_fr_add": "", "_fr_remove": "siblings.0"}).content
    assert b'name="siblings.0.name" value=""' in removed and b"siblings.1.name" not in removed


def test_choosing_a_province_lists_its_communes(office: Desk, citizen: Client) -> None:
    address = _grouped_url()
    assert b"Choose the province first" in citizen.get(address).content
    html = citizen.post(address, {"home.province": "01", "_fr_refresh": "1"}).content.decode()
    assert '<option value="01" selected>' in html and '<option value="00070">' in html


def test_add_a_row_keeps_what_was_typed_and_saves_nothing(office: Desk, citizen: Client) -> None:
    response = citizen.post(
        url(office), {"owner_name": "Mai", "_submission_key": "k", "_fr_refresh": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'name="owner_name" value="Mai"' in html
    assert 'name="_submission_key" value="k"' in html
    assert not Dossier.objects.exists()


def test_the_fields_endpoint_renders_the_fields_only(office: Desk, citizen: Client) -> None:
    endpoint = url(office) + "fields/"
    response = citizen.post(endpoint, {"owner_name": "Mai"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="form-fields"') and "<html" not in html
    assert 'value="Mai"' in html
    assert citizen.get(endpoint).status_code == 405
    assert Client().post(endpoint, {}).status_code == 302


def test_several_receiving_agencies_are_a_choice(office: Desk, citizen: Client) -> None:
    second: Any = UserFactory()
    MembershipFactory(
        user=second, agency=office.school, role=RoleFactory(code=Role.Standard.RECEPTION)
    )
    html = citizen.get(url(office)).content.decode()
    assert 'name="_receiving_agency"' in html and office.school.name in html
    post = {"owner_name": "Mai", "owner_id_number": "001203004567", "_submission_key": "k"}
    response = citizen.post(url(office), {**post, "_submit": "1"})
    assert response.status_code == 400
    assert 'id="receiving-agency-error"' in response.content.decode()
    assert not Dossier.objects.exists()
