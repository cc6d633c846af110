"""What the citizen does with the newer services in the browser (pay a fee, download the
signed result, verify it, read the notifications, the apology, the shipment), and the demo
data those tests read from the server's database (codes and ids, nothing personal).

The server's background work runs in its dispatcher thread (``MOTCUA_BACKGROUND=thread``, the
outbox swept every second): what it does after a request (the payment's IPN, notifications) is
waited for by reloading the page until it shows, within a timeout.
"""

import json
import re
import time
from collections.abc import Callable
from typing import Any

from .server import Server

_DEMO = """
import json
from django.contrib.auth import get_user_model
from workflows.models import Dossier
from workflows.services.submission import submission_key_hash
users = get_user_model().objects
def demo(key, by="demo_citizen", channel=Dossier.Channel.ONLINE):
    hashed = submission_key_hash(key=key, submitter=users.get(username=by), channel=channel)
    return Dossier.objects.get(submission_key=hashed)
"""

# The signed results of demo_citizen's dossier sent by post, its tracking number, and the late
# dossier's new appointment date (its apology).
_CITIZEN_DATA = (
    _DEMO
    + """
from workflows.models import DossierApology, DossierDocument
post = demo("demo-diploma-post")
late = demo("demo-transfer-late")
result = DossierDocument.objects.get(dossier=post, kind=DossierDocument.Kind.RESULT)
print(json.dumps({
    "post_code": post.code,
    "post_tracking": post.postal_tracking_number,
    "result_signers": [signer["name"] for signer in result.signers],
    "late_code": late.code,
    "late_new_date": DossierApology.objects.get(dossier=late).new_appointment_date.isoformat(),
}))
"""
)

# A new dossier like the demo's fee owed one (the civil status extract, approved, waiting for
# its fee), made through the same services, so that paying it leaves the demo's own unpaid.
_FEE_OWED = (
    _DEMO
    + """
import dataclasses, secrets
from workflows.demo_dossiers import DOSSIERS, _dossier
template = next(item for item in DOSSIERS if item.key == "demo-civil-extract-fee-owed")
item = dataclasses.replace(template, key="browser-fee-" + secrets.token_hex(6))
people = {user.username: user for user in users.filter(is_active=True)}
dossier = _dossier(item, demo(template.key).receiving_agency, people)
dossier.refresh_from_db()
print(json.dumps({"code": dossier.code, "status": dossier.status}))
"""
)


def citizen_data(server: Server) -> dict[str, Any]:
    return dict(json.loads(server.shell(_CITIZEN_DATA)))


def fee_owed_dossier(server: Server) -> str:
    """A fresh dossier of demo_citizen owing its fee (status 6): its code."""
    made = json.loads(server.shell(_FEE_OWED))
    assert made["status"] == 6, made
    return str(made["code"])


def reload_until(page: Any, shown: Callable[[], bool], *, timeout: float = 30) -> None:
    """Reload ``page`` until ``shown()`` is true (background work done), else fail."""
    deadline = time.monotonic() + timeout
    while not shown():
        assert time.monotonic() < deadline, f"not shown within {timeout}s on {page.url}"
        page.wait_for_timeout(500)
        page.reload()


def dossier_open(page: Any, code: str) -> None:
    page.goto(f"/my/dossiers/{code}/")
    page.get_by_role("heading", name=re.compile(re.escape(code))).wait_for()


def fee_badge(page: Any) -> str:
    return page.locator("#fees .badge").first.inner_text().strip()


def fee_pay_on_gateway(page: Any, look: Callable[[Any, str], None]) -> None:
    """From the dossier's fees: Pay online, then Pay on the fake gateway's page, then back
    from the payment result page to the dossier. ``look(page, name)`` on each page."""
    page.locator("#fees").get_by_role("button", name="Pay online").click()
    page.get_by_role("heading", name="Test payment gateway").wait_for()
    look(page, "fake-gateway")
    page.get_by_role("button", name="Pay", exact=True).click()
    page.get_by_role("heading", name="Payment result").wait_for()
    look(page, "payment-result")
    page.get_by_role("link", name="Back to your dossier").click()
    page.locator("#fees").wait_for()


def result_download(page: Any) -> bytes:
    """The signed result's PDF, from the dossier page's documents issued."""
    link = page.get_by_role("link", name="Result", exact=True)
    response = page.request.get(link.get_attribute("href"))
    assert response.ok, response.status
    return bytes(response.body())


def table_column(page: Any, table: Any, header: str) -> list[str]:
    """The cells under ``header`` in ``table``'s body."""
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    index = headers.index(header) + 1
    return [c.strip() for c in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]
