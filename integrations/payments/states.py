"""The attempt's state machine, in one place.

created → pending | paid | failed | cancelled | expired
pending → paid | failed | cancelled | expired
failed | cancelled | expired → paid   (a later success: the money was taken after all)
paid → nothing (paid never returns to unpaid)
"""

from .errors import TransitionRefused
from .models import PaymentAttempt

State = PaymentAttempt.State
OPEN = frozenset({State.CREATED, State.PENDING})
ALLOWED: dict[str, frozenset[str]] = {
    State.CREATED: frozenset(
        {State.PENDING, State.PAID, State.FAILED, State.CANCELLED, State.EXPIRED}
    ),
    State.PENDING: frozenset({State.PAID, State.FAILED, State.CANCELLED, State.EXPIRED}),
    State.FAILED: frozenset({State.PAID}),
    State.CANCELLED: frozenset({State.PAID}),
    State.EXPIRED: frozenset({State.PAID}),
    State.PAID: frozenset(),
}


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())


def attempt_move(attempt: PaymentAttempt, target: str) -> bool:
    """Set ``attempt.state`` to ``target`` (not saved). Returns False for a move to the state
    it is already in (a replay: nothing to do); raises ``TransitionRefused`` otherwise."""
    if attempt.state == target:
        return False
    if not can_move(attempt.state, target):
        raise TransitionRefused(f"{attempt.txn_ref}: {attempt.state} -> {target} refused")
    attempt.state = target
    return True
