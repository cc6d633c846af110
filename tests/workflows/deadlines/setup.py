"""Officers with email addresses around a received dossier, and the alerts' notifications."""

from typing import Any

from integrations.notify.models import Notification
from workflows.models import DeadlineAlert

from ..services.deadline_setup import received
from ..services.reception_setup import Reception, officer


def with_emails(state: Reception) -> tuple[Reception, Any]:
    """``state``'s officers get addresses; a leader of the centre joins them."""
    leader = officer(state.dossier.receiving_agency, "leader", "Quân", "Đỗ")
    for number, user in enumerate((state.receptionist, state.specialist, leader)):
        user.email = f"officer{number}@example.vn"
        user.save(update_fields=["email"])
    return state, leader


def received_with_emails(**kwargs: Any) -> tuple[Reception, Any]:
    return with_emails(received(**kwargs))


def alerts(kind: str) -> list[DeadlineAlert]:
    return list(DeadlineAlert.objects.filter(kind=kind))


def notified(event: str) -> set[int]:
    """The users emailed about ``event`` (read from the idempotency keys: ``...:user:<pk>``)."""
    keys = Notification.objects.filter(event=event).values_list("idempotency_key", flat=True)
    return {int(key.rsplit(":", 1)[1]) for key in keys}


__all__ = ["alerts", "notified", "received", "received_with_emails", "with_emails"]
