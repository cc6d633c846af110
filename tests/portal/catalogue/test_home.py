"""The home page (the catalogue, moved from core): server-rendered, translated, with a working
language switcher."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_home_page_renders_the_catalogue_and_its_links(client: Client) -> None:
    response = client.get(reverse("home"), headers={"accept-language": "en"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta charset="utf-8">' in html
    assert 'name="viewport"' in html
    assert "<h1>Public services</h1>" in html
    assert 'role="search"' in html
    assert f'href="{reverse("admin:index")}"' in html
    assert f'href="{reverse("healthz")}"' in html
    assert 'href="/track/"' in html


def test_home_page_loads_no_external_asset(client: Client) -> None:
    html = client.get("/").content.decode()

    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "<script" not in html


def test_lang_attribute_follows_the_active_language(client: Client) -> None:
    assert '<html lang="vi">' in client.get("/").content.decode()
    english = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="en">' in english.content.decode()


def test_language_switcher_posts_to_set_language_with_csrf() -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/")
    html = page.content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    assert 'name="language" value="vi"' in html
    assert 'name="language" value="en"' in html

    refused = Client(enforce_csrf_checks=True).post(
        reverse("set_language"), {"language": "en", "next": "/"}
    )
    assert refused.status_code == 403

    switched = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token.group(1)},
    )
    assert switched.status_code == 302
    assert switched["Location"] == "/"
    after = client.get("/").content.decode()
    assert '<html lang="en">' in after
    assert re.search(r'value="en"[^>]*aria-pressed="true"', after)
    assert re.search(r'value="vi"[^>]*aria-pressed="false"', after)


def test_home_page_answers_get_only(client: Client) -> None:
    assert client.post("/").status_code == 405


def _vi(msgid: str) -> str:
    with translation.override("vi"):
        text = translation.gettext(msgid)
    assert text != msgid
    return text


@pytest.mark.parametrize("headers", [{"accept-language": "vi"}, {}], ids=["vi", "no-header"])
def test_home_page_is_vietnamese_by_default(client: Client, headers: dict[str, str]) -> None:
    html = client.get("/", headers=headers).content.decode()

    assert '<html lang="vi"' in html
    assert escape(_vi("One-stop-shop public services")) in html
    assert escape(_vi("Administration")) in html
    assert "One-stop-shop public services" not in html


def test_home_page_is_english_on_request(client: Client) -> None:
    html = client.get("/", headers={"accept-language": "en"}).content.decode()

    assert '<html lang="en"' in html
    assert "One-stop-shop public services" in html
    assert "Search procedures" in html
    assert escape(_vi("One-stop-shop public services")) not in html
