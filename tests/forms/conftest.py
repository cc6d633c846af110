"""Shared schemas of the form tests: the example of the language's spec, in full."""

import copy
from typing import Any

import pytest
from django.utils import translation

from forms.agencies import agency_lookup_set

NOTICE = "Dữ liệu cá nhân của học sinh được xử lý để giải quyết thủ tục (Nghị định 13/2023/NĐ-CP)."

EXAMPLE: dict[str, Any] = {
    "format": "motcua/form@1",
    "title": "Tờ khai đề nghị cấp bản sao văn bằng",
    "privacy": {"children": True, "version": "2026-01", "notice": NOTICE + "\n"},
    "fields": [
        {
            "id": "applicant_kind",
            "type": "select",
            "label": "Người nộp là",
            "required": True,
            "options": [
                {"value": "self", "label": "Chính chủ"},
                {"value": "representative", "label": "Người được ủy quyền"},
            ],
            "default": "self",
        },
        {
            "id": "owner_name",
            "type": "text",
            "label": "Họ và tên người được cấp văn bằng",
            "required": True,
            "max_length": 100,
            "personal": "owner.full_name",
        },
        {
            "id": "owner_id_number",
            "type": "id_number",
            "label": "Số định danh cá nhân / CCCD",
            "required": True,
            "personal": "owner.id_number",
        },
        {
            "id": "representative_name",
            "type": "text",
            "label": "Họ tên người được ủy quyền",
            "visible_if": 'data.applicant_kind == "representative"',
            "required_if": 'data.applicant_kind == "representative"',
            "personal": "applicant.full_name",
        },
        {
            "id": "graduation_year",
            "type": "integer",
            "label": "Năm tốt nghiệp",
            "min": 1950,
            "max": 2026,
        },
        {"id": "birth_date", "type": "date", "label": "Ngày sinh", "max": "today"},
        {"id": "phone", "type": "phone", "label": "Số điện thoại", "personal": "owner.phone"},
        {"id": "email", "type": "email", "label": "Thư điện tử"},
        {
            "id": "address",
            "type": "address",
            "label": "Địa chỉ thường trú",
            "personal": "owner.address",
        },
        {
            "id": "receiving_school",
            "type": "agency",
            "label": "Trường chuyển đến",
            "agency_kinds": ["school"],
            "route": "competent",
        },
        {
            "id": "copies",
            "type": "integer",
            "label": "Số bản sao",
            "min": 1,
            "max": 20,
            "default": 1,
        },
        {"id": "purpose", "type": "textarea", "label": "Mục đích sử dụng"},
        {"id": "agree", "type": "checkbox", "label": "Tôi cam đoan", "required": True},
        {
            "id": "siblings",
            "type": "group",
            "label": "Anh chị em ruột đang học tại trường",
            "repeat": {"min": 0, "max": 5},
            "fields": [
                {"id": "name", "type": "text", "label": "Họ tên", "required": True},
                {"id": "grade", "type": "integer", "label": "Lớp", "min": 1, "max": 12},
            ],
        },
    ],
}

AGENCIES = {"SCH01": "school", "DEP01": "department"}


@pytest.fixture
def example() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE)


@pytest.fixture(autouse=True)
def _english_and_agencies() -> Any:
    agency_lookup_set(AGENCIES.get)
    with translation.override("en"):
        yield
    agency_lookup_set(None)
