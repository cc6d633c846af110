"""Sign-in with a password, `next`, sign-out, and the limits per username and per address."""

import pytest
from django.contrib.auth import SESSION_KEY

from tests.workflows.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/login/"
WRONG = "The username or password is not right."


def _post(client, username: str, password: str = "test-password", **extra):  # type: ignore[no-untyped-def]  # noqa: S107
    return client.post(URL, {"username": username, "password": password, **extra})


def test_the_page_has_labelled_fields_and_links(english_client) -> None:  # type: ignore[no-untyped-def]
    page = english_client.get(URL).content.decode()
    assert '<label for="id_username">' in page and '<label for="id_password">' in page
    assert "/accounts/signup/" in page and "/accounts/password/reset/" in page
    assert "/accounts/oidc/start/" not in page  # no provider configured


def test_right_password_signs_in_and_goes_to_a_same_site_next(english_client) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="an")
    response = _post(english_client, "an", next="/my/")
    assert response.status_code == 302 and response["Location"] == "/my/"
    assert english_client.session[SESSION_KEY]


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"]
)
def test_next_off_site_is_ignored(english_client, target: str) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="an")
    response = _post(english_client, "an", next=target)
    assert response["Location"] == "/"


def test_sign_in_by_e_mail_address(english_client) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="bich", email="Bich@Example.vn")
    assert _post(english_client, "bich@example.vn").status_code == 302


@pytest.mark.parametrize("username", ["an", "nobody"])
def test_wrong_password_and_unknown_user_read_the_same(english_client, username: str) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="an")
    response = _post(english_client, username, "wrong-password")
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert SESSION_KEY not in english_client.session


def test_empty_fields_are_errors_next_to_the_fields(english_client) -> None:  # type: ignore[no-untyped-def]
    page = english_client.post(URL, {"username": "", "password": ""}).content.decode()
    assert 'id="id_username_error"' in page and 'id="id_password_error"' in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_username_error"' in page
    assert 'href="#id_username"' in page  # the summary links to the field


def test_an_inactive_account_cannot_sign_in(english_client) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="off", is_active=False)
    assert WRONG in _post(english_client, "off").content.decode()


def test_five_attempts_per_username_a_minute_then_429(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="an")
    for _ in range(5):
        assert _post(english_client, "an", "wrong").status_code == 200
    response = _post(english_client, "AN")  # the right password, other case: still limited
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many attempts" in response.content.decode()
    assert SESSION_KEY not in english_client.session


def test_the_username_limit_reads_the_same_for_an_unknown_name(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        _post(english_client, "nobody", "wrong")
    assert _post(english_client, "nobody", "wrong").status_code == 429


def test_twenty_attempts_per_address_a_minute(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    for number in range(20):
        assert _post(english_client, f"user-{number}", "wrong").status_code == 200
    assert _post(english_client, "another", "wrong").status_code == 429


def test_the_address_behind_the_proxy_is_the_forwarded_one(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    for number in range(20):
        english_client.post(
            URL, {"username": f"u{number}", "password": "x"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
    other = english_client.post(
        URL, {"username": "v", "password": "x"}, HTTP_X_FORWARDED_FOR="203.0.113.10"
    )
    assert other.status_code == 200


def test_sign_out_is_post_only(english_client) -> None:  # type: ignore[no-untyped-def]
    english_client.force_login(UserFactory(username="an"))
    assert english_client.get("/accounts/logout/").status_code == 405
    response = english_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in english_client.session


def test_a_signed_in_user_is_sent_on(english_client) -> None:  # type: ignore[no-untyped-def]
    english_client.force_login(UserFactory(username="an"))
    assert english_client.get(URL + "?next=/my/")["Location"] == "/my/"


def test_no_personal_data_in_the_logs(english_client, caplog) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="tran.thi.b@example.vn", email="tran.thi.b@example.vn")
    with caplog.at_level("DEBUG"):
        for _ in range(7):
            _post(english_client, "tran.thi.b@example.vn", "wrong-secret")
    assert "tran.thi.b" not in caplog.text
    assert "wrong-secret" not in caplog.text


def test_successful_sign_ins_do_not_count(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    UserFactory(username="an")
    for _ in range(7):
        assert _post(english_client, "an").status_code == 302
        english_client.post("/accounts/logout/")
