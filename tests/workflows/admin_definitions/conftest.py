"""Helpers for the definition admin tests: English pages, staff users with given permissions,
and the change form's POST data."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests.workflows.factories import UserFactory
from workflows.models import ProcedureVersion

VALID_YAML = """\
format: motcua/workflow@1
name: Thử nghiệm
nodes:
- {id: submitted, kind: start, next: reception}
- id: reception
  kind: user_task
  name: Tiếp nhận
  role: reception
  agency: {from: receiving}
  outcomes: {accept: done, refuse: refused}
- {id: done, kind: end, result: processed}
- {id: refused, kind: end, result: refused}
"""


@pytest.fixture(autouse=True)
def _english(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "en"


def change_url(version: ProcedureVersion) -> str:
    return reverse("admin:workflows_procedureversion_change", args=[version.pk])


def form_data(version: ProcedureVersion, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "note": version.note,
        "definition": "",
        "form_schema": json.dumps(version.form_schema),
        "retention_years": version.retention_years,
        "_continue": "1",
    }
    for prefix in ("cases", "template_links"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | overrides


@pytest.fixture
def staff_client() -> Callable[..., Client]:
    """A logged-in staff client holding exactly the given workflows permissions."""

    def make(*codenames: str) -> Client:
        user = UserFactory(is_staff=True)
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="workflows", codename__in=codenames)
        )
        client = Client()
        client.force_login(user)
        return client

    return make
