"""Running calls at the same moment on separate database connections (the race tests on
PostgreSQL): each call in its own thread, released together by a barrier."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def at_once(
    *calls: Callable[[], Any], timeout: float = 60
) -> tuple[list[Any], list[BaseException]]:
    """Run ``calls`` at once; returns what they returned and what they raised (in the order
    they finished). Each thread closes its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
