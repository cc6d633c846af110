"""Test setup shared by the whole suite.

Tests that need a server are marked ``postgres`` or ``redis``. On the embedded
default (no DATABASE_URL / REDIS_URL) they are skipped; under CI=true they fail,
so a CI run that lost its services cannot pass by skipping. Browser tests (marked
``browser``, tests/browser/) need Debian's ``chromium`` the same way.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI", "").lower() == "true"


def _redis_available() -> bool:
    url = settings.REDIS_URL
    if not url:
        return False
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


def chromium_path() -> str | None:
    """Debian's chromium (or MOTCUA_CHROMIUM), driven by Playwright: no browser download."""
    path = os.environ.get("MOTCUA_CHROMIUM") or shutil.which("chromium")
    return path if path and os.access(path, os.X_OK) else None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: needs Chromium (skipped without it, fails under CI=true)"
    )


def _missing(item: pytest.Item) -> str | None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        return "needs PostgreSQL (set DATABASE_URL=postgres://...)"
    if item.get_closest_marker("redis") and not _redis_available():
        return "needs Redis (set REDIS_URL=redis://...)"
    if item.get_closest_marker("browser") and not chromium_path():
        return "needs Chromium (apt-get install chromium, or set MOTCUA_CHROMIUM)"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    reason = _missing(item)
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true and this test {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_flow_classes():  # type: ignore[no-untyped-def]
    """Every test builds its own flow classes: a test's rollback gives the primary keys back
    (PostgreSQL sequences aside), so version 1 of the next test is another version, and the
    class built for this one (kept by workflows.engine.flows and viewflow's caches) must go."""
    yield
    from viewflow.workflow import fields

    from workflows.engine import flows

    flows._built.clear()
    for cached in (
        fields.import_flow_by_ref,
        fields.get_flow_ref,
        fields.import_task_by_ref,
        fields.get_task_ref,
    ):
        cached.cache_clear()


@pytest.fixture(autouse=True)
def _background_manual(settings):  # type: ignore[no-untyped-def]
    """No background work happens by itself in tests: they call outbox.drain()."""
    settings.MOTCUA_BACKGROUND = "manual"
