"""The public API of ``forms`` on the language's own example, end to end."""

from typing import Any

import pytest

import forms


def test_the_example_is_valid(example: dict[str, Any]) -> None:
    assert forms.form_schema_check(example) == []


def test_the_example_cleans_splits_and_routes(example: dict[str, Any]) -> None:
    data = {
        "owner_name": " Nguyễn Văn A ",
        "owner_id_number": "001 099 012345",
        "phone": "+84 912 345 678",
        "address": {"province": "1", "commune": "70", "street": "12 Tràng Tiền"},
        "receiving_school": "SCH01",
        "agree": "on",
        "siblings": [{"name": "Nguyễn Văn B", "grade": "7"}],
    }
    cleaned = forms.form_data_clean(example, data)
    personal, rest = forms.form_personal_split(example, cleaned)
    assert personal == {
        "owner": {
            "full_name": "Nguyễn Văn A",
            "id_number": "001099012345",
            "phone": "0912345678",
            "address": {"province": "01", "commune": "00070", "street": "12 Tràng Tiền"},
        }
    }
    assert rest == {
        "applicant_kind": "self",
        "receiving_school": "SCH01",
        "copies": 1,
        "agree": True,
        "siblings": [{"name": "Nguyễn Văn B", "grade": 7}],
    }
    assert forms.form_routes(example, cleaned) == {"competent": "SCH01"}


def test_errors_are_keyed_by_path(example: dict[str, Any]) -> None:
    with pytest.raises(forms.FormDataInvalid) as caught:
        forms.form_data_clean(example, {"siblings": [{"grade": 3}]})
    assert caught.value.errors["siblings.0.name"] == ["This field is required."]
    assert caught.value.errors["owner_name"] == ["This field is required."]


def test_the_empty_schema_means_no_form() -> None:
    assert forms.form_schema_check({}) == []
    assert forms.form_data_clean({}, {}) == {}
    with pytest.raises(forms.FormDataInvalid) as caught:
        forms.form_data_clean({}, {"anything": 1})
    assert caught.value.errors == {"anything": ["Unknown field."]}
    assert forms.privacy_notice({}) is None
    assert forms.form_routes({}, {}) == {}
    assert forms.form_personal_split({}, {}) == ({}, {})
