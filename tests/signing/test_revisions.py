"""Revisions: an edit is a new row; the selector reads the latest."""

import threading

import pytest
from django.db import connection, transaction

from signing import services
from signing.models import DocumentTemplate
from signing.rendering import DocumentTemplateError
from signing.selectors import document_template_current, document_template_get
from signing.services import document_template_create, document_template_revise

pytestmark = pytest.mark.django_db

BODY = '{% extends "documents/base.html" %}{% block title %}THÔNG BÁO{% endblock %}'


def make(**overrides):
    fields = {"code": "notice", "kind": "other", "name": "Thông báo", "body": BODY}
    return document_template_create(**(fields | overrides))


def test_create_is_revision_one(admin_user):
    template = make(user=admin_user)
    assert (template.revision, template.created_by) == (1, admin_user)


def test_create_refuses_an_existing_code():
    make()
    with pytest.raises(ValueError, match="'notice' exists"):
        make()


def test_create_refuses_a_broken_body():
    with pytest.raises(DocumentTemplateError, match="line 1: Unclosed tag"):
        make(body="{% if x %}")
    assert not DocumentTemplate.objects.exists()


def test_revise_saves_a_new_row_and_keeps_the_old_one():
    first = make()
    second = document_template_revise(template=first, body=BODY + "<p>mới</p>")
    first.refresh_from_db()
    assert (second.code, second.revision) == ("notice", 2)
    assert first.body == BODY
    assert document_template_current("notice") == second
    assert document_template_get("notice", 1) == first


def test_revise_without_a_change_saves_nothing():
    first = make()
    assert document_template_revise(template=first, body=BODY, name="Thông báo") == first
    assert DocumentTemplate.objects.count() == 1


def test_revising_an_old_revision_takes_the_next_number():
    first = make()
    document_template_revise(template=first, body=BODY + "<p>2</p>")
    third = document_template_revise(template=first, body=BODY + "<p>3</p>", name="Khác")
    assert (third.revision, third.name) == (3, "Khác")


def test_current_of_an_unknown_code():
    with pytest.raises(DocumentTemplate.DoesNotExist, match="'nothing'"):
        document_template_current("nothing")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_editor_saving_at_the_same_time_gets_the_next_number(monkeypatch):
    first = make()
    monkeypatch.setattr(services, "document_template_check", lambda **kwargs: None)
    saved: list[DocumentTemplate] = []

    def other_editor() -> None:
        try:
            saved.append(document_template_revise(template=first, body=BODY + "<p>B</p>"))
        finally:
            connection.close()

    with transaction.atomic():
        list(DocumentTemplate.objects.select_for_update().filter(code="notice"))
        thread = threading.Thread(target=other_editor)
        thread.start()
        thread.join(0.5)
        assert thread.is_alive(), "the other editor should wait for the lock on the code"
        DocumentTemplate.objects.create(
            code="notice", revision=2, kind="other", name="A", body=BODY + "<p>A</p>"
        )
    thread.join(10)
    assert [template.revision for template in saved] == [3]
