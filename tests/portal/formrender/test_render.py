"""The form renderer: every type drawn, named by path, bound to data and errors; the
buttons that add and remove rows; the notes of conditional fields."""

import copy
import re
from typing import Any

import pytest
from django.http import QueryDict
from django.utils import translation

from forms import FormDataInvalid, form_data_clean, form_data_from_post
from portal.formrender import form_action, form_data_whole, form_render
from tests.forms.conftest import EXAMPLE
from workflows.models import Agency

pytestmark = pytest.mark.django_db

EXTRA: list[dict[str, Any]] = [
    {
        "id": "kind",
        "type": "radio",
        "label": "Loại",
        "options": [{"value": "a", "label": "Loại A"}, {"value": "b", "label": "Loại B"}],
    },
    {
        "id": "subjects",
        "type": "multiselect",
        "label": "Môn",
        "options": [{"value": "math", "label": "Toán"}, {"value": "lit", "label": "Văn"}],
    },
    {"id": "weight", "type": "number", "label": "Cân nặng", "help": "kg"},
    {
        "id": "parent",
        "type": "group",
        "label": "Cha mẹ",
        "fields": [{"id": "name", "type": "text", "label": "Họ tên cha mẹ"}],
    },
]


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def schema() -> dict[str, Any]:
    schema = copy.deepcopy(EXAMPLE)
    schema["fields"] += copy.deepcopy(EXTRA)
    return schema


def _names(html: str) -> set[str]:
    return set(re.findall(r'name="([^"]+)"', html))


