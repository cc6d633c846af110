"""What the browser tests do on a page: sign in, weigh it, check it with axe-core."""

import os
from dataclasses import dataclass, field
from pathlib import Path
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


@dataclass(frozen=True)
class Finding:
    """One axe-core violation of a blocking impact, with up to five of its elements."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help} {list(self.targets)}"


def axe_blocking(page: Any) -> list[Finding]:
    """axe-core on the page as it is: its serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        Finding(
            rule=violation["id"],
            impact=violation["impact"],
            help=violation["help"],
            targets=tuple(str(node["target"]) for node in violation["nodes"][:5]),
        )
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING_IMPACTS
    ]


def screenshot(page: Any, name: str) -> None:
    """Save the page as MOTCUA_SCREENSHOTS/<name>.png when that directory is set
    (``make screenshots`` sets it to docs/screenshots); otherwise nothing."""
    directory = os.environ.get("MOTCUA_SCREENSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"))
