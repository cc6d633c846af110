"""The flow lock: ``SELECT ... FOR UPDATE`` on the process row.

viewflow's default ``NoLock`` lets two workers finishing parallel branches each create a
Join task, and the process sticks. On PostgreSQL the row lock serialises every activation
of one process; the waiter blocks (no NOWAIT) until the holder commits, then reads the
committed state. SQLite ignores ``FOR UPDATE``; its IMMEDIATE transactions already take
the database's write lock up front (the embedded default has one writer at a time).

Compiled flows use viewflow's ``SelectForUpdateLock`` (timers, viewflow's own helpers);
the engine's services lock by task id with ``locked_task``: one statement that locks the
process row, then the task row (``FOR UPDATE OF process, task``: PostgreSQL takes the row
locks in that order, the order every other path takes them, so no deadlock), and returns
the task with its process. A waiter that was blocked reads both rows as the holder
committed them (PostgreSQL re-reads a locked row that changed while it waited).
"""

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import QuerySet
from viewflow.workflow.lock import SelectForUpdateLock
from viewflow.workflow.models import Task

from .context import remember_dossier_row, with_dossier_row


def lock_impl() -> SelectForUpdateLock:
    return SelectForUpdateLock(nowait=False, attempts=3)


@functools.cache
def _locked_tasks(dossier: bool) -> QuerySet[Task]:
    """The query, built once (never evaluated itself: each use filters a clone)."""
    tasks = Task.objects.select_related("process").select_for_update(of=("process", "self"))
    return with_dossier_row(tasks) if dossier else tasks


@contextmanager
def locked_task(task_id: int, *, dossier: bool = False) -> Iterator[Task | None]:
    """The task (with its process) read under its process's row lock, held for the block
    (a transaction); None when there is no such task. With ``dossier``, what the nodes read
    from the dossier comes in the same statement (``context.with_dossier_row``)."""
    with transaction.atomic():
        task = _locked_tasks(dossier).filter(pk=task_id).first()
        if task is not None and dossier:
            remember_dossier_row(task)
        yield task
