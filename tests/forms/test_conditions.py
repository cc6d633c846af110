"""``visible_if`` and ``required_if`` at clean time; unknown fields; defaults."""

from typing import Any

import pytest

from forms import form_data_clean

from .helpers import errors_of

KIND = {
    "id": "kind",
    "type": "radio",
    "label": "Người nộp là",
    "options": [{"value": "self", "label": "Chính chủ"}, {"value": "rep", "label": "Đại diện"}],
}


def _form(*fields: dict[str, Any]) -> dict[str, Any]:
    return {"format": "motcua/form@1", "fields": [KIND, *fields]}


REP_NAME = {
    "id": "rep_name",
    "type": "text",
    "label": "Họ tên người đại diện",
    "visible_if": 'data.kind == "rep"',
    "required_if": 'data.kind == "rep"',
}


def test_a_hidden_field_is_dropped_whatever_was_sent() -> None:
    schema = _form(REP_NAME)
    assert form_data_clean(schema, {"kind": "self", "rep_name": "Trần B"}) == {"kind": "self"}
    # even a value its field would refuse: hidden, it is not checked
    assert form_data_clean(schema, {"kind": "self", "rep_name": ["not text"]}) == {"kind": "self"}


def test_a_visible_field_is_kept_and_required_when_required_if_holds() -> None:
    schema = _form(REP_NAME)
    assert form_data_clean(schema, {"kind": "rep", "rep_name": " Trần B "}) == {
        "kind": "rep",
        "rep_name": "Trần B",
    }
    assert errors_of(schema, {"kind": "rep"}) == {"rep_name": ["This field is required."]}


def test_required_if_alone_makes_a_visible_field_required_only_when_it_holds() -> None:
    note = {"id": "note", "type": "textarea", "label": "x", "required_if": 'data.kind == "rep"'}
    schema = _form(note)
    assert form_data_clean(schema, {"kind": "self"}) == {"kind": "self"}
    assert errors_of(schema, {"kind": "rep"}) == {"note": ["This field is required."]}


def test_a_condition_that_cannot_be_computed_does_not_hold() -> None:
    copies = {"id": "copies", "type": "integer", "label": "x"}
    reason = {
        "id": "reason",
        "type": "text",
        "label": "x",
        "visible_if": "data.copies > 5",
        "required_if": "data.copies > 5",
    }
    schema = _form(copies, reason)
    assert form_data_clean(schema, {"reason": "nhiều"}) == {}  # copies empty: None > 5 fails
    assert errors_of(schema, {"copies": 6}) == {"reason": ["This field is required."]}


def test_hiding_cascades_to_the_fields_that_depend_on_a_hidden_one() -> None:
    detail = {"id": "detail", "type": "text", "label": "x", "visible_if": "data.rep_name"}
    schema = _form(REP_NAME, detail)
    assert form_data_clean(schema, {"kind": "self", "rep_name": "B", "detail": "d"}) == {
        "kind": "self"
    }
    assert form_data_clean(schema, {"kind": "rep", "rep_name": "B", "detail": "d"}) == {
        "kind": "rep",
        "rep_name": "B",
        "detail": "d",
    }


def test_conditions_read_cleaned_values() -> None:
    copies = {"id": "copies", "type": "integer", "label": "x"}
    extra = {"id": "extra", "type": "text", "label": "x", "visible_if": "data.copies >= 10"}
    schema = _form(copies, extra)
    assert form_data_clean(schema, {"copies": "12", "extra": "e"}) == {"copies": 12, "extra": "e"}


def test_a_hidden_group_is_dropped_with_its_errors() -> None:
    group = {
        "id": "rep",
        "type": "group",
        "label": "x",
        "visible_if": 'data.kind == "rep"',
        "fields": [{"id": "name", "type": "text", "label": "x", "required": True}],
    }
    schema = _form(group)
    assert form_data_clean(schema, {"kind": "self", "rep": {"nope": 1}}) == {"kind": "self"}
    assert errors_of(schema, {"kind": "rep", "rep": {}}) == {
        "rep.name": ["This field is required."]
    }


def test_unknown_fields_are_refused_at_every_level() -> None:
    group = {
        "id": "g",
        "type": "group",
        "label": "x",
        "fields": [{"id": "a", "type": "text", "label": "x"}],
    }
    schema = _form(group)
    assert errors_of(schema, {"colour": "red", "g": {"b": 1}}) == {
        "colour": ["Unknown field."],
        "g.b": ["Unknown field."],
    }


@pytest.mark.parametrize("data", [[], "kind=self", None])
def test_data_must_be_an_object(data: Any) -> None:
    assert errors_of(_form(), data) == {"__all__": ["Send the fields as an object."]}


def test_defaults_fill_absent_keys_but_not_blank_ones() -> None:
    copies = {"id": "copies", "type": "integer", "label": "x", "default": 1, "required": True}
    schema = _form(copies)
    assert form_data_clean(schema, {}) == {"copies": 1}
    assert errors_of(schema, {"copies": ""}) == {"copies": ["This field is required."]}


def test_a_checkbox_absent_is_unticked_even_with_a_default() -> None:
    agree = {"id": "agree", "type": "checkbox", "label": "x", "default": True}
    assert form_data_clean(_form(agree), {}) == {"agree": False}


def test_a_required_checkbox_must_be_ticked() -> None:
    agree = {"id": "agree", "type": "checkbox", "label": "x", "required": True}
    assert errors_of(_form(agree), {"agree": False}) == {"agree": ["Tick this box to go on."]}
    assert errors_of(_form(agree), {}) == {"agree": ["Tick this box to go on."]}
    assert form_data_clean(_form(agree), {"agree": "on"}) == {"agree": True}
