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
