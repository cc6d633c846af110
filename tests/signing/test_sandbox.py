"""A template sees its context and the shipped base templates: no file, no URL, no settings."""

import pytest
from django.conf import settings

from signing.rendering import DocumentTemplateError, document_render_html, document_render_source

from .conftest import extends
from .pdf import text


def refused(body: str, **context: object) -> str:
    with pytest.raises(DocumentTemplateError) as caught:
        document_render_source(body=body, context=context)
    return str(caught.value)


@pytest.mark.parametrize(
    "body",
    [
        '{% include "/etc/passwd" %}',
        '{% extends "/etc/passwd" %}',
        '{% include "file:///etc/passwd" %}',
        '{% include "admin/base.html" %}',
        '{% extends "../../config/settings/security.py" %}',
        '{% include "documents/../../../config/settings/security.py" %}',
    ],
)
def test_no_file_of_the_server_can_be_included(body):
    message = refused(body)
    assert "does not exist" in message or "points outside" in message
    assert "root:" not in message


def test_settings_and_request_are_not_in_the_context():
    html = document_render_html(
        body="[{{ settings.SECRET_KEY }}][{{ request.user }}][{{ user }}][{{ csrf_token }}]",
        context={},
    )
    assert html == "[][][][]"
    assert settings.SECRET_KEY not in html


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{% debug %}", "Invalid block tag on line 1: 'debug'"),
        ('{% url "admin:index" %}', "Invalid block tag on line 1: 'url'"),
        ("{% load static %}", "'static' is not a registered tag library"),
        ("{% load i18n %}", "'i18n' is not a registered tag library"),
        ("{% autoescape off %}{{ name }}{% endautoescape %}", "'autoescape'"),
        ("{{ name|safe }}", "Invalid filter: 'safe'"),
        ("{{ name|pprint }}", "Invalid filter: 'pprint'"),
    ],
)
def test_tags_and_filters_outside_the_sandbox_are_refused(body, expected):
    assert expected in refused(body, name="x")


def test_data_is_always_escaped():
    name = '<img src="/etc/passwd"> Nguyễn & Con'
    html = document_render_html(body="<p>{{ name }}</p>", context={"name": name})
    assert html == "<p>&lt;img src=&quot;/etc/passwd&quot;&gt; Nguyễn &amp; Con</p>"
    pdf = document_render_source(body="<p>{{ name }}</p>", context={"name": name})
    assert name in text(pdf)


def test_load_of_our_own_library_is_allowed():
    html = document_render_html(body="{% load documents %}{{ d|ngay_thang_nam }}", context={})
    assert html == "ngày ..... tháng ..... năm ......"


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="/etc/passwd">',
        '<img src="file:///etc/passwd">',
        '<img src="http://169.254.169.254/latest/meta-data/">',
        '<style>@import url("/etc/passwd");</style>',
        '<link rel="stylesheet" href="/etc/hostname">',
        '<div style="background-image: url(/etc/passwd)">x</div>',
        '<style>@font-face { font-family: X; src: url("/etc/passwd"); }</style>',
    ],
)
def test_markup_cannot_load_files_or_urls(markup):
    message = refused(extends(markup))
    assert message.startswith("a document cannot load files or URLs (asked for: '")
    assert "root:" not in message
