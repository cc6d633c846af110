"""The flow lock: ``SELECT ... FOR UPDATE`` on the process row.

viewflow's default ``NoLock`` lets two workers finishing parallel branches each create a
Join task, and the process sticks. On PostgreSQL the row lock serialises every activation
of one process; the waiter blocks (no NOWAIT) until the holder commits, then reads the
committed state. SQLite ignores ``FOR UPDATE``; its IMMEDIATE transactions already take
the database's write lock up front (the embedded default has one writer at a time).

Compiled flows use viewflow's ``SelectForUpdateLock`` (timers, viewflow's own helpers);
the engine's services take the same row lock by task id with ``task_lock``, in one
statement instead of a lookup and a lock.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from viewflow.workflow.lock import SelectForUpdateLock
from viewflow.workflow.models import Process, Task


def lock_impl() -> SelectForUpdateLock:
    return SelectForUpdateLock(nowait=False, attempts=3)


@contextmanager
def task_lock(task_id: int) -> Iterator[bool]:
    """Lock the process of a task (a transaction lasting the block); yields whether the
    task exists. Read the task inside the block, after the lock."""
    with transaction.atomic():
        process_id = Task.objects.filter(pk=task_id).values("process_id")
        found = (
            Process.objects.select_for_update().filter(pk__in=process_id).values_list("pk").first()
        )
        yield found is not None
