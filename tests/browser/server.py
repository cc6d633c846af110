"""A real motcua server for the browser tests: gunicorn in a subprocess on a free loopback
port, on a throwaway database (a SQLite file in a temporary directory, or a PostgreSQL database
created for the run when the tests run on PostgreSQL), migrated and loaded with the demo data.

Background work runs in the server's own dispatcher thread (so Form 01 and the acknowledgement
are issued as in production), and every demo account has one known password. DEBUG is on: the
leader's approval signs the result, and on a test server only the development CA can sign (it
exists with DEBUG only: motcua.E160 refuses it otherwise, with no override); everything else
that DEBUG would change is set as in production (HTTPS off for the loopback, JSON logs).
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "browser-" + secrets.token_urlsafe(12)
# The test process's own settings must not leak into the server: it gets these instead.
_DROPPED = ("MOTCUA_", "DATABASE_URL", "REDIS_URL", "CELERY_", "SECRET_KEY", "DJANGO_SETTINGS")


def _die_with_the_tests() -> None:
    """In the server's process (Linux): end it when the test process ends, even killed."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_admin_url(database_url: str) -> str:
    """The same server's maintenance database, to create and drop the throwaway one."""
    base, _slash, _name = database_url.rpartition("/")
    return f"{base}/postgres"


def _postgres_create(database_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(_postgres_admin_url(database_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _slash, _old = database_url.rpartition("/")
    return f"{base}/{name}"


def _postgres_drop(database_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_postgres_admin_url(database_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Server:
    """One server process and its throwaway data; ``start()`` then ``stop()``."""

    var_dir: Path
    database_url: str = ""  # a postgres:// URL of the test run's server, else SQLite
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    pg_name: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.var_dir / "server.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED)}
        env.update(
            MOTCUA_VAR_DIR=str(self.var_dir),
            MOTCUA_DEBUG="1",  # the development CA signs the results (see above)
            MOTCUA_LOG_FORMAT="json",
            MOTCUA_HTTPS="0",
            MOTCUA_ALLOWED_HOSTS="127.0.0.1,localhost",
            MOTCUA_ALLOW_FAKES="1",
            MOTCUA_BACKGROUND="thread",
            MOTCUA_DEMO_PASSWORD=DEMO_PASSWORD,
            MOTCUA_PUBLIC_URL=self.base_url,
            OUTBOX_SWEEP_SECONDS="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def _manage(self, *args: str) -> None:
        with self.log_path.open("ab") as log:
            subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=300,
            )

    def shell(self, code: str) -> str:
        """Run Python in ``manage.py shell`` against the server's database; its last line."""
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env={**self.env(), "MOTCUA_BACKGROUND": "manual"},
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py shell failed:\n{result.stderr[-3000:]}")
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""

    def start(self) -> "Server":
        self.var_dir.mkdir(parents=True, exist_ok=True)
        if self.database_url.startswith(("postgres://", "postgresql://")):
            self.pg_name = f"motcua_browser_{os.getpid()}"
            self.database_url = _postgres_create(self.database_url, self.pg_name)
        else:
            self.database_url = ""
        self._manage("migrate", "--noinput", "-v", "0")
        self._manage("load_demo", "--force")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            "8",
            "--timeout",
            "120",
            "--no-control-socket",  # one shared path in $HOME otherwise, as deploy/ does
        ]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_the_tests if sys.platform == "linux" else None,
        )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the server exited; its log:\n{self.log_tail()}")
            try:
                url = f"{self.base_url}/healthz"
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"the server did not answer in {timeout}s; its log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        if self.pg_name:
            base = self.database_url.rpartition("/")[0]
            _postgres_drop(f"{base}/postgres", self.pg_name)
            self.pg_name = ""
