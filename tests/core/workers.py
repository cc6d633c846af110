"""Helpers for tests that run real processes: an HTTP receiver that deduplicates by
Idempotency-Key, a Celery worker (with beat) against the test database, a
throwaway redis-server."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class Receiver:
    """The far side of a side effect: applies each Idempotency-Key once, counts attempts.
    ``hold(key)`` makes the first request with that key wait until ``release()``."""

    def __init__(self) -> None:
        self.attempts: Counter[str] = Counter()
        self.effects: Counter[str] = Counter()
        self.held_key: str | None = None
        self.holding = threading.Event()
        self.released = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                key = self.headers["Idempotency-Key"]
                json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with receiver.lock:
                    receiver.attempts[key] += 1
                    first = receiver.attempts[key] == 1
                if first and key == receiver.held_key:
                    receiver.holding.set()
                    receiver.released.wait(30)
                with receiver.lock:
                    if receiver.effects[key] == 0:
                        receiver.effects[key] = 1
                try:
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(b"{}")
                except OSError:
                    pass  # the sender died while we worked

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/effect"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hold(self, key: str) -> None:
        self.held_key = key

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()


def database_url() -> str:
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    auth = f"{user}:{s['PASSWORD']}" if s.get("PASSWORD") else user
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


class Worker:
    """``celery -A config worker -B`` in its own process group, against the test database."""

    def __init__(self, broker_url: str, workdir: Path, name: str = "w") -> None:
        self.broker_url = broker_url
        self.workdir = workdir
        self.name = name
        self.process: subprocess.Popen[bytes] | None = None
        self.runs = 0

    def start(self) -> None:
        self.runs += 1
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": self.broker_url,
            "CELERY_BROKER_URL": self.broker_url,
            "MOTCUA_BACKGROUND": "celery",
            "OUTBOX_LEASE_SECONDS": "3",
            "OUTBOX_SWEEP_SECONDS": "1",
            "OUTBOX_BACKOFF_BASE": "1",
            "MOTCUA_VAR_DIR": str(self.workdir),
            # the same keys as this process, or the worker cannot read encrypted payloads
            "SECRET_KEY": settings.SECRET_KEY,
            "MOTCUA_FIELD_KEYS": ",".join(settings.MOTCUA_FIELD_KEYS),
        }
        log = open(self.workdir / f"{self.name}-{self.runs}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "config", "worker", "-B",
                "--pool=solo", "--without-gossip", "--without-mingle", "--loglevel=INFO",
                "-n", f"{self.name}{self.runs}@%h",
                "-s", str(self.workdir / "beat-schedule"),
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL the whole process group: no cleanup, no acknowledgement."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def logs(self) -> str:
        return "\n".join(
            p.read_text(errors="replace")[-3000:] for p in sorted(self.workdir.glob("*.log"))
        )


class ThrowawayRedis:
    """A redis-server of the test's own on a free port (never the machine's shared one)."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed")
        self.binary = binary
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert wait_for(self._answers, 10), "throwaway redis-server did not start"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def point_celery_at(app, url: str) -> None:  # type: ignore[no-untyped-def]
    """Make this process's Celery app publish to ``url`` from now on."""
    from kombu import pools

    app.conf.broker_url = url
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
