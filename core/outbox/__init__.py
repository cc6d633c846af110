"""The transactional outbox: side effects written with the state change, sent after commit.

    from core import outbox

    @outbox.senders.register("notify.email")
    def send_email(delivery: outbox.Delivery) -> None: ...

    with transaction.atomic():
        dossier.save()
        outbox.enqueue(kind="notify.email", payload={...}, ordering_key=f"dossier:{dossier.pk}")

Delivery is at least once; each row carries an idempotency key that the sender
hands to the receiver, so the effect happens once per key.
"""

from .delivery import Delivery, PermanentError, deliver, drain, due_message_ids
from .enqueue import enqueue
from .registry import senders

__all__ = [
    "Delivery",
    "PermanentError",
    "deliver",
    "drain",
    "due_message_ids",
    "enqueue",
    "senders",
]
