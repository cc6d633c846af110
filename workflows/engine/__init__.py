"""The engine: published workflow definitions running on viewflow (ADR 0003).

    from workflows.engine import process_start, task_complete

    process = process_start(dossier=dossier, by=officer)
    task_complete(task_id=task.pk, user=officer, outcome="accept")

Importing the package registers the outbox sender ``workflows.service_task`` and the
periodic job ``workflows.fire_due_timers``.
"""

from . import service_tasks, timers  # noqa: F401  (registrations)
from .errors import (
    EngineError,
    ProcessAlreadyStarted,
    StepFormInvalid,
    TaskNotAvailable,
    UnknownOutcome,
)
from .events import event_deliver
from .runtime import (
    flow_class_for,
    process_of,
    process_start,
    task_claim,
    task_complete,
    task_release,
)

__all__ = [
    "EngineError",
    "ProcessAlreadyStarted",
    "StepFormInvalid",
    "TaskNotAvailable",
    "UnknownOutcome",
    "event_deliver",
    "flow_class_for",
    "process_of",
    "process_start",
    "task_claim",
    "task_complete",
    "task_release",
]
