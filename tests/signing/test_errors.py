"""A template that cannot be rendered says what is wrong and on which line."""

import pytest

from signing.models import DocumentTemplate
from signing.rendering import DocumentTemplateError, document_render, document_render_html

from .conftest import extends


def error_of(body: str, **context: object) -> DocumentTemplateError:
    with pytest.raises(DocumentTemplateError) as caught:
        document_render_html(body=body, context=context)
    return caught.value


def test_unclosed_tag_names_its_line():
    error = error_of("<p>a</p>\n{% if applicant %}\n<p>b</p>")
    assert error.line == 2
    assert str(error).startswith("line 2: Unclosed tag on line 2: 'if'")


def test_unknown_tag_and_filter():
    assert error_of("\n\n{% signature %}").line == 3
    assert "Invalid block tag on line 3: 'signature'" in str(error_of("\n\n{% signature %}"))
    error = error_of("<p>\n{{ dossier.code|barcode }}</p>")
    assert (error.line, error.message) == (2, "Invalid filter: 'barcode'")


def test_missing_base_template_lists_the_shipped_ones():
    error = error_of('{% extends "documents/letter.html" %}')
    assert error.line == 1
    assert error.message == (
        "template 'documents/letter.html' does not exist; a document can only extend or "
        "include the shipped templates (documents/base.html)"
    )


def test_error_inside_a_block_of_an_extending_template():
    error = error_of(extends("<p>a</p>\n<p>{% if %}{% endif %}</p>"))
    assert error.line == 2
    assert "Unexpected end of expression in if tag" in error.message


def test_error_while_rendering_names_its_line():
    error = error_of("<p>Ngày hẹn:</p>\n<p>{{ due|ngay_thang_nam }}</p>", due="2026-13-45")
    assert error.line == 2
    assert error.message == "month must be in 1..12"


def test_stored_template_errors_name_the_code_and_revision():
    template = DocumentTemplate(code="form-09", revision=3, body="\n{% endif %}")
    with pytest.raises(DocumentTemplateError) as caught:
        document_render(template=template, context={})
    assert caught.value.template_name == "form-09 r3"
    assert str(caught.value).startswith("form-09 r3, line 2: Invalid block tag on line 2")


def test_context_must_be_plain_data():
    class Dossier:
        code = "X"

    with pytest.raises(DocumentTemplateError, match=r"context.dossier\[0\] is a Dossier"):
        document_render_html(body="{{ dossier }}", context={"dossier": [Dossier()]})
    with pytest.raises(DocumentTemplateError, match="has a key that is not a string: 1"):
        document_render_html(body="", context={"data": {1: "a"}})


def test_a_missing_filter_argument_does_not_quote_the_context():
    error = error_of("\n{{ a|default:missing.key }}", applicant={"name": "Nguyễn Văn An"})
    assert error.line == 2
    assert error.message == "'missing' is not in the context (a filter's argument must be)"
    assert "Nguyễn" not in str(error)
