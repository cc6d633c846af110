"""UPU S10 item identifiers: two letters, eight digits, a check digit, a country code
(``EE123456785VN``)."""

import re

_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_PATTERN = re.compile(r"^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$")


def s10_check_digit(serial: str) -> int:
    """The check digit of an eight-digit serial number."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError("an S10 serial number has eight digits")
    remainder = sum(int(d) * w for d, w in zip(serial, _WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    return {10: 0, 11: 5}.get(check, check)


def s10_number(*, prefix: str, serial: int, country: str = "VN") -> str:
    digits = f"{serial:08d}"
    return f"{prefix}{digits}{s10_check_digit(digits)}{country}"


def s10_valid(number: str) -> bool:
    match = _PATTERN.match(number or "")
    if match is None:
        return False
    return s10_check_digit(match.group(1)) == int(match.group(2))
