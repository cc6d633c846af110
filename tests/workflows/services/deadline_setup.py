"""A dossier received on a chosen day, its process at a review step that offers ``stop``,
for the apology and stop tests."""

from datetime import datetime
from typing import Any

import time_machine

from workflows.definitions.model import (
    AgencyRef,
    AgencySource,
    Definition,
    Duration,
    DurationUnit,
    Node,
)
from workflows.definitions.model import NodeKind as K
from workflows.services.reception import dossier_accept

from .reception_setup import Reception, local, reception


def review_with_stop() -> Definition:
    """start -> reception (accept|refuse) -> review (approve|stop) -> end."""
    return Definition(
        name="Review that may stop",
        nodes=(
            Node(id="submitted", kind=K.START, next="reception"),
            Node(
                id="reception",
                kind=K.USER_TASK,
                role="reception",
                outcomes=(("accept", "review"), ("refuse", "refused")),
            ),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.COMPETENT),
                budget=Duration(2, DurationUnit.WORKING_DAYS),
                status="processing",
                outcomes=(("approve", "done"), ("stop", "stopped")),
            ),
            Node(id="done", kind=K.END, result="processed"),
            Node(id="stopped", kind=K.END, result="stopped"),
            Node(id="refused", kind=K.END, result="refused"),
        ),
    )


def received(
    at: datetime | None = None, definition: Definition | None = None, **kwargs: Any
) -> Reception:
    """A dossier accepted at ``at`` (Monday 2 March 2026, 09:00 by default: 5 working days,
    due on Monday 9 March at 17:00), its review step open."""
    state = reception(definition=definition or review_with_stop(), **kwargs)
    with time_machine.travel(at or local(2026, 3, 2, 9, 0), tick=False):
        dossier_accept(task_id=state.task().pk, user=state.receptionist)
    state.refresh()
    return state
