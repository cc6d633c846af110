"""Groups and repeating groups: nesting, min/max, errors keyed ``group.index.field``."""

from typing import Any

from forms import form_data_clean

from .helpers import errors_of

NAME = {"id": "name", "type": "text", "label": "Họ tên", "required": True}
GRADE = {"id": "grade", "type": "integer", "label": "Lớp", "min": 1, "max": 12}


def _form(**repeat: Any) -> dict[str, Any]:
    siblings = {"id": "siblings", "type": "group", "label": "Anh chị em", "fields": [NAME, GRADE]}
    if repeat:
        siblings["repeat"] = repeat
    return {"format": "motcua/form@1", "fields": [siblings]}


def test_a_repeating_group_cleans_each_row() -> None:
    data = {"siblings": [{"name": " An ", "grade": "6"}, {"name": "Bình"}]}
    assert form_data_clean(_form(min=0, max=5), data) == {
        "siblings": [{"name": "An", "grade": 6}, {"name": "Bình"}]
    }
    assert form_data_clean(_form(min=0, max=5), {}) == {"siblings": []}


def test_errors_are_keyed_by_group_index_and_field() -> None:
    data = {"siblings": [{"name": "An"}, {"grade": 13}, {"name": "C", "age": 9}]}
    assert errors_of(_form(max=5), data) == {
        "siblings.1.name": ["This field is required."],
        "siblings.1.grade": ["Enter a value of at most 12."],
        "siblings.2.age": ["Unknown field."],
    }


def test_min_and_max_entries() -> None:
    assert errors_of(_form(min=2, max=3), {"siblings": [{"name": "An"}]}) == {
        "siblings": ["Enter at least 2 entries."]
    }
    rows = [{"name": str(i)} for i in range(4)]
    assert errors_of(_form(min=0, max=3), {"siblings": rows}) == {
        "siblings": ["Enter at most 3 entries."]
    }


def test_rows_of_the_wrong_shape() -> None:
    assert errors_of(_form(max=3), {"siblings": {"name": "An"}}) == {
        "siblings": ["Send a list of entries."]
    }
    assert errors_of(_form(max=3), {"siblings": ["An"]}) == {
        "siblings.0": ["Send the fields as an object."]
    }


def test_a_plain_group_is_one_nested_object() -> None:
    assert form_data_clean(_form(), {"siblings": {"name": "An", "grade": 7}}) == {
        "siblings": {"name": "An", "grade": 7}
    }
    assert errors_of(_form(), {}) == {"siblings.name": ["This field is required."]}
    for wrong in ([{"name": "An"}], [], "An"):
        assert errors_of(_form(), {"siblings": wrong}) == {
            "siblings": ["Send the fields as an object."]
        }


def test_a_row_condition_reads_the_row_over_the_form() -> None:
    row = [
        {"id": "studying", "type": "checkbox", "label": "x"},
        {
            "id": "school",
            "type": "text",
            "label": "x",
            "visible_if": 'data.studying and data.level == "thcs"',
            "required_if": "data.studying",
        },
    ]
    schema = {
        "format": "motcua/form@1",
        "fields": [
            {"id": "level", "type": "text", "label": "x"},
            {"id": "kids", "type": "group", "label": "x", "repeat": {"max": 3}, "fields": row},
        ],
    }
    data = {
        "level": "thcs",
        "kids": [{"studying": "on", "school": "THCS A"}, {"school": "THCS B"}],
    }
    assert form_data_clean(schema, data) == {
        "level": "thcs",
        "kids": [{"studying": True, "school": "THCS A"}, {"studying": False}],
    }
    assert errors_of(schema, {"level": "thcs", "kids": [{"studying": True}]}) == {
        "kids.0.school": ["This field is required."]
    }
