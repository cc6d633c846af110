"""``form_schema_check``: every refusal, each naming where the problem is."""

import datetime
from typing import Any

import pytest

from forms import FormSchemaInvalid, form_schema_check, load_form


def _form(*fields: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": "motcua/form@1", "fields": list(fields), **top}


def _text(field_id: str = "name", **keys: Any) -> dict[str, Any]:
    return {"id": field_id, "type": "text", "label": "Họ tên", **keys}


def _one_error(schema: dict[str, Any]) -> str:
    errors = form_schema_check(schema)
    assert len(errors) == 1, errors
    return errors[0]


def test_the_empty_schema_is_valid_and_a_minimal_form_too() -> None:
    assert form_schema_check({}) == []
    assert form_schema_check(_form(_text())) == []


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ([], "form: a form schema must be a mapping"),
        ({"fields": [_text()]}, "form: format must be motcua/form@1"),
        ({**_form(_text()), "colour": "red"}, "form: unknown key colour"),
        ({"format": "motcua/form@1"}, "fields: fields must be a non-empty list"),
        (_form(_text(), title=3), "title: must be text"),
    ],
)
def test_the_top_level_is_checked(schema: Any, expected: str) -> None:
    assert _one_error(schema) == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("name", "fields[0]: a field must be a mapping"),
        ({"type": "text", "label": "x"}, "fields[0]: id must match"),
        (_text("Name"), "fields[0]: id must match"),
        (_text("x" * 61), "fields[0]: id must match"),
        (_text(colour="red"), "name: unknown key colour"),
        ({"id": "name", "type": "string", "label": "x"}, "name: unknown type string"),
        ({"id": "name", "label": "x"}, "name: unknown type None"),
        ({"id": "name", "type": "text"}, "name: label must be non-empty text"),
        (_text(label=" "), "name: label must be non-empty text"),
        (_text(required="yes"), "name: required must be true or false"),
        (_text(max_length=-1), "name: max_length must be a whole number >= 0"),
        (_text(min_length=5, max_length=2), "name: min_length is greater than max_length"),
        (_text(pattern="[a-"), "name: pattern is not a valid regular expression"),
        (
            _text(options=[{"value": "a", "label": "A"}]),
            "name: options is not allowed on fields of type text",
        ),
        (
            {"id": "n", "type": "integer", "label": "x", "options": []},
            "n: options is not allowed on fields of type integer",
        ),
        ({"id": "n", "type": "integer", "label": "x", "min": 1.5}, "n: min must be a number"),
        ({"id": "n", "type": "integer", "label": "x", "min": True}, "n: min must be a number"),
        ({"id": "n", "type": "number", "label": "x", "min": 5, "max": 1}, "n: min is greater"),
        ({"id": "d", "type": "date", "label": "x", "max": "tomorrow"}, "d: max must be an ISO"),
        (
            {"id": "d", "type": "date", "label": "x", "min": "2026-02-01", "max": "2026-01-01"},
            "d: min is greater than max",
        ),
        ({"id": "s", "type": "select", "label": "x"}, "s: options must be a non-empty list"),
        (
            {"id": "s", "type": "radio", "label": "x", "options": [{"value": "a"}]},
            "s: option 0 needs a label",
        ),
        (
            {"id": "s", "type": "select", "label": "x", "options": [{"value": 1, "label": "A"}]},
            "s: option 0 needs a text value",
        ),
        (
            {
                "id": "s",
                "type": "multiselect",
                "label": "x",
                "options": [{"value": "a", "label": "A"}, {"value": "a", "label": "B"}],
            },
            "s: option value a is repeated",
        ),
        (
            {
                "id": "s",
                "type": "select",
                "label": "x",
                "options": [{"value": "a", "label": "A", "x": 1}],
            },
            "s option 0: unknown key x",
        ),
        (
            {"id": "i", "type": "id_number", "label": "x", "allow_legacy": "yes"},
            "i: allow_legacy must be true or false",
        ),
        (_text(route="competent"), "name: route is not allowed on fields of type text"),
        (
            {"id": "a", "type": "agency", "label": "x", "route": "payer"},
            "a: route must be one of: competent",
        ),
        (
            {"id": "a", "type": "agency", "label": "x", "agency_kinds": "school"},
            "a: agency_kinds must be a non-empty list of kinds",
        ),
        ({"id": "g", "type": "group", "label": "x"}, "g: fields must be a non-empty list"),
        (
            {"id": "g", "type": "group", "label": "x", "fields": [_text()], "required": True},
            "g: required is not allowed on fields of type group",
        ),
        (
            {"id": "g", "type": "group", "label": "x", "fields": [_text()], "repeat": 3},
            "g: repeat must be a mapping",
        ),
        (
            {"id": "g", "type": "group", "label": "x", "fields": [_text()], "repeat": {"max": 0}},
            "g: repeat min and max must be whole numbers",
        ),
        (
            {
                "id": "g",
                "type": "group",
                "label": "x",
                "fields": [_text()],
                "repeat": {"min": 3, "max": 2},
            },
            "g: repeat min is greater than max",
        ),
        (
            {"id": "g", "type": "group", "label": "x", "fields": [_text(colour=1)]},
            "g.name: unknown key colour",
        ),
    ],
)
def test_a_field_of_the_wrong_shape_is_refused(field: Any, expected: str) -> None:
    assert _one_error(_form(field)).startswith(expected)


