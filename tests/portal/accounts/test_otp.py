"""Officers' second factor: a TOTP app verified at sign-in, set up with a QR code, required
only with MOTCUA_OFFICER_OTP_REQUIRED; attempts limited."""

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.workflows.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
LOGIN, VERIFY, SETUP = "/accounts/login/", "/accounts/login/code/", "/accounts/otp/setup/"


@pytest.fixture(autouse=True)
def _no_throttle(settings) -> None:  # type: ignore[no-untyped-def]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-30 09:00:10+07:00", tick=False) as traveller:
        yield traveller


def _token(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _officer(username: str = "officer") -> object:
    user = UserFactory(username=username)
    MembershipFactory(user=user)
    return user


def _sign_in(client, username: str = "officer", next_url: str = "/workspace/"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": "test-password", "next": next_url})


def test_an_officer_with_an_app_gives_its_code(english_client, clock) -> None:  # type: ignore[no-untyped-def]
    user = _officer()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = _sign_in(english_client)
    assert response["Location"] == VERIFY
    assert SESSION_KEY not in english_client.session
    assert english_client.get("/accounts/otp/setup/").status_code == 404  # no new app instead
    page = english_client.post(VERIFY, {"code": "000000" if _token(device) != "000000" else "1"})
    assert "The code is not right." in page.content.decode()
    clock.shift(30)
    response = english_client.post(VERIFY, {"code": _token(device)})
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    assert int(english_client.session[SESSION_KEY]) == user.pk
    assert english_client.session["otp_device_id"] == device.persistent_id


def test_five_wrong_codes_end_the_sign_in(english_client, clock) -> None:  # type: ignore[no-untyped-def]
    device = TOTPDevice.objects.create(user=_officer(), name="app", confirmed=True)
    _sign_in(english_client)
    wrong = "111111" if _token(device) != "111111" else "222222"
    for _ in range(4):
        assert english_client.post(VERIFY, {"code": wrong}).status_code == 200
    response = english_client.post(VERIFY, {"code": wrong})
    assert response.status_code == 429
    assert english_client.post(VERIFY, {"code": _token(device)})["Location"] == LOGIN
    assert SESSION_KEY not in english_client.session


def test_the_code_page_without_a_password_goes_to_sign_in(english_client) -> None:  # type: ignore[no-untyped-def]
    assert english_client.get(VERIFY)["Location"] == LOGIN
    assert english_client.get(SETUP).status_code == 404


def test_a_pending_sign_in_expires(english_client, clock) -> None:  # type: ignore[no-untyped-def]
    device = TOTPDevice.objects.create(user=_officer(), name="app", confirmed=True)
    _sign_in(english_client)
    clock.shift(11 * 60)
    assert english_client.post(VERIFY, {"code": _token(device)})["Location"] == LOGIN


def test_a_throttled_app_asks_to_wait(english_client, settings, clock) -> None:  # type: ignore[no-untyped-def]
    settings.OTP_TOTP_THROTTLE_FACTOR = 10
    device = TOTPDevice.objects.create(user=_officer(), name="app", confirmed=True)
    _sign_in(english_client)
    english_client.post(VERIFY, {"code": "999999" if _token(device) != "999999" else "1"})
    page = english_client.post(VERIFY, {"code": _token(device)}).content.decode()
    assert "Wait a few seconds" in page


def test_officers_without_an_app_sign_in_directly_by_default(english_client) -> None:  # type: ignore[no-untyped-def]
    _officer()
    assert _sign_in(english_client)["Location"] == "/workspace/"


def test_citizens_are_never_asked(english_client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OFFICER_OTP_REQUIRED = True
    UserFactory(username="citizen")
    assert _sign_in(english_client, "citizen", "/my/")["Location"] == "/my/"


def test_required_setup_with_a_qr_code_then_signed_in(english_client, settings, clock) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OFFICER_OTP_REQUIRED = True
    user = _officer()
    assert _sign_in(english_client)["Location"] == SETUP
    assert SESSION_KEY not in english_client.session
    page = english_client.get(SETUP).content.decode()
    assert "<svg" in page and "need a second factor" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "Enter a" not in page  # no error before a POST
    english_client.post(SETUP, {"code": "abcdef"})
    response = english_client.post(SETUP, {"code": _token(device)})
    assert response["Location"] == "/workspace/"
    device.refresh_from_db()
    assert device.confirmed
    assert int(english_client.session[SESSION_KEY]) == user.pk
    english_client.post("/accounts/logout/")
    clock.shift(30)
    assert _sign_in(english_client)["Location"] == VERIFY


def test_staff_count_as_officers(english_client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OFFICER_OTP_REQUIRED = True
    UserFactory(username="admin", is_staff=True)
    assert _sign_in(english_client, "admin")["Location"] == SETUP


def test_a_signed_in_officer_can_set_up_an_app(english_client, clock) -> None:  # type: ignore[no-untyped-def]
    user = _officer()
    english_client.force_login(user)
    english_client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    assert english_client.post(SETUP, {"code": _token(device)})["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed


def test_a_citizen_has_no_setup_page(english_client) -> None:  # type: ignore[no-untyped-def]
    english_client.force_login(UserFactory(username="citizen"))
    assert english_client.get(SETUP).status_code == 404
