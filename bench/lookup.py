"""Benchmark: the public status lookup under concurrent load, against a naive lookup in the
same run, and the officer queue page.

A throwaway PostgreSQL database (``test_bench_lookup``) gets N dossiers (1,000,000; 10,000 with
--quick) with four log rows each and N open and finished engine tasks; gunicorn (gthread, one
worker per core) serves the product's URLs plus a bench-only naive view (bench/lookup_urls.py,
loaded only by bench/lookup_settings.py). A load generator (processes of threads, keep-alive
http.client connections) then measures, for a fixed time each:

- ``lookup``: the public status page /track/<code>/ (rate limiter on, with a limit the bench
  cannot reach; the cache is Redis when REDIS_URL answers, else each worker's memory), over a
  working set of codes looked up once before (cache hits), and ``lookup_cold`` over codes never
  looked up (every request a miss: two indexed queries);
- ``api``: its API twin /api/v1/dossiers/<code>/status (null when the API has no such route);
- ``naive``: /bench/naive/<code>/ (the same page from the full rows, no cache, no limiter);
- ``queue``: an officer's /workspace/queues/unclaimed/ (signed in) over the task table.

Prints one JSON object last:
{"lookup_rps", "lookup_p99_ms", "naive_lookup_rps", "ratio", "queue_p99_ms", ...}

    DATABASE_URL=postgres://... [REDIS_URL=redis://...] python bench/lookup.py [--quick] [-n N]

Figures (2 cores shared with other work, Redis cache, 8 connections): --quick at load average
~5: lookup 305-452 req/s, p99 48-73 ms; naive 123-194 req/s; ratio 2.3-2.7; API twin 427-708
req/s; queue page p99 51-106 ms (10,000 tasks). At load average 11-14: ratio 3.0-4.3, every
p99 in the hundreds of ms. 1,000,000 dossiers and tasks at load average ~14: lookup 45 req/s,
naive 23.5, ratio 1.91, queue page p99 429 ms (not a quiet machine: to be measured again).
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MOTCUA_VAR_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ.setdefault("MOTCUA_TEST_DB_NAME", "test_bench_lookup")
os.environ["MOTCUA_BACKGROUND"] = "manual"

AGENCY = "A007"
ROLES = ("reception", "specialist", "leader")
ROUNDS = 3  # alternating slices of each measured side
PROCESSES = 1000  # the tasks' processes, each pointing at one dossier
CODE = "BENCH-{:08d}"

DEFINITION = {
    "format": "motcua/workflow@1",
    "name": "Bench",
    "nodes": [
        {"id": "submitted", "kind": "start", "next": "reception"},
        {
            "id": "reception",
            "kind": "user_task",
            "name": "Tiếp nhận hồ sơ",
            "role": "reception",
            "agency": {"from": "receiving"},
            "outcomes": {"accept": "review"},
        },
        {
            "id": "review",
            "kind": "user_task",
            "name": "Thẩm định hồ sơ",
            "role": "specialist",
            "agency": {"from": "competent"},
            "outcomes": {"approve": "done"},
        },
        {"id": "done", "kind": "end", "result": "processed"},
    ],
}


# --- data ------------------------------------------------------------------------------------


def setup(n: int, tasks: int) -> dict[str, Any]:
    """Roles, the agency, a published version, N dossiers, 4N log rows, tasks; an officer."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from viewflow.workflow.models import Process

    from workflows.models import Agency, Dossier, Membership, Procedure, ProcedureCase, Role
    from workflows.services.procedure_versions import (
        procedure_version_new_draft,
        procedure_version_publish,
    )

    agency = Agency.objects.create(code=AGENCY, name="Bench agency", kind="office")
    officer = get_user_model().objects.create_user("bench_officer")
    for code in ROLES:
        role, _ = Role.objects.get_or_create(code=code, defaults={"name": code})
        Membership.objects.create(user=officer, agency=agency, role=role)
    procedure = Procedure.objects.create(code="9.999999", name="Cấp bản sao văn bằng (bench)")
    draft = procedure_version_new_draft(procedure=procedure, scope=None)
    draft.definition = DEFINITION
    draft.save()
    ProcedureCase.objects.create(
        version=draft, code="bench", name="Bench", deadline_amount=5, required_documents=[]
    )
    version = procedure_version_publish(version=draft, by=None)
    now = timezone.now()
    template = Dossier.objects.create(
        version=version,
        case=version.cases.get(),
        receiving_agency=agency,
        competent_agency=agency,
        channel=Dossier.Channel.ONLINE,
        personal={"owner": {"full_name": "Nguyễn Văn An", "id_number": "001203004567"}},
        data={"graduation_year": 2010, "school": "THCS An Bình"},
        status=Dossier.Status.PROCESSING,
        submitted_at=now,
        received_at=now,
        appointment_date=now.date(),
        due_at=now,
    )
    columns = [f.column for f in Dossier._meta.concrete_fields if not f.primary_key]
    special = {"code": "'BENCH-' || lpad(i::text, 8, '0')", "submission_key": "NULL"}
    values = ", ".join(special.get(column, f"t.{column}") for column in columns)
    table = Dossier._meta.db_table
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)})"  # noqa: S608 (names from _meta)
            f" SELECT {values} FROM generate_series(1, %s) AS i,"
            f" (SELECT * FROM {table} WHERE id = %s) AS t",
            [n, template.pk],
        )
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [template.pk])  # noqa: S608
        cursor.execute(LOG_FILL)
        first = Dossier.objects.order_by("pk").values_list("pk", flat=True)[:PROCESSES]
        content_type = ContentType.objects.get_for_model(Dossier)
        flow = f"workflows/engine.flows.Version{version.pk}Flow"
        made = Process.objects.bulk_create(
            Process(flow_class=flow, artifact_content_type=content_type, artifact_object_id=pk)
            for pk in first
        )
        cursor.execute(
            TASK_FILL,
            {"first": made[0].pk, "processes": len(made), "flow": f"{flow}.review", "n": tasks},
        )
        cursor.execute(f"ANALYZE {table}")
        cursor.execute("ANALYZE workflows_processinglogentry")
        cursor.execute("ANALYZE viewflow_task")
    return {
        "officer": get_user_model().objects.get(pk=officer.pk),
        "fill_s": round(time.perf_counter() - started, 1),
    }


