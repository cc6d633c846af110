"""Fixtures of the browser tests: one real server and one headless Chromium for the package.

Both are package-scoped: they stop when the last browser test is done, so Playwright's event
loop (it runs in the test process's main thread while Playwright is started) is gone before
the rest of the suite uses Django's ORM. The browser tests themselves never touch the test
process's database: they see the server's data through its pages (or ``Server.shell``).
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import chromium_path

from .helpers import sign_in
from .server import Server

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The server, on PostgreSQL when the tests run on it (a database of its own), else SQLite."""
    database_url = os.environ.get("DATABASE_URL", "")
    running = Server(var_dir=tmp_path_factory.mktemp("browser-server"), database_url=database_url)
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="package")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    assert path, "the browser marker skips these tests without chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="package")
def signed_in() -> dict[str, Any]:
    """Each demo account's browser storage once signed in (its session cookie), by username."""
    return {}


@pytest.fixture
def new_page(
    chromium: Any, server: Server, signed_in: dict[str, Any]
) -> Iterator[Callable[..., Any]]:
    """Open a page in a fresh browser context: ``new_page(english=True, viewport=None,
    user="")``; with ``user``, signed in as that demo account (through the sign-in page the
    first time, then with the same session)."""
    contexts: list[Any] = []

    def open_page(
        *, english: bool = True, viewport: dict[str, int] | None = None, user: str = ""
    ) -> Any:
        if user and user not in signed_in:
            page = open_page()
            sign_in(page, user)
            state = page.context.storage_state()
            state["cookies"] = [c for c in state["cookies"] if c["name"] != "django_language"]
            signed_in[user] = state
        context = chromium.new_context(
            base_url=server.base_url,
            viewport=viewport or DESKTOP,
            locale="en-GB" if english else "vi-VN",
            storage_state=signed_in.get(user) if user else None,
        )
        if english:
            context.add_cookies(
                [{"name": "django_language", "value": "en", "url": server.base_url}]
            )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def upload_files(tmp_path: Path) -> dict[str, Path]:
    """Small attachments to upload: a PDF and a PNG."""
    from tests.workflows.factories import PDF_BYTES, PNG_BYTES

    pdf = tmp_path / "don-de-nghi.pdf"
    pdf.write_bytes(PDF_BYTES)
    png = tmp_path / "can-cuoc.png"
    png.write_bytes(PNG_BYTES)
    return {"pdf": pdf, "png": png}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A failed browser test shows the end of the server's log beside its traceback."""
    report = yield
    running = getattr(item, "funcargs", {}).get("server")
    if report.failed and isinstance(running, Server):
        report.sections.append(("server log (last lines)", running.log_tail()))
    return report
