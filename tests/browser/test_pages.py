"""Every main page, in Vietnamese (the default) as a visitor's browser loads it: under the
weight budget (HTML + CSS + JS) and without serious or critical axe-core violations."""

from collections.abc import Callable
from typing import Any

import pytest

from .helpers import WEIGHT_BUDGET, axe_blocking, sign_in, weigh
from .pages import MAIN_PAGES, MainPage
from .server import Server

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=[p.name for p in MAIN_PAGES])
def test_main_page_is_light_and_accessible(
    main_page: MainPage, server: Server, new_page: Callable[..., Any]
) -> None:
    page = new_page(english=False)
    if main_page.user:
        sign_in(page, main_page.user)

    weight = weigh(page, main_page.path(server))

    assert page.url.startswith(server.base_url)
    assert weight.total > 0
    assert weight.total < WEIGHT_BUDGET, f"{main_page.name}: {weight}"
    assert page.locator("html").get_attribute("lang") == "vi"
    problems = axe_blocking(page)
    assert not problems, f"axe on {main_page.name} ({page.url}):\n" + "\n".join(problems)
