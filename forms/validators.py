"""Vietnamese identity numbers and phone numbers: normalise, then accept or refuse.

Identity numbers: the citizen identity number (CCCD / số định danh cá nhân, 12 digits) per
Circular 59/2021/TT-BCA: digits 1-3 the province code where the birth was registered (the 63
province codes 001-096 before the 2025 reorganisation: numbers already issued keep them; the
34 codes after it are a subset), digit 4 the century and sex, digits 5-6 the birth year. The
old identity card (CMND) has 9 digits and is accepted only where a form allows it.

Phones: mobiles 03/05/07/08/09 and 10 digits; landlines 02x and 11 digits; "+84" or "84"
in front stands for the leading 0.
"""

import re

from django.utils import timezone

CCCD_PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
        34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64,
        66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94,
        95, 96,
    )
)  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-()/]")
MOBILE = re.compile(r"0[35789]\d{8}")
LANDLINE = re.compile(r"02\d{9}")


def normalise_digits(value: str) -> str:
    """``value`` without the spaces, dots, hyphens, slashes and brackets people type."""
    return _SEPARATORS.sub("", value)


def cccd_valid(number: str) -> bool:
    """Whether ``number`` (digits only) is a well-formed 12-digit citizen identity number."""
    if len(number) != 12 or not number.isdigit() or number[:3] not in CCCD_PROVINCE_CODES:
        return False
    century = 1900 + int(number[3]) // 2 * 100
    return century + int(number[4:6]) <= timezone.localdate().year


def cmnd_valid(number: str) -> bool:
    """Whether ``number`` (digits only) is shaped like an old 9-digit identity card number."""
    return len(number) == 9 and number.isdigit()


def phone_normalise(value: str) -> str | None:
    """The phone number as 0XXXXXXXXX (or 02XXXXXXXXX), or ``None`` if it is not one."""
    number = normalise_digits(value)
    if number.startswith("+84"):
        number = "0" + number[3:]
    elif number.startswith("84") and len(number) in (11, 12):
        number = "0" + number[2:]
    if MOBILE.fullmatch(number) or LANDLINE.fullmatch(number):
        return number
    return None
