"""Addresses by administrative unit, after the reorganisation of 1 July 2025.

Two tiers: 34 provinces and centrally-run cities, and their communes (xã, phường, đặc khu;
no districts any more). The units come from the ``vietnam-provinces`` package (the General
Statistics Office's codes; its ``__data_version__`` says when they were taken). Codes are
stored as text, zero-padded like the GSO writes them: provinces "01", communes "00070".

An address field's value is ``{"province": "01", "commune": "00070", "street": "12 Tràng
Tiền"}``; ``address_text`` writes it out as "street, commune, province" for documents.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import vietnam_provinces
from vietnam_provinces.lookup import PROVINCE_MAPPING, WARD_MAPPING

DATA_VERSION: str = vietnam_provinces.__data_version__


@dataclass(frozen=True)
class AdministrativeUnit:
    code: str
    name: str
    kind: str  # "tỉnh", "thành phố trung ương", "xã", "phường", "đặc khu"


def province_code(value: Any) -> str | None:
    """``value`` ("1", "01", 1) as a stored province code ("01"), if it is one."""
    return _code(value, 2)


def commune_code(value: Any) -> str | None:
    """``value`` ("70", "00070", 70) as a stored commune code ("00070"), if it is one."""
    return _code(value, 5)


def _code(value: Any, width: int) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str) or not value.strip().isdigit() or len(value.strip()) > width:
        return None
    return value.strip().zfill(width)


@cache
def _provinces() -> dict[str, AdministrativeUnit]:
    return {
        f"{code:02d}": AdministrativeUnit(f"{code:02d}", p.name, p.division_type.value)
        for code, p in sorted(PROVINCE_MAPPING.items())
    }


@cache
def _communes() -> dict[str, tuple[str, AdministrativeUnit]]:
    """Each commune code: (its province's code, the commune)."""
    return {
        f"{code:05d}": (
            f"{int(w.province_code):02d}",
            AdministrativeUnit(f"{code:05d}", w.name, w.division_type.value),
        )
        for code, w in sorted(WARD_MAPPING.items())
    }


@cache
def _by_province() -> dict[str, tuple[AdministrativeUnit, ...]]:
    grouped: dict[str, list[AdministrativeUnit]] = {code: [] for code in _provinces()}
    for parent, unit in _communes().values():
        grouped.setdefault(parent, []).append(unit)
    return {code: tuple(units) for code, units in grouped.items()}


def provinces() -> list[AdministrativeUnit]:
    """The provinces and centrally-run cities, by code."""
    return list(_provinces().values())


def communes(province: str) -> list[AdministrativeUnit]:
    """The communes of ``province`` (a code), by code; ``[]`` for an unknown province."""
    return list(_by_province().get(province_code(province) or "", ()))


def province_get(code: Any) -> AdministrativeUnit | None:
    return _provinces().get(province_code(code) or "")


def commune_get(code: Any, *, province: Any) -> AdministrativeUnit | None:
    """The commune with ``code``, if there is one in ``province``."""
    parent, unit = _communes().get(commune_code(code) or "", (None, None))
    return unit if parent is not None and parent == province_code(province) else None


def address_text(value: Mapping[str, Any] | str | None) -> str:
    """An address as one line, "street, commune, province" (parts left out when empty).

    Text is returned as it is (an address typed in a text field)."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    province = province_get(value.get("province"))
    commune = commune_get(value.get("commune"), province=value.get("province"))
    parts = [
        str(value.get("street") or "").strip(),
        commune.name if commune else str(value.get("commune") or ""),
        province.name if province else str(value.get("province") or ""),
    ]
    return ", ".join(part for part in parts if part)
