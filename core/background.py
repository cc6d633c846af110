"""Who sends outbox rows and runs periodic jobs, chosen by MOTCUA_BACKGROUND:

- ``celery``: a Celery task per row, published after commit; beat runs the jobs.
- ``thread``: the embedded dispatcher, a daemon thread in the serving process that
  polls the database (no Redis needed), woken at once by a commit.
- ``manual``: nothing happens by itself; tests call ``outbox.drain()``.

In every mode the database is the truth: a lost notification only delays a row
until the next sweep.
"""

import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger("motcua.background")


def notify(message_id: int) -> None:
    """A row was committed: send it soon. Never raises (the sweep is the safety net)."""
    mode = settings.MOTCUA_BACKGROUND
    if mode == "celery":
        try:
            from core.tasks import deliver_outbox

            deliver_outbox.apply_async((message_id,), retry=False)
        except Exception:  # the broker is away; the row is saved and the sweep resends it
            logger.warning("broker unavailable, outbox row left for the sweep", exc_info=True)
    elif mode == "thread":
        EmbeddedDispatcher.wake()


def dispatch_many(ids: Iterable[int]) -> None:
    """Hand due rows to whoever sends them (the sweep's second half)."""
    mode = settings.MOTCUA_BACKGROUND
    if mode == "celery":
        for message_id in ids:
            notify(message_id)
    else:
        from core.outbox import deliver

        for message_id in ids:
            deliver(message_id)


class EmbeddedDispatcher(threading.Thread):
    """The embedded default's worker and beat in one thread."""

    _instance: "EmbeddedDispatcher | None" = None
    _lock = threading.Lock()

    def __init__(self, poll_seconds: float = 1.0) -> None:
        super().__init__(name="motcua-dispatcher", daemon=True)
        self.poll_seconds = poll_seconds
        self.event = threading.Event()
        self.stopping = threading.Event()

    @classmethod
    def start_once(cls) -> "EmbeddedDispatcher":
        with cls._lock:
            if cls._instance is None or not cls._instance.is_alive():
                cls._instance = cls()
                cls._instance.start()
            return cls._instance

    @classmethod
    def wake(cls) -> None:
        if cls._instance is not None:
            cls._instance.event.set()

    def stop(self) -> None:
        self.stopping.set()
        self.event.set()

    def run(self) -> None:
        logger.info("embedded dispatcher started")
        while not self.stopping.is_set():
            self.event.wait(self.poll_seconds)
            self.event.clear()
            try:
                self.tick()
            except Exception:
                logger.exception("embedded dispatcher tick failed")
            finally:
                close_old_connections()

    def tick(self) -> None:
        from core.outbox import drain
        from core.periodic import due_jobs, run_job

        for name in due_jobs():
            try:
                run_job(name)
            except Exception:
                logger.exception("periodic job failed", extra={"job": name})
        drain(max_rounds=10)


def start_embedded_dispatcher() -> None:
    if settings.MOTCUA_BACKGROUND == "thread":
        EmbeddedDispatcher.start_once()
