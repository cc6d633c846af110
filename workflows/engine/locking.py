"""The flow lock: ``SELECT ... FOR UPDATE`` on the process row.

viewflow's default ``NoLock`` lets two workers finishing parallel branches each create a
Join task, and the process sticks. On PostgreSQL the row lock serialises every activation
of one process; the waiter blocks (no NOWAIT) until the holder commits, then reads the
committed state. SQLite ignores ``FOR UPDATE``; its IMMEDIATE transactions already take
the database's write lock up front (the embedded default has one writer at a time).
"""

from viewflow.workflow.lock import SelectForUpdateLock


def lock_impl() -> SelectForUpdateLock:
    return SelectForUpdateLock(nowait=False, attempts=3)
