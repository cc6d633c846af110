"""Benchmark: the cost of sending side effects through the outbox.

Writes N state changes, each in its own transaction with one outbox row, then sends them all
with the dispatcher's code (claim, sender, outcome). The baseline, measured in the same run, is
the same N transactions calling the sender directly inside the transaction (what code without an
outbox does, losing the effect when the process dies after commit). Prints one JSON object last:
{"messages_per_s": .., "baseline_per_s": .., "ratio": .., "statements_per_message": ..}

    python bench/outbox.py [--quick]     (DATABASE_URL picks the database; SQLite by default)
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MOTCUA_VAR_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ["MOTCUA_BACKGROUND"] = "manual"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-n", type=int, default=None)
    args = parser.parse_args()
    n = args.n or (300 if args.quick else 3000)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    class Counter:
        """Counts statements (CaptureQueriesContext keeps only the last 9000)."""

        def __init__(self) -> None:
            self.n = 0

        def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            self.n += 1
            return execute(sql, params, many, context)

    from core import outbox
    from core.periodic import PeriodicJobState

    call_command("migrate", verbosity=0)
    effects: list[str] = []

    def sender(delivery: outbox.Delivery) -> None:
        effects.append(delivery.idempotency_key)

    outbox.senders.add("bench.effect", sender)
    from core.outbox.models import OutboxMessage

    OutboxMessage.objects.all().delete()

    def state_change(i: int) -> None:
        # stands for the dossier update the effect belongs to
        PeriodicJobState.objects.update_or_create(name=f"bench-{i % 50}")

    # baseline: the effect called inside the transaction
    base_queries = Counter()
    with connection.execute_wrapper(base_queries):
        started = time.perf_counter()
        for i in range(n):
            with transaction.atomic():
                state_change(i)
                delivery = outbox.Delivery(
                    id=i, kind="bench", payload={"i": i}, idempotency_key=str(i), attempt=1
                )
                sender(delivery)
        baseline = time.perf_counter() - started

    effects.clear()
    queries = Counter()
    with connection.execute_wrapper(queries):
        started = time.perf_counter()
        for i in range(n):
            with transaction.atomic():
                state_change(i)
                outbox.enqueue(kind="bench.effect", payload={"i": i}, ordering_key=f"d:{i % 50}")
        outbox.drain(max_rounds=1000)
        elapsed = time.perf_counter() - started
    assert len(effects) == n, f"{len(effects)} effects for {n} messages"
    # the state change's own statements are in both runs; count what the outbox adds
    per_message = (queries.n - base_queries.n) / n
    PeriodicJobState.objects.filter(name__startswith="bench-").delete()
    OutboxMessage.objects.filter(kind="bench.effect").delete()
    result = {
        "database": connection.vendor,
        "messages": n,
        "messages_per_s": round(n / elapsed, 1),
        "baseline_per_s": round(n / baseline, 1),
        "ratio": round(baseline / elapsed, 3),
        "statements_per_message": round(per_message, 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
