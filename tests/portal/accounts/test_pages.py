"""Every account page renders in the default language with one h1 and its labelled fields."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/complete/",
        "/accounts/password/reset/MQ/bad-token/",
    ],
)
def test_pages_render_in_vietnamese(client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in page and page.count("<h1>") == 1
    for field in ("id_username", "id_email", "id_full_name"):
        if f'id="{field}"' in page:
            assert f'<label for="{field}">' in page
