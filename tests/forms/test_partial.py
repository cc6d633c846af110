"""Drafts (``partial=True``): required checks skipped, every value sent still checked."""

from typing import Any

from forms import form_data_clean

from .helpers import errors_of


def test_a_draft_may_leave_required_fields_empty(example: dict[str, Any]) -> None:
    assert form_data_clean(example, {"owner_name": "Nguyễn Văn A"}, partial=True) == {
        "applicant_kind": "self",
        "owner_name": "Nguyễn Văn A",
        "copies": 1,
        "agree": False,
        "siblings": [],
    }


def test_a_draft_still_checks_what_was_sent(example: dict[str, Any]) -> None:
    data = {"phone": "12345", "colour": "red", "siblings": [{"grade": "x"}], "copies": 0}
    assert errors_of(example, data, partial=True) == {
        "colour": ["Unknown field."],
        "phone": ["Enter a Vietnamese phone number: a 10-digit mobile or an 11-digit landline."],
        "copies": ["Enter a value of at least 1."],
        "siblings.0.grade": ["Enter a whole number."],
    }


def test_a_draft_skips_required_if_and_repeat_min_but_not_max() -> None:
    schema = {
        "format": "motcua/form@1",
        "fields": [
            {"id": "kind", "type": "text", "label": "x"},
            {"id": "why", "type": "text", "label": "x", "required_if": "data.kind"},
            {
                "id": "rows",
                "type": "group",
                "label": "x",
                "repeat": {"min": 2, "max": 2},
                "fields": [{"id": "a", "type": "text", "label": "x", "required": True}],
            },
        ],
    }
    assert form_data_clean(schema, {"kind": "k", "rows": [{}]}, partial=True) == {
        "kind": "k",
        "rows": [{}],
    }
    assert errors_of(schema, {"rows": [{}, {}, {}]}, partial=True) == {
        "rows": ["Enter at most 2 entries."]
    }


def test_a_draft_address_may_stop_at_the_province() -> None:
    schema = {"format": "motcua/form@1", "fields": [{"id": "a", "type": "address", "label": "x"}]}
    assert form_data_clean(schema, {"a": {"province": "79"}}, partial=True) == {
        "a": {"province": "79"}
    }
    assert errors_of(schema, {"a": {"province": "79"}}) == {
        "a": ["Choose the province and the commune."]
    }