LOG_FILL = """
INSERT INTO workflows_processinglogentry (dossier_id, at, step, action, from_status, to_status,
                                          comment, timing)
SELECT d.id, d.created_at + k * interval '1 hour',
       (ARRAY['', 'reception', 'reception', 'review'])[k],
       (ARRAY['submitted', 'accepted', 'outcome:accept', 'status_changed'])[k],
       NULL, (ARRAY[1, 2, NULL, 4])[k], 'nội bộ',
       (ARRAY['', '', 'early', ''])[k]
FROM workflows_dossier d, generate_series(1, 4) AS k
"""

TASK_FILL = """
INSERT INTO viewflow_task (process_id, flow_task, flow_task_type, status, created, scheduled,
                           owner_permission, token, data)
SELECT %(first)s + i %% %(processes)s, %(flow)s, 'HUMAN',
       CASE WHEN i %% 10 <> 0 THEN 'DONE' ELSE 'NEW' END,
       now() - (i %% 100000) * interval '1 minute',
       now() + ((i %% 2000) - 600) * interval '1 minute',
       'workflows.role:' || (ARRAY['reception','specialist','leader','result_desk','clerk'])
           [1 + (i / 7) %% 5] || '@A' || lpad(((i / 3) %% 200)::text, 3, '0'),
       'start', '{}'
FROM generate_series(1, %(n)s) AS i
"""


def session_cookie(officer: Any) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(officer)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# --- server ----------------------------------------------------------------------------------


def redis_url() -> str:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return ""
    return url


def start_server(database: dict[str, Any], port: int, workers: int, cache_url: str) -> Any:
    user = database.get("USER") or "postgres"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host, db_port = database.get("HOST") or "127.0.0.1", database.get("PORT") or 5432
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.lookup_settings",
        "DATABASE_URL": f"postgres://{user}{password}@{host}:{db_port}/{database['NAME']}",
        "REDIS_URL": cache_url,
        "MOTCUA_DEBUG": "0",
        "MOTCUA_HTTPS": "0",
        "MOTCUA_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MOTCUA_TRACK_RATE_IP": "100000000/m",  # on, out of the bench's reach
        "MOTCUA_API_STATUS_RATE": "100000000/m",
        "MOTCUA_LOG_LEVEL": "WARNING",
    }
    if not cache_url:
        env.pop("REDIS_URL")
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi", "--chdir", str(ROOT),
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "gthread",
        "--threads", "4", "--keep-alive", "30", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    sys.exit("gunicorn did not answer /healthz within 60 s")


def stop_server(server: Any) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


# --- load ------------------------------------------------------------------------------------


