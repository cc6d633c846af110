"""A published procedure with a form and three documents (two required), a centre with a
reception officer, and a signed-in citizen; files in a temporary storage."""

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from tests.workflows.services.submission_setup import Desk, desk


@pytest.fixture(autouse=True)
def _temporary_storage(settings: Any, tmp_path: Any) -> Any:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files"), "base_url": None},
        },
    }
    settings.AUTHENTICATION_BACKENDS = [  # the password and membership backends only
        "django.contrib.auth.backends.ModelBackend",
        "workflows.auth.MembershipBackend",
    ]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def office(db: Any) -> Desk:
    return desk()


@pytest.fixture
def child_office(db: Any) -> Desk:
    return desk(privacy={"children": True, "version": "2026-01", "notice": "Thông báo."})


@pytest.fixture
def citizen(office: Desk) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(office.citizen)
    return client


def url(office: Desk) -> str:
    return f"/apply/{office.version.pk}/{office.case.code}/"
