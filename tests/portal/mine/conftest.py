"""A dossier at reception whose applicant is a signed-in citizen, another citizen, and files
in a temporary storage."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from tests.workflows.factories import UserFactory
from tests.workflows.services.reception_setup import Reception, reception

SCHEMA: dict[str, Any] = {
    "format": "motcua/form@1",
    "fields": [
        {
            "id": "owner_name",
            "type": "text",
            "label": "Họ và tên",
            "required": True,
            "personal": "owner.full_name",
        },
        {"id": "school", "type": "text", "label": "Trường", "required": True},
        {"id": "graduation_year", "type": "integer", "label": "Năm tốt nghiệp", "min": 1950},
    ],
}


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


@dataclass
class Mine:
    state: Reception
    citizen: Any
    stranger: Any

    @property
    def dossier(self) -> Any:
        return self.state.dossier

    @property
    def url(self) -> str:
        return f"/my/dossiers/{self.dossier.code}/"

    def client(self, user: Any = None) -> Client:
        client = Client(headers={"accept-language": "en"})
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def mine(db: Any) -> Mine:
    state = reception(form_schema=SCHEMA)
    citizen: Any = UserFactory()
    state.dossier.applicant = citizen
    state.dossier.data = {"school": "THCS Lê Lợi", "graduation_year": 2010}
    state.dossier.save(update_fields=["applicant", "data"])
    return Mine(state=state, citizen=citizen, stranger=UserFactory())