def _client(args: tuple[int, list[str], float, int, str, int]) -> tuple[int, list[float], int]:
    """One load process: ``threads`` keep-alive connections for ``seconds``; returns the
    requests done, their latencies (ms) and the unexpected statuses."""
    port, paths, seconds, threads, cookie, seed = args
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    headers = {"Cookie": cookie} if cookie else {}

    def run(index: int) -> None:
        rng = random.Random(seed * 100 + index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(latencies), latencies, errors[0]


def load(
    port: int, paths: list[str], seconds: float, clients: int, threads: int, cookie: str = ""
) -> dict[str, Any]:
    jobs = [(port, paths, seconds, threads, cookie, i) for i in range(clients)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(_client, jobs)
    return {
        "elapsed": time.perf_counter() - started,
        "latencies": [x for _, found, _ in results for x in found],
        "errors": sum(r[2] for r in results),
    }


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Requests per second and latency percentiles over one or more runs."""
    latencies = sorted(x for run in runs for x in run["latencies"])
    elapsed = sum(run["elapsed"] for run in runs)
    if not latencies:
        return {"rps": 0.0, "p50_ms": None, "p99_ms": None, "requests": 0, "errors": 0}
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)], 2),
        "requests": len(latencies),
        "errors": sum(run["errors"] for run in runs),
    }


def alternate(
    port: int, sides: dict[str, list[str]], seconds: float, clients: int, threads: int
) -> dict[str, dict[str, Any]]:
    """Each side for ``seconds`` in all, in ROUNDS alternating slices (a shared machine's
    load then weighs on every side alike)."""
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sides}
    for _ in range(ROUNDS):
        for name, paths in sides.items():
            runs[name].append(load(port, paths, seconds / ROUNDS, clients, threads))
    return {name: summary(found) for name, found in runs.items()}


def warm(port: int, paths: list[str], threads: int = 8) -> int:
    """Each path once, over ``threads`` connections (fills the cache for the lookup); returns
    the status of the first path."""
    statuses: dict[int, int] = {}

    def run(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for position in range(index, len(paths), threads):
            connection.request("GET", paths[position])
            response = connection.getresponse()
            response.read()
            statuses[position] = response.status

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return statuses.get(0, 0)


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-n", type=int, default=None, help="dossiers (and tasks)")
    parser.add_argument("--seconds", type=float, default=None, help="per measurement")
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    n = args.n or (10_000 if args.quick else 1_000_000)
    seconds = args.seconds or (4.0 if args.quick else 20.0)
    hot = min(n, 500 if args.quick else 10_000)  # the working set of codes looked up again
    cores = os.cpu_count() or 2
    clients, threads = 2, 4  # 8 connections

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/lookup.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    server = None
    try:
        made = setup(n, n)
        cookie = session_cookie(made["officer"])
        database = dict(connection.settings_dict)
        connection.close()  # the load processes are forked: no shared connection
        cache_url = redis_url()
        if cache_url:
            import redis

            redis.Redis.from_url(cache_url).flushdb()  # the bench's own database number
        server = start_server(database, args.port, cores, cache_url)
        rng = random.Random(7)
        codes = [CODE.format(i) for i in rng.sample(range(1, n + 1), min(n, hot + 20_000))]
        hot_codes, cold_codes = codes[:hot], codes[hot:]  # cold: more than a run can ask for
        lookup_paths = [f"/track/{code}/" for code in hot_codes]
        warm(args.port, lookup_paths)
        naive_paths = [f"/bench/naive/{code}/" for code in hot_codes]
        api_paths = [f"/api/v1/dossiers/{code}/status" for code in hot_codes]
        sides = {"lookup": lookup_paths, "naive": naive_paths}
        if warm(args.port, api_paths[:1]) == 200:
            warm(args.port, api_paths)
            sides["api"] = api_paths
        warm(args.port, naive_paths[:50])
        results = alternate(args.port, sides, seconds, clients, threads)
        cold = [f"/track/{c}/" for c in cold_codes]
        results["lookup_cold"] = summary([load(args.port, cold, seconds / 2, clients, threads)])
        queue = ["/workspace/queues/unclaimed/"]
        results["queue"] = summary([load(args.port, queue, seconds, 1, 2, cookie)])
    finally:
        if server is not None:
            stop_server(server)
        connection.close()
        connection.creation.destroy_test_db(original, verbosity=0)

    api = results.get("api") or {}
    report = {
        "dossiers": n,
        "tasks": n,
        "fill_s": made["fill_s"],
        "cores": cores,
        "connections": clients * threads,
        "cache": "redis" if cache_url else "locmem per worker",
        "lookup_rps": results["lookup"]["rps"],
        "lookup_p99_ms": results["lookup"]["p99_ms"],
        "lookup_cold_rps": results["lookup_cold"]["rps"],
        "lookup_cold_p99_ms": results["lookup_cold"]["p99_ms"],
        "api_rps": api.get("rps"),
        "api_p99_ms": api.get("p99_ms"),
        "naive_lookup_rps": results["naive"]["rps"],
        "naive_lookup_p99_ms": results["naive"]["p99_ms"],
        "ratio": round(results["lookup"]["rps"] / results["naive"]["rps"], 2),
        "queue_rps": results["queue"]["rps"],
        "queue_p99_ms": results["queue"]["p99_ms"],
        "errors": {name: found["errors"] for name, found in results.items()},
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
