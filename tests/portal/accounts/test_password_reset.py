"""Password reset by e-mail: the same answer for any address, a link that works once, Django's
validators on the new password, a limit per client address."""

import re

import pytest
from django.core import mail

from tests.workflows.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/password/reset/"


def test_a_known_address_gets_a_link_that_works_once(english_client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(username="lan", email="lan@example.vn")
    response = english_client.post(URL, {"email": "lan@example.vn"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[-1].body)
    assert link
    form_url = english_client.get(link.group(1))["Location"]  # Django hides the token
    weak = english_client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    page = weak.content.decode()
    assert 'id="id_new_password2_error"' in page or 'id="id_new_password1_error"' in page
    done = english_client.post(
        form_url, {"new_password1": "gió-mùa-đông-7", "new_password2": "gió-mùa-đông-7"}
    )
    assert done["Location"] == "/accounts/password/reset/complete/"
    user.refresh_from_db()
    assert user.check_password("gió-mùa-đông-7")
    again = english_client.get(link.group(1), follow=True).content.decode()
    assert "not valid any more" in again


def test_an_unknown_address_reads_the_same_and_sends_nothing(english_client) -> None:  # type: ignore[no-untyped-def]
    response = english_client.post(URL, {"email": "nobody@example.vn"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_a_malformed_address_is_a_field_error(english_client) -> None:  # type: ignore[no-untyped-def]
    page = english_client.post(URL, {"email": "nope"}).content.decode()
    assert 'id="id_email_error"' in page and 'aria-invalid="true"' in page


def test_resets_are_limited_per_address(english_client, frozen) -> None:  # type: ignore[no-untyped-def]
    for number in range(10):
        assert english_client.post(URL, {"email": f"x{number}@example.vn"}).status_code == 302
    response = english_client.post(URL, {"email": "y@example.vn"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