def test_every_input_is_named_by_its_path_and_has_a_label(schema: dict[str, Any]) -> None:
    html = form_render(schema).html
    assert {
        "applicant_kind",
        "owner_name",
        "owner_id_number",
        "representative_name",
        "graduation_year",
        "birth_date",
        "phone",
        "email",
        "address.province",
        "address.commune",
        "address.street",
        "receiving_school",
        "copies",
        "purpose",
        "agree",
        "kind",
        "subjects",
        "weight",
        "parent.name",
        "_fr_add",
    } <= _names(html)
    for input_id in re.findall(r'<(?:input|select|textarea) id="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id
    assert 'type="date"' in html and 'type="tel"' in html and 'type="email"' in html
    assert "<textarea" in html and 'type="radio"' in html


def test_a_new_form_shows_the_defaults_and_the_minimum_rows(schema: dict[str, Any]) -> None:
    schema["fields"][-5]["repeat"]["min"] = 2  # siblings
    html = form_render(schema).html
    assert '<option value="self" selected>' in html
    assert 'name="copies" value="1"' in html
    assert 'name="siblings.0.name"' in html and 'name="siblings.1.name"' in html
    assert "Remove entry" not in html  # at the minimum


def test_the_agency_select_offers_the_active_agencies_of_its_kinds(schema: Any) -> None:
    Agency.objects.create(code="SCH01", name="Trường A", kind="school")
    Agency.objects.create(code="SCH02", name="Trường cũ", kind="school", active=False)
    Agency.objects.create(code="DEP01", name="Sở", kind="department")
    html = form_render(schema, data={"receiving_school": "SCH01"}).html
    assert '<option value="SCH01" selected>Trường A</option>' in html
    assert "SCH02" not in html and "DEP01" not in html


def test_the_communes_are_those_of_the_chosen_province(schema: dict[str, Any]) -> None:
    assert "Choose the province first" in form_render(schema).html
    data = {"address": {"province": "01", "commune": "00070", "street": "12 Tràng Tiền"}}
    html = form_render(schema, data=data).html
    assert '<option value="01" selected>' in html
    assert '<option value="00070" selected>' in html
    assert 'value="12 Tràng Tiền"' in html
    assert "Update the communes" in html


def test_posted_data_comes_back_as_it_was_typed(schema: dict[str, Any]) -> None:
    post = QueryDict(mutable=True)
    post.update({"owner_name": "Nguyễn Văn A", "agree": "on", "kind": "b", "parent.name": "B"})
    post.setlist("subjects", ["math", "lit"])
    html = form_render(schema, data=form_data_from_post(schema, post)).html
    assert 'name="owner_name" value="Nguyễn Văn A"' in html
    assert re.search(r'name="agree" value="on" checked', html)
    assert re.search(r'name="kind" value="b" checked', html)
    assert re.search(r'name="subjects" value="lit" checked', html)
    assert 'name="parent.name" value="B"' in html


def test_errors_are_next_to_their_field_and_in_the_summary(schema: dict[str, Any]) -> None:
    data = {"owner_id_number": "12", "siblings": [{"grade": "13"}]}
    with pytest.raises(FormDataInvalid) as caught:
        form_data_clean(schema, data)
    rendered = form_render(schema, data=data, errors=caught.value.errors)
    html = rendered.html
    assert 'id="f-owner_name-error"' in html
    assert re.search(r'id="f-owner_name"[^>]*aria-invalid="true"', html)
    assert re.search(r'aria-describedby="[^"]*f-owner_name-error', html)
    hrefs = [link.href for link in rendered.summary]
    assert "#f-owner_name" in hrefs and "#f-siblings-0-name" in hrefs
    assert "#f-siblings-0-grade" in hrefs
    assert hrefs.index("#f-owner_name") < hrefs.index("#f-siblings-0-name")
    labels = {link.href: link.label for link in rendered.summary}
    assert labels["#f-owner_name"] == "Họ và tên người được cấp văn bằng"


def test_a_conditional_field_is_shown_with_a_note_and_its_state(schema: Any) -> None:
    html = form_render(schema).html
    assert "Only if “Người nộp là” is “Người được ủy quyền”." in html
    assert 'data-visible="false"' in html
    assert re.search(r'name="applicant_kind"[^>]*data-refresh', html)
    shown = form_render(schema, data={"applicant_kind": "representative"}).html
    assert 'data-visible="true"' in shown and 'data-visible="false"' not in shown


def test_add_and_remove_rows_without_javascript(schema: dict[str, Any]) -> None:
    post = QueryDict(mutable=True)
    post.update({"siblings.0.name": "An", "siblings.1._row": "1", "_fr_add": "siblings"})
    action = form_action(post)
    assert action is not None and action.kind == "add"
    data = action.apply(schema, form_data_from_post(schema, post))
    assert data["siblings"] == [{"name": "An"}, {}, {}]
    html = form_render(schema, data=data).html
    assert 'name="siblings.2.name"' in html and 'value="siblings.2"' in html
    removed = form_action({"_fr_remove": "siblings.0"})
    assert removed is not None
    assert removed.apply(schema, data)["siblings"] == [{}, {}]


def test_no_more_rows_than_the_maximum(schema: dict[str, Any]) -> None:
    data: dict[str, Any] = {"siblings": [{}] * 5}
    assert form_action({"_fr_add": "siblings"}).apply(schema, data)["siblings"] == [{}] * 5  # type: ignore[union-attr]
    assert 'name="_fr_add"' not in form_render(schema, data=data).html


def test_a_bad_action_path_changes_nothing(schema: dict[str, Any]) -> None:
    for post in ({"_fr_add": "owner_name"}, {"_fr_add": "nope.x"}, {"_fr_remove": "siblings.x"}):
        action = form_action(post)
        assert action is not None
        assert action.apply(schema, {"owner_name": "A"}) == {"owner_name": "A"}
    assert form_action({"owner_name": "A"}) is None
    assert form_action({"_fr_refresh": "1"}).kind == "refresh"  # type: ignore[union-attr]


def test_the_empty_schema_renders_nothing() -> None:
    rendered = form_render({})
    assert rendered.fields == [] and rendered.summary == []


def test_the_whole_form_says_what_a_browser_leaves_out(schema: dict[str, Any]) -> None:
    data = form_data_whole(schema, {"owner_name": "A", "parent": {}})
    assert data["agree"] is False and data["siblings"] == [] and data["parent"] == {}
    assert data["owner_name"] == "A" and "phone" not in data
    kept = form_data_whole(schema, {"agree": "on", "siblings": [{"name": "B"}]})
    assert kept["agree"] == "on" and kept["siblings"] == [{"name": "B"}]
