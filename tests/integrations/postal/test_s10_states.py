import pytest

from integrations.postal.s10 import s10_check_digit, s10_number, s10_valid
from integrations.postal.states import advances, is_final
from integrations.postal.statuses import status_of


def test_check_digit_of_known_numbers() -> None:
    assert s10_check_digit("47312482") == 9  # the UPU standard's example AA473124829GB
    assert s10_number(prefix="EE", serial=12345678) == "EE123456785VN"
    # remainders giving 10 and 11 map to 0 and 5
    assert s10_check_digit("00000000") == 5
    assert s10_valid("AA473124829GB")


@pytest.mark.parametrize(
    "number", ["EE123456784VN", "EE12345678VN", "ee123456785vn", "E1123456785VN", ""]
)
def test_invalid_numbers(number: str) -> None:
    assert not s10_valid(number)


def test_serial_must_have_eight_digits() -> None:
    with pytest.raises(ValueError):
        s10_check_digit("1234567")


def test_the_state_machine_only_moves_forward() -> None:
    assert advances("created", "picked_up")
    assert advances("created", "delivered")  # steps may be skipped
    assert not advances("in_transit", "picked_up")  # late event
    assert not advances("in_transit", "in_transit")
    assert not advances("delivered", "returned")  # final never moves
    assert not advances("created", "")  # unknown provider status
    assert is_final("failed") and not is_final("in_transit")


def test_provider_statuses() -> None:
    assert status_of("out_for_delivery") == "in_transit"
    assert status_of("DELIVERED") == "delivered"
    assert status_of("WEIRD") == ""
