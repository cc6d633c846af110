"""Benchmark: officers' queues (workflows.engine.queues) on a large task table.

Fills viewflow's task table of a throwaway PostgreSQL database with N tasks (1,000,000; 200,000
with --quick): 90% finished, the rest open user tasks spread over 200 agencies x 5 roles, some
claimed, due moments around now. An officer holding three roles in one agency then opens each
queue (first page of 25 and its count), many times. The baseline is the same queries in the
same run after dropping the queue indexes of migration workflows.0004 (viewflow's own indexes
stay). Prints one JSON object last, milliseconds:
{"tasks", "<queue>_p50_ms", "<queue>_p99_ms", "<queue>_baseline_p99_ms", ..., "worst_p99_ms"}

    DATABASE_URL=postgres://... python bench/queues.py [--quick]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MOTCUA_VAR_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ["MOTCUA_BACKGROUND"] = "manual"

AGENCIES, ROLES = 200, ("reception", "specialist", "leader", "result_desk", "clerk")
QUEUE_INDEXES = ("motcua_task_unclaimed_idx", "motcua_task_mine_idx", "motcua_task_due_idx")

FILL = """
INSERT INTO viewflow_task (process_id, flow_task, flow_task_type, status, created, scheduled,
                           owner_id, owner_permission, token, data)
SELECT %(process)s, 'workflows/engine.flows.Version1Flow.review', 'HUMAN',
       CASE WHEN i %% 10 <> 0 THEN 'DONE' WHEN i %% 30 = 0 THEN 'ASSIGNED' ELSE 'NEW' END,
       now() - (i %% 100000) * interval '1 minute',
       now() + ((i %% 2000) - 600) * interval '1 minute',
       CASE WHEN i %% 30 = 0 THEN %(other)s END,
       'workflows.role:' || (ARRAY['reception','specialist','leader','result_desk','clerk'])
           [1 + (i / 7) %% 5] || '@A' || lpad(((i / 3) %% 200)::text, 3, '0'),
       'start', '{}'
FROM generate_series(1, %(n)s) AS i
"""


def timed(run: Callable[[], Any], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p99(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.99) - 1)]


def setup(n: int) -> Any:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from viewflow.workflow.models import Process

    from workflows.models import Agency, Membership, Role

    agency = Agency.objects.create(code="A007", name="Bench agency", kind="office")
    officer = get_user_model().objects.create_user("bench_officer")
    other = get_user_model().objects.create_user("bench_other")
    for code in ROLES[:3]:
        role, _ = Role.objects.get_or_create(code=code, defaults={"name": code})
        Membership.objects.create(user=officer, agency=agency, role=role)
    process = Process.objects.create(flow_class="workflows/engine.flows.Version1Flow")
    with connection.cursor() as cursor:
        cursor.execute(FILL, {"process": process.pk, "other": other.pk, "n": n})
        # the officer has claimed a few of their own
        cursor.execute(
            "UPDATE viewflow_task SET owner_id = %s, status = 'ASSIGNED' WHERE id IN ("
            " SELECT id FROM viewflow_task WHERE status = 'NEW'"
            " AND owner_permission LIKE %s LIMIT 40)",
            [officer.pk, "%@A007"],
        )
        cursor.execute("ANALYZE viewflow_task")
    return get_user_model().objects.get(pk=officer.pk)  # fresh permission caches


def measure_queues(officer: Any, repeat: int) -> dict[str, list[float]]:
    from workflows.engine import queues

    found = {}
    for name in ("unclaimed", "mine", "due_soon", "overdue"):
        queue = getattr(queues, f"queue_{name}")

        def page(queue: Any = queue) -> None:
            qs = queue(user=officer)
            list(qs[:25])
            qs.count()

        page()  # warm
        found[name] = timed(page, repeat)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-n", type=int, default=None)
    args = parser.parse_args()
    n = args.n or (200_000 if args.quick else 1_000_000)
    repeat = 100 if args.quick else 300

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/queues.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        officer = setup(n)
        fill_s = time.perf_counter() - started
        with_indexes = measure_queues(officer, repeat)
        with connection.cursor() as cursor:
            for name in QUEUE_INDEXES:
                cursor.execute(f"DROP INDEX {name}")
            cursor.execute("ANALYZE viewflow_task")
        baseline = measure_queues(officer, repeat)
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)

    result: dict[str, Any] = {"tasks": n, "fill_s": round(fill_s, 1)}
    for name, samples in with_indexes.items():
        result[f"{name}_p50_ms"] = round(statistics.median(samples), 2)
        result[f"{name}_p99_ms"] = round(p99(samples), 2)
        result[f"{name}_baseline_p99_ms"] = round(p99(baseline[name]), 2)
    result["worst_p99_ms"] = max(result[f"{q}_p99_ms"] for q in with_indexes)
    result["worst_baseline_p99_ms"] = max(result[f"{q}_baseline_p99_ms"] for q in with_indexes)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
