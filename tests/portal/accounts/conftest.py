"""Accounts tests: a fresh cache (the rate limits count in it), English messages, a fast
password hasher, and a frozen clock for the limits (their windows are clock minutes)."""

from collections.abc import Iterator

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_limits_in_english(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-30 09:00:10+07:00", tick=False):
        yield


@pytest.fixture
def english_client(client):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    return client
