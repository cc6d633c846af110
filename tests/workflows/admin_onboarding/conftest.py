"""An administrator signed in through the admin's login page, with a client that checks CSRF
like the real site; the texts an administrator types for a new procedure."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.workflows.admin_onboarding.browser import submit
from tests.workflows.factories import UserFactory

WORKFLOW = """\
format: motcua/workflow@1
name: Xác nhận thông tin thử nghiệm
nodes:
- {id: submitted, kind: start, name: Nộp hồ sơ, next: reception}
- id: reception
  kind: user_task
  name: Tiếp nhận hồ sơ
  role: reception
  agency: {from: receiving}
  outcomes: {accept: approval, refuse: refused}
- id: approval
  kind: user_task
  name: Phê duyệt
  role: leader
  agency: {from: receiving}
  status: processing
  outcomes: {approve: done}
- {id: done, kind: end, result: processed}
- {id: refused, kind: end, result: refused}
"""

FORM = """\
format: motcua/form@1
title: Tờ khai đề nghị xác nhận
fields:
- id: owner_name
  type: text
  label: Họ và tên
  required: true
  max_length: 100
  personal: owner.full_name
- id: purpose
  type: select
  label: Mục đích
  required: true
  options:
  - {value: study, label: Học tập}
  - {value: work, label: Làm việc}
"""

DOCUMENTS = """\
- {code: request, name: Đơn đề nghị, originals: 1, copies: 0, required: true}
- {code: identity, name: Căn cước, originals: 0, copies: 1, required: false}
"""


@pytest.fixture(autouse=True)
def _english(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def admin_browser(db) -> Client:  # type: ignore[no-untyped-def]
    """A superuser signed in through the site's sign-in (where /admin/login/ sends them), every
    POST checked for its CSRF token."""
    UserFactory(username="onboarder", is_staff=True, is_superuser=True)
    call_command("install_document_templates", verbosity=0)  # the deploy's setup step
    client = Client(enforce_csrf_checks=True)
    login = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert login.status_code == 302 and login["Location"].startswith(reverse("accounts:login"))
    response = submit(
        client, login["Location"], "login-form", username="onboarder", password="test-password"
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client
