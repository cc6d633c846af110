"""Identity numbers and phones on their own."""

from forms.validators import CCCD_PROVINCE_CODES, cccd_valid, cmnd_valid, phone_normalise


def test_the_province_codes_of_circular_59() -> None:
    assert len(CCCD_PROVINCE_CODES) == 63
    assert min(CCCD_PROVINCE_CODES) == "001" and max(CCCD_PROVINCE_CODES) == "096"
    assert "003" not in CCCD_PROVINCE_CODES  # there is no province 03
    assert cccd_valid("096305001234") and not cccd_valid("097305001234")


def test_legacy_numbers_are_nine_digits() -> None:
    assert cmnd_valid("012345678")
    assert not cmnd_valid("01234567") and not cmnd_valid("01234567X")


def test_phones_normalise_to_a_leading_zero() -> None:
    assert phone_normalise("+84.912.345.678") == "0912345678"
    assert phone_normalise("0912 345 678") == "0912345678"
    assert phone_normalise("+84 0912345678") is None
    assert phone_normalise("0612345678") is None  # 06 is no mobile prefix
    assert phone_normalise("02838221234") == "02838221234"