def test_groups_nest_three_deep_at_most() -> None:
    inner = {"id": "c", "type": "group", "label": "x", "fields": [_text()]}
    middle = {"id": "b", "type": "group", "label": "x", "fields": [inner]}
    assert (
        form_schema_check(_form({"id": "a", "type": "group", "label": "x", "fields": [middle]}))
        == []
    )
    deepest = {"id": "d", "type": "group", "label": "x", "fields": [_text()]}
    inner["fields"] = [deepest]
    assert _one_error(_form({"id": "a", "type": "group", "label": "x", "fields": [middle]})) == (
        "a.b.c.d: groups nest at most 3 deep"
    )


def test_duplicate_ids_among_siblings_but_not_across_groups() -> None:
    assert _one_error(_form(_text(), _text())) == "name: the id is used twice"
    group = {"id": "g", "type": "group", "label": "x", "fields": [_text()]}
    assert form_schema_check(_form(_text(), group)) == []


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("data.name ==", "name: visible_if: syntax error at column"),
        ("__import__('os')", "name: visible_if: unknown function __import__"),
        ("data.name.__class__", "name: visible_if: private attribute __class__"),
        ("name == 1", "name: visible_if: unknown name name"),
        ("data.kind == 'a'", "name: visible_if reads data.kind, which is not a field of the form"),
    ],
)
def test_conditions_are_checked_expressions_over_known_fields(
    condition: str, expected: str
) -> None:
    assert _one_error(_form(_text(), _text("other", visible_if=condition))).startswith(
        expected.replace("name:", "other:", 1)
    )


def test_required_if_must_read_a_field() -> None:
    assert _one_error(_form(_text(required_if="1 == 1"))) == (
        "name: required_if reads no field of the form"
    )
    assert _one_error(_form(_text(required_if='data["nothing"]'))) == (
        "name: required_if reads data.nothing, which is not a field of the form"
    )
    assert _one_error(_form(_text(required=True, required_if="data.name"))) == (
        "name: required and required_if together: keep one"
    )


def test_conditions_inside_a_group_read_its_fields_and_those_around_it() -> None:
    row = [
        {"id": "studying", "type": "checkbox", "label": "x"},
        _text("school", visible_if="data.studying and data.kind == 'a'"),
    ]
    group = {"id": "g", "type": "group", "label": "x", "fields": row, "repeat": {}}
    kind = _text("kind", visible_if="len(data.g) > 0")
    assert form_schema_check(_form(kind, group)) == []
    outside = _text("after", visible_if="data.school")
    assert _one_error(_form(kind, group, outside)).startswith("after: visible_if reads data.school")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ([_text(personal="owner.nickname")], "name: personal must be owner.<key>"),
        ([_text(personal="payer.full_name")], "name: personal must be owner.<key>"),
        ([_text(personal="owner")], "name: personal must be owner.<key>"),
        (
            [_text(personal="owner.full_name"), _text("again", personal="owner.full_name")],
            "again: personal owner.full_name is already used by name",
        ),
        (
            [{"id": "n", "type": "integer", "label": "x", "personal": "owner.phone"}],
            "n: personal owner.phone does not take fields of type integer",
        ),
        (
            [
                {
                    "id": "g",
                    "type": "group",
                    "label": "x",
                    "repeat": {"max": 2},
                    "fields": [_text(personal="applicant.full_name")],
                }
            ],
            "g.name: personal is not allowed inside a repeating group",
        ),
    ],
)
def test_personal_targets(fields: list[dict[str, Any]], expected: str) -> None:
    assert _one_error(_form(*fields)).startswith(expected)


