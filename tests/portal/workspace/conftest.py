"""A dossier waiting at reception in xã An Bình's centre, its officers, and an officer of
another province who must see none of it."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.workflows.factories import AgencyFactory, DossierAttachmentFactory
from tests.workflows.services.reception_setup import Reception, officer, reception


@pytest.fixture(autouse=True)
def _temporary_storage(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files"), "base_url": None},
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Desk:
    state: Reception
    stranger: Any  # a reception officer of another province
    attachment: Any

    @property
    def dossier(self) -> Any:
        return self.state.dossier

    def task(self, step: str = "reception") -> Any:
        return self.state.task(step)

    def client(self, user: Any) -> Client:
        client = Client(headers={"accept-language": "en"})  # pages in English
        client.force_login(user)
        return client


@pytest.fixture
def desk(db: Any) -> Desk:
    state = reception()
    elsewhere = AgencyFactory(code="000.20.20.H10", name="Trung tâm khác")
    attachment = DossierAttachmentFactory(dossier=state.dossier)
    return Desk(state=state, stranger=officer(elsewhere, "reception"), attachment=attachment)
