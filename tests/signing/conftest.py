from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from signing.rendering import sample_context

QR_URL = "https://dichvucong.example.vn/tra-cuu/000.00.20.H56-260217-0001"
# 17:30 UTC on 16 February is half past midnight on 17 February in Hanoi.
EVENING_UTC = datetime(2026, 2, 16, 17, 30, tzinfo=UTC)


def extends(body: str) -> str:
    """A stored template's body: the base layout with ``body`` as its body block."""
    return '{% extends "documents/base.html" %}{% block body %}' + body + "{% endblock %}"


@pytest.fixture
def context() -> dict[str, Any]:
    """The sample data as made at EVENING_UTC: received 17/02/2026 09:15, due 18/02 10:00."""
    with time_machine.travel(EVENING_UTC, tick=False):
        return sample_context()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """The admin tests log users in; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def dev_ca(settings, tmp_path):  # type: ignore[no-untyped-def]
    """The development CA on (its TSA stamps, its root is trusted) in a temporary directory."""
    from signing.devca import dev_ca_create

    settings.MOTCUA_SIGNING_DIR = str(tmp_path / "signing")
    settings.MOTCUA_SIGNING_DEV = True
    settings.MOTCUA_SIGNING_TSA_URL = ""
    settings.MOTCUA_SIGNING_TRUST_ROOTS = []
    settings.MOTCUA_SIGNING_LT = False
    ca, _created = dev_ca_create()
    return ca


@pytest.fixture
def make_profile(dev_ca, tmp_path):  # type: ignore[no-untyped-def]
    """A pkcs12 SignerProfile on a certificate from the development root."""
    from signing.models import SignerProfile
    from tests.signing.pki import leader_issue, pkcs12_file

    def make(name: str = "leader", kind: str = "personal", issued=None, **fields):  # type: ignore[no-untyped-def]
        issued = issued or leader_issue(dev_ca.root)
        path, passphrase = pkcs12_file(tmp_path, issued, [dev_ca.root.cert], name)
        fields.setdefault("agency_code", "000.00.20.H99")
        return SignerProfile.objects.create(
            name=issued.cert.subject.rfc4514_string(),
            kind=kind,
            backend="pkcs12",
            config={"path": path, "passphrase": passphrase},
            **fields,
        )

    return make
