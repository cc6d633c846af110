"""Administrative units after 1 July 2025, and addresses as text."""

import unicodedata

import pytest

from forms.addresses import (
    DATA_VERSION,
    address_text,
    commune_get,
    communes,
    province_get,
    provinces,
)


def test_34_provinces_in_two_tiers() -> None:
    units = provinces()
    assert len(units) == 34
    assert units[0].code == "01" and units[0].name == "Thành phố Hà Nội"
    assert {"79", "96", "48"} <= {unit.code for unit in units}
    assert province_get("02") is None  # Hà Giang, merged into Tuyên Quang
    assert DATA_VERSION >= "2025-07-01"


def test_communes_of_a_province() -> None:
    hanoi = communes("01")
    assert len(hanoi) > 100
    assert all(len(unit.code) == 5 for unit in hanoi)
    assert communes("1") == hanoi
    assert communes("02") == [] and communes("x") == []
    hoan_kiem = commune_get("00070", province="01")
    assert hoan_kiem is not None and hoan_kiem.name == "Phường Hoàn Kiếm"
    assert commune_get("00070", province="79") is None
    assert sum(len(communes(unit.code)) for unit in provinces()) > 3000


def test_names_are_nfc() -> None:
    for unit in [*provinces(), *communes("01")]:
        assert unicodedata.is_normalized("NFC", unit.name)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"province": "01", "commune": "00070", "street": "12 Tràng Tiền"},
            "12 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội",
        ),
        ({"province": "01", "commune": "00070"}, "Phường Hoàn Kiếm, Thành phố Hà Nội"),
        ("Số 1, Hà Nội", "Số 1, Hà Nội"),
        (None, ""),
        ({}, ""),
    ],
)
def test_address_text(value: object, expected: str) -> None:
    assert address_text(value) == expected  # type: ignore[arg-type]
