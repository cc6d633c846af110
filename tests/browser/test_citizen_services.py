"""The citizen's side of the newer services in a real browser on the embedded default with the
demo data: paying a fee online through the fake gateway, the signed result verified on the
public page, the notifications sent, a late dossier's apology, a result sent by post. Every
page on the way is checked with axe-core. Each test stands alone (the payment pays a dossier
of its own)."""

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from . import citizen, journey
from .helpers import axe_blocking, screenshot
from .server import Server

pytestmark = pytest.mark.browser

TRACKING_NUMBER = re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}")
SHIPMENT_STATES = {
    "Created",
    "Picked up",
    "In transit",
    "Delivered",
    "Returned to sender",
    "Failed",
}


@pytest.fixture(scope="module")
def data(server: Server) -> dict[str, Any]:
    return citizen.citizen_data(server)


class Audit:
    """``audit(page, name)`` collects axe's serious and critical findings on the page as it
    is; ``audit.assert_none()`` fails the test with all of them at the end."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def __call__(self, page: Any, name: str) -> None:
        self.found.extend(f"{name} ({page.url}): {f}" for f in axe_blocking(page))

    def assert_none(self) -> None:
        assert not self.found, "axe-core, serious or critical:\n" + "\n".join(self.found)


@pytest.fixture
def audit() -> Audit:
    return Audit()


def _look(check: Callable[[Any, str], None]) -> Callable[[Any, str], None]:
    """Check a page with axe and, under ``make screenshots``-like runs, photograph it."""

    def look(page: Any, name: str) -> None:
        check(page, name)
        screenshot(page, f"{name}-desktop")

    return look


def test_citizen_pays_the_fee_online_and_the_dossier_moves_on(
    server: Server, new_page: Callable[..., Any], audit: Audit
) -> None:
    code = citizen.fee_owed_dossier(server)
    page = new_page(user="demo_citizen")

    citizen.dossier_open(page, code)
    assert journey.dossier_status(page) == "Fee owed"
    assert citizen.fee_badge(page) == "Owed"
    audit(page, "dossier, fee owed")
    citizen.fee_pay_on_gateway(page, _look(audit))

    # the IPN is applied by the server's background dispatcher: the page shows it once done
    citizen.reload_until(
        page,
        lambda: citizen.fee_badge(page) == "Paid" and journey.dossier_status(page) != "Fee owed",
    )
    attempts = page.locator("#fees table")
    assert citizen.table_column(page, attempts, "State") == ["Paid"]
    assert citizen.table_column(page, attempts, "How") == ["Online"]
    audit(page, "dossier, fee paid")
    audit.assert_none()


def test_signed_result_downloaded_is_verified_on_the_public_page(
    data: dict[str, Any], new_page: Callable[..., Any], audit: Audit, tmp_path: Path
) -> None:
    page = new_page(user="demo_citizen")
    citizen.dossier_open(page, data["post_code"])
    audit(page, "dossier, result signed")
    pdf = tmp_path / "ket-qua.pdf"
    pdf.write_bytes(citizen.result_download(page))
    assert pdf.read_bytes().startswith(b"%PDF-")

    visitor = new_page()
    visitor.goto("/verify/")
    audit(visitor, "verify")
    visitor.get_by_label("Signed document (PDF)").set_input_files(pdf)
    visitor.get_by_role("button", name="Verify").click()
    visitor.get_by_role("heading", name="Verification result").wait_for()
    assert visitor.get_by_role("heading", name="Valid document").is_visible()
    signatures = visitor.locator("table", has=visitor.get_by_role("columnheader", name="Signer"))
    assert citizen.table_column(visitor, signatures, "Signer") == data["result_signers"]
    assert set(citizen.table_column(visitor, signatures, "Check")) == {"Intact and trusted"}
    audit(visitor, "verification result")
    screenshot(visitor, "verify-result-desktop")

    tampered = tmp_path / "sua-doi.pdf"
    tampered.write_bytes(pdf.read_bytes() + b"\n% changed after signing\n")
    visitor.get_by_label("Signed document (PDF)").set_input_files(tampered)
    visitor.get_by_role("button", name="Verify").click()
    visitor.get_by_role("heading", name="Not valid").wait_for()
    audit(visitor, "verification refused")
    audit.assert_none()


def test_dossier_page_shows_notifications_and_the_apology(
    data: dict[str, Any], new_page: Callable[..., Any], audit: Audit
) -> None:
    page = new_page(user="demo_citizen")
    citizen.dossier_open(page, data["late_code"])

    timeline = page.locator("ol.timeline").inner_text()
    assert "Late: the agency apologised and set a new appointment date" in timeline
    new_date = date.fromisoformat(data["late_new_date"]).strftime("%d/%m/%Y")
    appointment = page.locator("dt:text-is('Appointment date') + dd").inner_text().strip()
    assert appointment == new_date

    # the demo's notifications are sent by the server's dispatcher: reload until they are
    notifications = page.locator("table", has=page.get_by_role("columnheader", name="Event"))

    def sent() -> bool:
        statuses = citizen.table_column(page, notifications, "Status")
        events = citizen.table_column(page, notifications, "Event")
        return "Late, with apology" in events and "Queued" not in statuses

    citizen.reload_until(page, sent)
    events = citizen.table_column(page, notifications, "Event")
    channels = citizen.table_column(page, notifications, "Channel")
    assert {"Dossier received", "Dossier accepted", "Late, with apology"} <= set(events)
    assert channels and set(channels) <= {"Email", "SMS"}, channels  # the demo's choice
    for masked in citizen.table_column(page, notifications, "To"):
        assert "*" in masked or "…" in masked, masked  # the address masked
    audit(page, "dossier, late with apology")
    audit.assert_none()


def test_result_sent_by_post_shows_its_tracking(
    data: dict[str, Any], new_page: Callable[..., Any], audit: Audit
) -> None:
    page = new_page(user="demo_citizen")
    citizen.dossier_open(page, data["post_code"])

    shipment = page.locator("#shipment")
    number = shipment.locator("dt:text-is('Tracking number') + dd").inner_text().strip()
    assert number == data["post_tracking"]
    assert TRACKING_NUMBER.fullmatch(number), number
    # the fake postal service advances the shipment as time passes: any of its states
    status = shipment.locator("dt:text-is('Shipment status') + dd").inner_text().strip()
    assert status in SHIPMENT_STATES, status
    for line in shipment.locator("ol.timeline li strong").all_inner_texts():
        assert line.strip() in SHIPMENT_STATES, line
    audit(page, "dossier, result by post")
    audit.assert_none()
