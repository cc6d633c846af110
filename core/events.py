"""Events from a lower layer to a higher one, durable through the outbox.

An integration (payments, post) stores a verified callback and, in the same transaction,
emits an event; the workflow layer subscribes and advances the dossier. The integration
never imports the workflow layer (the layering contract), and an event survives a worker
dying between the callback and the engine's step: it is an outbox row until a subscriber
has handled it.

    # integrations/payments/...
    events.emit("payment_confirmed", {"reference": ref, "amount": 50000}, key=f"vnpay:{txn}")

    # workflows/subscribers/payments.py
    @events.subscriber("payment_confirmed")
    def on_payment_confirmed(payload: dict[str, Any]) -> None: ...

One subscriber per event name (a second is an error at import time). Delivery is at least
once: subscribers are idempotent. Events with the same ``ordering_key`` (a dossier's
reference, say) are handled one after another in the order emitted. An event nobody
subscribed to fails at ``emit`` (a programming error), never silently.
"""

from collections.abc import Callable
from typing import Any

from core import outbox

Payload = dict[str, Any]
PREFIX = "event."


def kind_of(name: str) -> str:
    return f"{PREFIX}{name}"


def emit(name: str, payload: Payload, *, key: str | None = None, ordering_key: str = "") -> Any:
    """Emit event ``name`` inside the caller's transaction. ``key`` makes a replayed
    callback emit nothing new (the first row is returned). ``payload`` holds references and
    amounts, never personal data (outbox rows are visible to administrators)."""
    return outbox.enqueue(
        kind=kind_of(name),
        payload=payload,
        idempotency_key=f"{kind_of(name)}:{key}" if key else None,
        ordering_key=ordering_key,
        summary=name,
    )


def subscriber(name: str) -> Callable[[Callable[[Payload], None]], Callable[[Payload], None]]:
    """Register the one handler of event ``name``. It raises ``outbox.PermanentError`` for a
    payload it can never apply (an unknown reference), anything else to be retried."""

    def decorator(func: Callable[[Payload], None]) -> Callable[[Payload], None]:
        def send(delivery: outbox.Delivery) -> None:
            func(dict(delivery.payload))

        send.__name__ = f"event_{name}"
        send.__doc__ = func.__doc__
        outbox.senders.add(kind_of(name), send)
        return func

    return decorator


def subscribed(name: str) -> bool:
    return kind_of(name) in outbox.senders
