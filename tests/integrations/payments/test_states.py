"""The attempt's state machine: a later success after a failure ends as paid; paid never
changes again."""

import pytest

from integrations.payments.errors import TransitionRefused
from integrations.payments.models import PaymentAttempt
from integrations.payments.states import attempt_move, can_move

S = PaymentAttempt.State


@pytest.mark.parametrize("current", [S.CREATED, S.PENDING, S.FAILED, S.CANCELLED, S.EXPIRED])
def test_every_state_but_paid_may_become_paid(current: str) -> None:
    assert can_move(current, S.PAID)


@pytest.mark.parametrize("target", [S.CREATED, S.PENDING, S.FAILED, S.CANCELLED, S.EXPIRED])
def test_paid_never_moves(target: str) -> None:
    attempt = PaymentAttempt(txn_ref="A", state=S.PAID)
    with pytest.raises(TransitionRefused):
        attempt_move(attempt, target)
    assert attempt.state == S.PAID


def test_closed_attempts_do_not_reopen() -> None:
    for closed in (S.FAILED, S.CANCELLED, S.EXPIRED):
        for target in (S.CREATED, S.PENDING, S.FAILED, S.CANCELLED, S.EXPIRED):
            assert not can_move(closed, target)


def test_a_move_to_the_same_state_is_a_replay() -> None:
    attempt = PaymentAttempt(txn_ref="A", state=S.FAILED)
    assert attempt_move(attempt, S.FAILED) is False
    assert attempt_move(attempt, S.PAID) is True
    assert attempt.state == S.PAID
