"""What the browser tests do on a page: sign in, weigh it, check it with axe-core."""

from dataclasses import dataclass, field
from typing import Any

from .server import DEMO_PASSWORD

# The budget for one page: its HTML, CSS and JavaScript together.
WEIGHT_BUDGET = 200 * 1024
WEIGHED_TYPES = {"document", "stylesheet", "script"}
BLOCKING_IMPACTS = {"serious", "critical"}


def sign_in(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the site's own sign-in page, as a person would."""
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in: {page.url}"


@dataclass
class Weight:
    """Bytes of the HTML, CSS and JS a page loaded (decoded, as the browser got them)."""

    resources: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.resources.values())

    def __str__(self) -> str:
        rows = ", ".join(f"{url} {size} B" for url, size in self.resources.items())
        return f"{self.total} B ({rows})"


def weigh(page: Any, path: str) -> Weight:
    """Load ``path`` in ``page`` and count the HTML, CSS and JS the browser loaded for it."""
    weight = Weight()
    responses: list[Any] = []

    def listener(response: Any) -> None:
        responses.append(response)

    page.on("response", listener)
    try:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("response", listener)
    for response in responses:
        if response.request.resource_type in WEIGHED_TYPES and response.status < 300:
            weight.resources[response.url] = len(response.body())
    return weight


def axe_blocking(page: Any) -> list[str]:
    """axe-core on the page as it is: the serious and critical violations, readable."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = [str(node["target"]) for node in violation["nodes"]][:5]
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            )
    return found


def assert_accessible(page: Any) -> None:
    problems = axe_blocking(page)
    assert not problems, f"axe on {page.url}:\n" + "\n".join(problems)
