"""Calling another agency's SOAP service: through the outbox, after the caller's commit.

    interop_call_enqueue(peer="vbqppl", operation="Notify", args={...},
                         idempotency_key=f"dossier:{pk}:vbqppl-notify")

The row is written in the caller's transaction; ``interop.call`` sends it (at least once:
a peer that must act once takes an idempotency key among ``args``). Never personal data in
``summary``; ``args`` are the call's, stored in the outbox row until sent.
"""

from typing import Any

from core import outbox
from core.outbox.models import OutboxMessage

from .senders import SENDER


def interop_call_enqueue(
    *,
    peer: str,
    operation: str,
    args: dict[str, Any],
    idempotency_key: str,
    ordering_key: str = "",
) -> OutboxMessage:
    return outbox.enqueue(
        kind=SENDER,
        payload={"peer": peer, "operation": operation, "args": args},
        idempotency_key=idempotency_key,
        ordering_key=ordering_key,
        summary=f"{peer}.{operation}",
    )
