"""Every main page, in Vietnamese (the default) as a visitor's browser loads it: under the
weight budget (HTML + CSS + JS) and without serious or critical axe-core violations."""

from collections.abc import Callable
from typing import Any

import pytest

from .conftest import PHONE
from .helpers import WEIGHT_BUDGET, axe_blocking, screenshot, weigh
from .pages import MAIN_PAGES, MainPage, site_data
from .server import Server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def data(server: Server) -> dict[str, str]:
    return site_data(server)


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=[p.name for p in MAIN_PAGES])
def test_main_page_is_light_and_accessible(
    main_page: MainPage, server: Server, data: dict[str, str], new_page: Callable[..., Any]
) -> None:
    page = new_page(english=False, user=main_page.user)

    path = main_page.path.format(**data)
    weight = weigh(page, path)

    assert page.url == server.base_url + path, "the page redirected"
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").count() == 1
    print(f"{main_page.name}: {weight.total} bytes of HTML, CSS and JS")
    assert 0 < weight.total < WEIGHT_BUDGET, f"{main_page.name}: {weight}"
    problems = axe_blocking(page)
    assert not problems, f"axe on {main_page.name} ({path}):\n" + "\n".join(map(str, problems))
    if "desktop" in main_page.screenshots:
        screenshot(page, f"{main_page.name}-desktop")


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=[p.name for p in MAIN_PAGES])
def test_main_page_fits_a_phone(
    main_page: MainPage, server: Server, data: dict[str, str], new_page: Callable[..., Any]
) -> None:
    """390 px wide: nothing wider than the screen (wide tables scroll inside their wrapper)."""
    page = new_page(english=False, viewport=PHONE, user=main_page.user)

    page.goto(main_page.path.format(**data))

    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], (
        f"{main_page.name}: {widths[0]} px wide on a {widths[1]} px screen"
    )
    if "phone" in main_page.screenshots:
        screenshot(page, f"{main_page.name}-phone")