def test_personal_inside_a_plain_group_is_allowed() -> None:
    group = {
        "id": "g",
        "type": "group",
        "label": "x",
        "fields": [_text(personal="owner.full_name")],
    }
    assert form_schema_check(_form(group)) == []


def test_agency_kinds_are_kinds_of_agency() -> None:
    agency = {"id": "a", "type": "agency", "label": "x", "agency_kinds": ["school", "schol"]}
    assert _one_error(_form(agency)) == "a: agency_kinds: unknown kind schol"


def test_routes_are_used_once_and_never_inside_a_repeat() -> None:
    agency = {"id": "a", "type": "agency", "label": "x", "route": "competent"}
    assert _one_error(_form(agency, {**agency, "id": "b"})) == (
        "b: route competent is already set by a"
    )
    group = {"id": "g", "type": "group", "label": "x", "repeat": {}, "fields": [agency]}
    assert _one_error(_form(group)) == "g.a: route is not allowed inside a repeating group"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ({"id": "n", "type": "integer", "label": "x", "min": 1, "default": 0}, "at least 1"),
        ({"id": "n", "type": "integer", "label": "x", "default": "many"}, "a whole number"),
        (
            {
                "id": "s",
                "type": "select",
                "label": "x",
                "options": [{"value": "a", "label": "A"}],
                "default": "b",
            },
            "Choose one of the options",
        ),
        (
            {"id": "d", "type": "date", "label": "x", "max": "today", "default": "2999-01-01"},
            "at most",
        ),
        ({"id": "p", "type": "phone", "label": "x", "default": "12345"}, "phone number"),
        ({"id": "c", "type": "checkbox", "label": "x", "default": "maybe"}, "Tick the box"),
        (_text(default=""), "the default is empty"),
    ],
)
def test_defaults_must_be_valid_for_their_field(field: dict[str, Any], expected: str) -> None:
    error = _one_error(_form(field))
    assert error.startswith(f"{field['id']}: the default is")
    assert expected in error


@pytest.mark.parametrize(
    ("privacy", "expected"),
    [
        ({"version": "2026-01"}, "privacy: the privacy notice needs its text (notice)"),
        ({"version": "2026-01", "notice": "  \n"}, "privacy: the privacy notice needs its text"),
        ({"notice": "Văn bản"}, "privacy: the privacy notice needs a version"),
        ({"notice": "Văn bản", "version": "1", "children": "yes"}, "privacy: children must be"),
        ({"notice": "Văn bản", "version": "1", "for": "x"}, "privacy: unknown key for"),
        ("yes", "privacy: must be a mapping"),
    ],
)
def test_privacy_needs_its_notice_and_version(privacy: Any, expected: str) -> None:
    assert _one_error(_form(_text(), privacy=privacy)).startswith(expected)


def test_every_problem_is_reported_at_once() -> None:
    schema = _form(
        _text(colour=1), {"id": "x", "type": "blob", "label": "x"}, _text("b", personal="me")
    )
    assert len(form_schema_check(schema)) == 3


def test_yaml_dates_are_accepted_as_date_bounds() -> None:
    field = {"id": "d", "type": "date", "label": "x", "min": datetime.date(2000, 1, 1)}
    form = load_form(_form(field))
    assert form.fields[0].min == "2000-01-01"


def test_load_form_refuses_what_the_check_refuses() -> None:
    with pytest.raises(FormSchemaInvalid) as caught:
        load_form(_form(_text(), _text()))
    assert caught.value.errors == ["name: the id is used twice"]


def test_load_form_gives_the_renderer_dataclasses(example: dict[str, Any]) -> None:
    form = load_form(example)
    assert form.title == "Tờ khai đề nghị cấp bản sao văn bằng"
    kinds = {field.id: field.type for field in form.fields}
    assert kinds["siblings"] == "group" and kinds["receiving_school"] == "agency"
    siblings = form.fields[-1]
    assert siblings.repeat is not None and siblings.repeat.max == 5
    assert [option.value for option in form.fields[0].options] == ["self", "representative"]
    assert form.privacy is not None and form.privacy.children
