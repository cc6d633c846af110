"""Sign-up: each form error, the code by e-mail, its attempts and expiry, the limit, and an
address that already has an account (nothing revealed)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.utils import timezone

from portal.accounts.models import EmailCode, Profile
from tests.workflows.factories import UserFactory

pytestmark = pytest.mark.django_db
URL, CONFIRM = "/accounts/signup/", "/accounts/signup/confirm/"
GOOD = {
    "full_name": "  Nguyễn   Thị Hoa ",
    "email": "Hoa.Nguyen@Example.vn",
    "phone": "0912 345 678",
    "password1": "mây-trắng-bay-2026",
    "password2": "mây-trắng-bay-2026",
}


def _code() -> str:
    found = re.search(r"\b(\d{6})\b", mail.outbox[-1].body)
    assert found
    return found.group(1)


def _sign_up(client, **changes):  # type: ignore[no-untyped-def]
    return client.post(URL, {**GOOD, **changes})


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"phone": "12345"}, "phone", "Enter a Vietnamese phone number"),
        ({"password2": "something-else-2026"}, "password2", "The two passwords differ."),
        ({"password1": "password", "password2": "password"}, "password1", "too common"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", "entirely numeric"),
        (
            {"password1": "hoa.nguyen@example", "password2": "hoa.nguyen@example"},
            "password1",
            "too similar",
        ),
    ],
)
def test_form_errors_are_shown_at_their_field(english_client, changes, field, message) -> None:  # type: ignore[no-untyped-def]
    response = _sign_up(english_client, **changes)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page and message in page
    assert 'class="error-summary"' in page
    assert not get_user_model().objects.filter(email__iexact=GOOD["email"]).exists()


def test_sign_up_makes_an_inactive_account_and_mails_a_code(english_client) -> None:  # type: ignore[no-untyped-def]
    response = _sign_up(english_client)
    assert response.status_code == 302 and response["Location"] == CONFIRM
    user = get_user_model().objects.get(username="hoa.nguyen@example.vn")
    assert not user.is_active and user.first_name == "Nguyễn Thị Hoa"
    assert Profile.objects.get(user=user).phone == "0912345678"
    assert mail.outbox[-1].to == ["hoa.nguyen@example.vn"]
    code = _code()
    row = EmailCode.objects.get(user=user)
    assert code not in row.code_hash and len(row.code_hash) == 64


def test_the_right_code_activates_and_signs_in(english_client) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    response = english_client.post(CONFIRM, {"code": _code()})
    assert response.status_code == 302
    user = get_user_model().objects.get(username="hoa.nguyen@example.vn")
    assert user.is_active
    assert Profile.objects.get(user=user).email_confirmed_at is not None
    assert int(english_client.session[SESSION_KEY]) == user.pk
    assert english_client.post("/accounts/logout/").status_code == 302
    signed_in = english_client.post(
        "/accounts/login/", {"username": "hoa.nguyen@example.vn", "password": GOOD["password1"]}
    )
    assert signed_in.status_code == 302


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


@pytest.mark.parametrize("typed", ["12345", "abcdef"])
def test_a_malformed_code_is_a_field_error(english_client, typed: str) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    page = english_client.post(CONFIRM, {"code": typed}).content.decode()
    assert 'id="id_code_error"' in page


def test_five_wrong_codes_then_a_new_code_is_needed(english_client) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    code = _code()
    for _ in range(4):
        assert (
            "The code is not right."
            in english_client.post(CONFIRM, {"code": _wrong(code)}).content.decode()
        )
    assert (
        "ask for a new one" in english_client.post(CONFIRM, {"code": _wrong(code)}).content.decode()
    )
    assert "ask for a new one" in english_client.post(CONFIRM, {"code": code}).content.decode()
    english_client.post("/accounts/signup/resend/")
    assert english_client.post(CONFIRM, {"code": _code()}).status_code == 302


def test_a_new_code_ends_the_old_one(english_client) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    old = _code()
    english_client.post("/accounts/signup/resend/")
    new = _code()
    if old != new:
        page = english_client.post(CONFIRM, {"code": old}).content.decode()
        assert "not right" in page or "new one" in page
    assert english_client.post(CONFIRM, {"code": new}).status_code == 302


def test_an_expired_code_is_refused(english_client) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    code = _code()
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        page = english_client.post(CONFIRM, {"code": code}).content.decode()
    assert "ask for a new one" in page


def test_an_address_with_an_account_reveals_nothing(english_client) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="hoa", email="hoa.nguyen@example.vn")
    response = _sign_up(english_client)
    assert response.status_code == 302 and response["Location"] == CONFIRM
    assert get_user_model().objects.filter(email__iexact="hoa.nguyen@example.vn").count() == 1
    assert "already has one" in mail.outbox[-1].body
    assert not re.search(r"\b\d{6}\b", mail.outbox[-1].body)
    for _ in range(4):
        page = english_client.post(CONFIRM, {"code": "123456"}).content.decode()
        assert "The code is not right." in page
    assert "ask for a new one" in english_client.post(CONFIRM, {"code": "123456"}).content.decode()


def test_signing_up_again_before_confirming_replaces_the_details(english_client) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    _sign_up(
        english_client, full_name="Nguyễn Hoa", password1="sông-xanh-9!", password2="sông-xanh-9!"
    )
    user = get_user_model().objects.get(username="hoa.nguyen@example.vn")
    assert user.first_name == "Nguyễn Hoa" and user.check_password("sông-xanh-9!")
    assert english_client.post(CONFIRM, {"code": _code()}).status_code == 302


def test_an_unconfirmed_account_signing_in_is_sent_to_its_code(english_client) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    english_client.cookies.clear()
    sent = len(mail.outbox)
    response = english_client.post(
        "/accounts/login/", {"username": "hoa.nguyen@example.vn", "password": GOOD["password1"]}
    )
    assert response["Location"] == CONFIRM and len(mail.outbox) == sent + 1
    assert english_client.post(CONFIRM, {"code": _code()}).status_code == 302


def test_confirm_without_a_sign_up_goes_to_the_form(english_client) -> None:  # type: ignore[no-untyped-def]
    assert english_client.get(CONFIRM)["Location"] == URL


def test_debug_tells_where_the_mail_is(english_client, settings) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert "printed in the console" in english_client.get(CONFIRM).content.decode()
    settings.DEBUG = False
    assert "printed in the console" not in english_client.get(CONFIRM).content.decode()


def test_sign_up_is_limited_per_address(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    for number in range(10):
        assert _sign_up(english_client, email=f"a{number}@example.vn").status_code == 302
    response = _sign_up(english_client, email="late@example.vn")
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()
    assert not get_user_model().objects.filter(email="late@example.vn").exists()


def test_code_attempts_are_limited_per_address(english_client, frozen, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_CODE_RATE_IP = "3/m"
    _sign_up(english_client)
    for _ in range(3):
        english_client.post(CONFIRM, {"code": "000000"})
    assert english_client.post(CONFIRM, {"code": _code()}).status_code == 429


def test_resend_is_post_only_and_limited(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    _sign_up(english_client)
    assert english_client.get("/accounts/signup/resend/").status_code == 405
    for _ in range(5):
        assert english_client.post("/accounts/signup/resend/").status_code == 302
    assert english_client.post("/accounts/signup/resend/").status_code == 429


def test_no_personal_data_in_the_logs(english_client, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level("DEBUG"):
        _sign_up(english_client)
        english_client.post(CONFIRM, {"code": _code()})
    assert "hoa.nguyen" not in caplog.text.lower() and "Hoa" not in caplog.text
    assert "0912" not in caplog.text
