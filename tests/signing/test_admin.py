"""The admin: edits save new revisions; PDF previews for staff who may view templates."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from signing.models import DocumentTemplate
from signing.services import document_template_create

from .pdf import text

pytestmark = pytest.mark.django_db

BODY = '{% extends "documents/base.html" %}{% block title %}THÔNG BÁO{% endblock %}'
ADD_URL = reverse("admin:signing_documenttemplate_add")
DRAFT_URL = reverse("admin:signing_documenttemplate_preview_draft")


@pytest.fixture
def template():
    return document_template_create(code="notice", kind="other", name="Thông báo", body=BODY)


def change_url(template: DocumentTemplate) -> str:
    return reverse("admin:signing_documenttemplate_change", args=[template.pk])


def preview_url(template: DocumentTemplate) -> str:
    return reverse("admin:signing_documenttemplate_preview", args=[template.pk])


def post_change(client, template, **fields):
    data = {"kind": template.kind, "name": template.name, "body": template.body, "_save": "1"}
    return client.post(change_url(template), data | fields)


def test_changing_the_body_saves_a_new_revision(admin_client, admin_user, template):
    response = post_change(admin_client, template, body=BODY + "<p>Nội dung mới</p>")
    assert response.status_code == 302
    rows = list(DocumentTemplate.objects.filter(code="notice").order_by("revision"))
    assert [row.revision for row in rows] == [1, 2]
    assert rows[0].body == BODY
    assert rows[1].body == BODY + "<p>Nội dung mới</p>"
    assert rows[1].created_by == admin_user


def test_saving_without_a_change_saves_nothing(admin_client, template):
    assert post_change(admin_client, template).status_code == 302
    assert DocumentTemplate.objects.filter(code="notice").count() == 1


def test_continue_editing_opens_the_new_revision(admin_client, template):
    response = post_change(admin_client, template, name="Thông báo mới", _continue="1")
    new = DocumentTemplate.objects.get(code="notice", revision=2)
    assert response["Location"] == change_url(new)
    assert DocumentTemplate.objects.get(pk=template.pk).name == "Thông báo"


def test_code_and_revision_cannot_be_edited(admin_client, template):
    post_change(admin_client, template, code="other", revision="9", body=BODY + "<p>x</p>")
    assert sorted(DocumentTemplate.objects.values_list("code", "revision")) == [
        ("notice", 1),
        ("notice", 2),
    ]


def test_a_broken_body_is_a_form_error_with_its_line(admin_client, template):
    response = post_change(admin_client, template, body=BODY + "\n{% if %}")
    assert response.status_code == 200
    assert "line 2: Unexpected end of expression in if tag." in response.content.decode()
    assert DocumentTemplate.objects.count() == 1


def test_add_is_revision_one_and_refuses_an_existing_code(admin_client, template):
    data = {"code": "letter", "kind": "other", "name": "Thư", "body": BODY, "_save": "1"}
    assert admin_client.post(ADD_URL, data).status_code == 302
    assert DocumentTemplate.objects.get(code="letter").revision == 1
    response = admin_client.post(
        ADD_URL, data | {"code": "notice"}, headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    assert "A template with this code exists" in response.content.decode()


def test_preview_is_a_pdf_with_sample_data(admin_client, template):
    response = admin_client.get(preview_url(template))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="notice-r1.pdf"'
    assert "THÔNG BÁO" in text(response.content)
    assert "ỦY BAN NHÂN DÂN XÃ AN BÌNH" in text(response.content)


def test_change_page_links_the_previews(admin_client, template):
    page = admin_client.get(change_url(template)).content.decode()
    assert preview_url(template) in page
    assert DRAFT_URL in page


def test_draft_preview_renders_the_posted_body(admin_client):
    draft = BODY + "{% block body %}<p>Bản nháp</p>{% endblock %}"
    response = admin_client.post(DRAFT_URL, {"body": draft})
    assert response.status_code == 200
    assert "Bản nháp" in text(response.content)


def test_draft_preview_of_a_broken_body_says_why(admin_client):
    response = admin_client.post(DRAFT_URL, {"body": "\n{% endif %}"})
    assert response.status_code == 400
    assert "line 2: Invalid block tag on line 2: 'endif'" in response.content.decode()


def test_draft_preview_needs_post(admin_client):
    assert admin_client.get(DRAFT_URL).status_code == 405


def test_preview_needs_a_staff_login(client, django_user_model, template):
    assert client.get(preview_url(template)).status_code == 302
    user = django_user_model.objects.create_user("citizen", password="x")
    user.user_permissions.add(Permission.objects.get(codename="view_documenttemplate"))
    client.force_login(user)
    response = client.get(preview_url(template))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.post(DRAFT_URL, {"body": BODY}).status_code == 302


def test_preview_needs_the_view_permission(client, django_user_model, template):
    officer = django_user_model.objects.create_user("officer", password="x", is_staff=True)
    client.force_login(officer)
    assert client.get(preview_url(template)).status_code == 403
    assert client.post(DRAFT_URL, {"body": BODY}).status_code == 403
    officer.user_permissions.add(Permission.objects.get(codename="view_documenttemplate"))
    officer = django_user_model.objects.get(pk=officer.pk)  # fresh permission cache
    client.force_login(officer)
    assert client.get(preview_url(template)).status_code == 200
    assert client.post(DRAFT_URL, {"body": BODY}).status_code == 403  # drafting is editing


def test_unknown_template_preview_is_404(admin_client):
    response = admin_client.get(reverse("admin:signing_documenttemplate_preview", args=[999]))
    assert response.status_code == 404


def test_changelist_links_each_revision_preview(admin_client, template):
    response = admin_client.get(reverse("admin:signing_documenttemplate_changelist"))
    assert response.status_code == 200
    assert f'href="{preview_url(template)}"' in response.content.decode()
