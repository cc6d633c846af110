"""Every type's cleaning and its errors (through ``form_data_clean``)."""

import unicodedata
from typing import Any

import pytest
import time_machine

from .helpers import clean_one, error_one


@pytest.mark.parametrize(
    ("kind", "value", "keys", "expected"),
    [
        ("text", "  Nguyễn Văn A ", {}, "Nguyễn Văn A"),
        ("text", 12, {}, "12"),
        ("text", "", {}, None),
        ("text", "   ", {}, None),
        ("text", "AB12", {"pattern": "[A-Z]{2}[0-9]+"}, "AB12"),
        ("textarea", "dòng 1\r\ndòng 2\n", {}, "dòng 1\ndòng 2"),
        ("integer", "42", {}, 42),
        ("integer", " -3 ", {}, -3),
        ("integer", 7, {"min": 1, "max": 20}, 7),
        ("integer", 3.0, {}, 3),
        ("number", "1,5", {}, 1.5),
        ("number", "2.25", {}, 2.25),
        ("number", 3, {}, 3.0),
        ("date", "2010-06-09", {}, "2010-06-09"),
        ("date", "9/6/2010", {}, "2010-06-09"),
        (
            "select",
            "b",
            {"options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
            "b",
        ),
        ("radio", "a", {"options": [{"value": "a", "label": "A"}]}, "a"),
        (
            "multiselect",
            ["c", "a", "a"],
            {"options": [{"value": v, "label": v} for v in "abc"]},
            ["a", "c"],
        ),
        ("multiselect", "b", {"options": [{"value": v, "label": v} for v in "abc"]}, ["b"]),
        ("multiselect", [], {"options": [{"value": "a", "label": "A"}]}, None),
        ("checkbox", True, {}, True),
        ("checkbox", "on", {}, True),
        ("checkbox", "false", {}, False),
        ("checkbox", None, {}, False),
        ("id_number", "001 099-012.345", {}, "001099012345"),
        ("id_number", "079203001234", {}, "079203001234"),
        ("id_number", "123456789", {"allow_legacy": True}, "123456789"),
        ("phone", "0912345678", {}, "0912345678"),
        ("phone", "+84 912 345 678", {}, "0912345678"),
        ("phone", "84-912-345-678", {}, "0912345678"),
        ("phone", "(024) 3825 1234", {}, "02438251234"),
        ("phone", "+84 24 3825 1234", {}, "02438251234"),
        ("phone", "0387654321", {}, "0387654321"),
        ("email", " Nguoi.Dan@Example.VN ", {}, "Nguoi.Dan@example.vn"),
        ("agency", "SCH01", {}, "SCH01"),
        ("agency", "SCH01", {"agency_kinds": ["school"]}, "SCH01"),
    ],
)
def test_values_clean_to_their_json_form(
    kind: str, value: Any, keys: dict[str, Any], expected: Any
) -> None:
    assert clean_one(kind, value, **keys) == expected


@pytest.mark.parametrize(
    ("kind", "value", "keys", "expected"),
    [
        ("text", ["a"], {}, "Enter text."),
        ("text", "dòng 1\ndòng 2", {}, "Enter text without line breaks or control characters."),
        ("text", "a\x00b", {}, "Enter text without line breaks or control characters."),
        ("textarea", "a\x07b", {}, "Enter text without control characters."),
        ("text", "abcdef", {"max_length": 5}, "Enter at most 5 characters."),
        ("text", "x" * 501, {}, "Enter at most 500 characters."),
        ("textarea", "x" * 5001, {}, "Enter at most 5000 characters."),
        ("text", "ab", {"min_length": 3}, "Enter at least 3 characters."),
        (
            "text",
            "ab12",
            {"pattern": "[A-Z]{2}[0-9]+"},
            "The value does not have the expected format.",
        ),
        ("integer", "4.5", {}, "Enter a whole number."),
        ("integer", "1 000", {}, "Enter a whole number."),
        ("integer", True, {}, "Enter a whole number."),
        ("integer", 10**15, {}, "Enter a whole number."),
        ("integer", "1000000000000000", {}, "Enter a whole number."),
        ("integer", "0", {"min": 1}, "Enter a value of at least 1."),
        ("integer", 21, {"max": 20}, "Enter a value of at most 20."),
        ("number", "1,000.5", {}, "Enter a number."),
        ("number", "nan", {}, "Enter a number."),
        ("number", float("inf"), {}, "Enter a number."),
        ("number", -0.5, {"min": 0}, "Enter a value of at least 0."),
        ("date", "2026-02-30", {}, "Enter a date (YYYY-MM-DD)."),
        ("date", "31/02/2026", {}, "Enter a date (YYYY-MM-DD)."),
        ("date", "June 9", {}, "Enter a date (YYYY-MM-DD)."),
        ("date", 20260101, {}, "Enter a date (YYYY-MM-DD)."),
        ("date", "1999-12-31", {"min": "2000-01-01"}, "Enter a value of at least 2000-01-01."),
        ("select", "c", {"options": [{"value": "a", "label": "A"}]}, "Choose one of the options."),
        (
            "select",
            ["a"],
            {"options": [{"value": "a", "label": "A"}]},
            "Choose one of the options.",
        ),
        ("radio", "A", {"options": [{"value": "a", "label": "A"}]}, "Choose one of the options."),
        (
            "multiselect",
            ["a", "z"],
            {"options": [{"value": "a", "label": "A"}]},
            "Choose among the options.",
        ),
        (
            "multiselect",
            [1],
            {"options": [{"value": "a", "label": "A"}]},
            "Choose among the options.",
        ),
        ("checkbox", "maybe", {}, "Tick the box or leave it empty."),
        ("checkbox", 1, {}, "Tick the box or leave it empty."),
        ("id_number", "12345678901", {}, "Enter a 12-digit citizen identity number."),
        ("id_number", "123456789", {}, "Enter a 12-digit citizen identity number."),
        ("id_number", "097099012345", {}, "Enter a 12-digit citizen identity number."),
        ("id_number", "000099012345", {}, "Enter a 12-digit citizen identity number."),
        ("id_number", "00109901234A", {}, "Enter a 12-digit citizen identity number."),
        ("id_number", 1099012345, {}, "Enter a 12-digit citizen identity number."),
        (
            "id_number",
            "12345678",
            {"allow_legacy": True},
            "Enter a 12-digit citizen identity number or a 9-digit identity card number.",
        ),
        (
            "phone",
            "0123456789",
            {},
            "Enter a Vietnamese phone number: a 10-digit mobile or an 11-digit landline.",
        ),
        (
            "phone",
            "091234567",
            {},
            "Enter a Vietnamese phone number: a 10-digit mobile or an 11-digit landline.",
        ),
        (
            "phone",
            "0243825123",
            {},
            "Enter a Vietnamese phone number: a 10-digit mobile or an 11-digit landline.",
        ),
        (
            "phone",
            "+1 202 555 0100",
            {},
            "Enter a Vietnamese phone number: a 10-digit mobile or an 11-digit landline.",
        ),
        (
            "phone",
            912345678,
            {},
            "Enter a Vietnamese phone number: a 10-digit mobile or an 11-digit landline.",
        ),
        ("email", "nguoi.dan@", {}, "Enter a valid email address."),
        ("email", "a b@example.vn", {}, "Enter a valid email address."),
        ("agency", "NOPE", {}, "There is no such active agency."),
        ("agency", "DEP01", {"agency_kinds": ["school"]}, "This agency cannot be chosen here."),
        ("agency", 5, {}, "Choose an agency."),
    ],
)
def test_values_of_the_wrong_kind_are_refused_with_a_message(
    kind: str, value: Any, keys: dict[str, Any], expected: str
) -> None:
    assert error_one(kind, value, **keys) == expected


def test_a_cccd_whose_birth_year_is_in_the_future_is_refused() -> None:
    with time_machine.travel("2026-06-01 10:00+07:00", tick=False):
        assert clean_one("id_number", "001226012345") == "001226012345"  # born 2026
        assert error_one("id_number", "001227012345").startswith("Enter a 12-digit")


def test_date_bounds_follow_today_in_vietnam() -> None:
    # 23:30 UTC on 31 December is already 1 January in Hà Nội
    with time_machine.travel("2026-12-31 23:30+00:00", tick=False):
        assert clean_one("date", "2027-01-01", max="today") == "2027-01-01"
        assert (
            error_one("date", "2027-01-02", max="today") == "Enter a value of at most 2027-01-01."
        )


def test_messages_never_quote_the_value() -> None:
    for kind, keys in [
        ("id_number", {}),
        ("phone", {}),
        ("email", {}),
        ("text", {"max_length": 3}),
    ]:
        message = error_one(kind, "0999 SECRET 123\n", **keys)
        assert "SECRET" not in message and "0999" not in message


def test_text_is_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "bằng tốt nghiệp")
    assert decomposed != "bằng tốt nghiệp"
    assert clean_one("text", decomposed) == "bằng tốt nghiệp"
    assert clean_one("textarea", decomposed + "\n") == "bằng tốt nghiệp"
    options = [{"value": "bằng", "label": "Bằng"}]
    assert clean_one("select", unicodedata.normalize("NFD", "bằng"), options=options) == "bằng"
    # the length counts the composed characters
    assert clean_one("text", decomposed, max_length=15) == "bằng tốt nghiệp"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"province": "1", "commune": "70", "street": " 12 Tràng Tiền "},
            {"province": "01", "commune": "00070", "street": "12 Tràng Tiền"},
        ),
        ({"province": 1, "commune": 70}, {"province": "01", "commune": "00070"}),
        ({"province": "", "commune": None, "street": " "}, None),
    ],
)
def test_addresses_clean_to_codes(value: Any, expected: Any) -> None:
    assert clean_one("address", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12 Tràng Tiền, Hà Nội", "Enter the address as a province, a commune and a street."),
        (
            {"province": "01", "district": "001"},
            "Enter the address as a province, a commune and a street.",
        ),
        ({"province": "02", "commune": "00070"}, "Choose a province."),  # Hà Giang: merged in 2025
        ({"province": "79", "commune": "00070"}, "Choose a commune of the province."),
        ({"province": "01", "commune": "99999"}, "Choose a commune of the province."),
        ({"province": "01"}, "Choose the province and the commune."),
        (
            {"province": "01", "commune": "00070", "street": ["a"]},
            "Enter the street as one line of text.",
        ),
        (
            {"province": "01", "commune": "00070", "street": "a\nb"},
            "Enter the street as one line of text.",
        ),
    ],
)
def test_addresses_are_checked_against_the_2025_units(value: Any, expected: str) -> None:
    assert error_one("address", value) == expected
