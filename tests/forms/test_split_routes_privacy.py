"""``form_personal_split``, ``form_routes`` and ``privacy_notice``."""

import hashlib
import unicodedata
from typing import Any

from forms import (
    form_data_clean,
    form_personal_merge,
    form_personal_split,
    form_routes,
    privacy_notice,
)

from .conftest import NOTICE


def test_personal_values_move_out_of_the_data(example: dict[str, Any]) -> None:
    cleaned = form_data_clean(
        example,
        {
            "applicant_kind": "representative",
            "owner_name": "Nguyễn Văn A",
            "owner_id_number": "001099012345",
            "representative_name": "Trần Thị B",
            "birth_date": "2005-01-02",
            "email": "a@example.vn",
            "agree": True,
        },
    )
    personal, data = form_personal_split(example, cleaned)
    assert personal == {
        "owner": {"full_name": "Nguyễn Văn A", "id_number": "001099012345"},
        "applicant": {"full_name": "Trần Thị B"},
    }
    assert data == {
        "applicant_kind": "representative",
        "birth_date": "2005-01-02",
        "email": "a@example.vn",
        "copies": 1,
        "agree": True,
        "siblings": [],
    }
    assert "owner_name" in cleaned  # the cleaned data is not changed


def test_personal_values_inside_a_plain_group() -> None:
    schema = {
        "format": "motcua/form@1",
        "fields": [
            {
                "id": "parent",
                "type": "group",
                "label": "Cha mẹ",
                "fields": [
                    {"id": "name", "type": "text", "label": "x", "personal": "applicant.full_name"},
                    {"id": "job", "type": "text", "label": "x"},
                ],
            }
        ],
    }
    cleaned = form_data_clean(schema, {"parent": {"name": "Lê C", "job": "GV"}})
    assert form_personal_split(schema, cleaned) == (
        {"applicant": {"full_name": "Lê C"}},
        {"parent": {"job": "GV"}},
    )


def test_no_person_without_a_value(example: dict[str, Any]) -> None:
    personal, _data = form_personal_split(example, {"applicant_kind": "self"})
    assert personal == {}


def test_routes_name_the_competent_agency(example: dict[str, Any]) -> None:
    assert form_routes(example, {"receiving_school": "SCH01"}) == {"competent": "SCH01"}
    assert form_routes(example, {}) == {}


def test_a_route_inside_a_plain_group() -> None:
    schema = {
        "format": "motcua/form@1",
        "fields": [
            {
                "id": "transfer",
                "type": "group",
                "label": "x",
                "fields": [{"id": "to", "type": "agency", "label": "x", "route": "competent"}],
            }
        ],
    }
    cleaned = form_data_clean(schema, {"transfer": {"to": "SCH01"}})
    assert form_routes(schema, cleaned) == {"competent": "SCH01"}


def test_the_privacy_notice_and_its_hash(example: dict[str, Any]) -> None:
    notice = privacy_notice(example)
    assert notice is not None
    assert (notice.children, notice.version, notice.text) == (True, "2026-01", NOTICE)
    assert notice.sha256 == hashlib.sha256(NOTICE.encode()).hexdigest()


def test_the_hash_is_of_the_nfc_text(example: dict[str, Any]) -> None:
    composed = privacy_notice(example)
    example["privacy"]["notice"] = unicodedata.normalize("NFD", NOTICE)
    decomposed = privacy_notice(example)
    assert composed is not None and decomposed is not None
    assert decomposed.sha256 == composed.sha256 and decomposed.text == NOTICE
    example["privacy"]["notice"] = NOTICE + " Sửa đổi."
    changed = privacy_notice(example)
    assert changed is not None and changed.sha256 != composed.sha256


def test_no_privacy_notice_without_privacy(example: dict[str, Any]) -> None:
    del example["privacy"]
    assert privacy_notice(example) is None


def test_merge_puts_personal_values_back(example: dict[str, Any]) -> None:
    cleaned = form_data_clean(
        example,
        {
            "owner_name": "Nguyễn Văn A",
            "owner_id_number": "001099012345",
            "address": {"province": "01", "commune": "00070", "street": "1 Hàng Bài"},
            "agree": True,
        },
    )
    personal, data = form_personal_split(example, cleaned)
    assert form_personal_merge(example, personal, data) == cleaned
    assert form_personal_merge(example, {}, data) == data


def test_merge_into_a_plain_group() -> None:
    schema = {
        "format": "motcua/form@1",
        "fields": [
            {
                "id": "parent",
                "type": "group",
                "label": "x",
                "fields": [
                    {"id": "name", "type": "text", "label": "x", "personal": "applicant.full_name"}
                ],
            }
        ],
    }
    personal = {"applicant": {"full_name": "Lê C"}}
    assert form_personal_merge(schema, personal, {}) == {"parent": {"name": "Lê C"}}
    assert form_personal_merge(schema, {}, {}) == {}
