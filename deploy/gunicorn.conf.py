"""gunicorn settings for motcua's web process (`deploy/run web`).

Every value comes from the environment with a safe default:

    MOTCUA_BIND                  address:port or unix:/path      127.0.0.1:8000
    MOTCUA_WEB_WORKERS           worker processes                2 x cores + 1, at most 8
    MOTCUA_WEB_TIMEOUT           seconds before a stuck worker is killed   60
    MOTCUA_FORWARDED_ALLOW_IPS   proxies trusted for X-Forwarded-*         127.0.0.1,::1
    MOTCUA_LOG_LEVEL             gunicorn's own log level                  info

The access log is one JSON object per line on stdout, with the path but never the
query string (search forms put names and ID numbers there), and the request id
that the application returns in X-Request-ID, so a line joins the application logs.
"""

import json
import logging
import multiprocessing
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gunicorn.glogging import Logger

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.observability.logging import redact  # noqa: E402

MAX_DEFAULT_WORKERS = 8


def default_workers(cores: int) -> int:
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


chdir = str(ROOT)
wsgi_app = "config.wsgi:application"
bind = [address.strip() for address in _env("MOTCUA_BIND", "127.0.0.1:8000").split(",")]
workers = int(_env("MOTCUA_WEB_WORKERS", str(default_workers(multiprocessing.cpu_count()))))
worker_class = "sync"
# Requests past the timeout are stuck (a PDF render takes a few seconds at most).
timeout = int(_env("MOTCUA_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Each worker imports the application itself: the master stays small and a
# reload (HUP) picks up new code.
preload_app = False
forwarded_allow_ips = _env("MOTCUA_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
limit_request_line = 8190
limit_request_fields = 100
loglevel = _env("MOTCUA_LOG_LEVEL", "info").lower()
accesslog = "-"
errorlog = "-"
# No runtime control socket (gunicornc): signals and the service manager suffice.
control_socket_disable = True


class JsonLogger(Logger):
    """gunicorn's logger with JSON lines: access lines without query strings, and
    gunicorn's own messages (worker boots, timeouts) redacted like the application's."""

    error_fmt = "%(message)s"

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        try:
            self.access_log.info(access_line(resp, environ, request_time))
        except Exception:
            self.exception("access log line failed")

    def _error_line(self, level: str, msg: str, *args: Any) -> str:
        text = msg % args if args else msg
        return json.dumps(
            {
                "time": _now(),
                "level": level,
                "logger": "gunicorn.error",
                "pid": os.getpid(),
                "message": redact(str(text)),
            },
            ensure_ascii=False,
        )

    def critical(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self.error_log.critical(self._error_line("CRITICAL", msg, *args), **kwargs)

    def error(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self.error_log.error(self._error_line("ERROR", msg, *args), **kwargs)

    def warning(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self.error_log.warning(self._error_line("WARNING", msg, *args), **kwargs)

    def info(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self.error_log.info(self._error_line("INFO", msg, *args), **kwargs)

    def debug(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self.error_log.debug(self._error_line("DEBUG", msg, *args), **kwargs)

    def exception(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self.error_log.exception(self._error_line("ERROR", msg, *args), **kwargs)

    def log(self, lvl: Any, msg: str, *args: Any, **kwargs: Any) -> None:
        if isinstance(lvl, str):
            lvl = self.LOG_LEVELS.get(lvl.lower(), logging.INFO)
        self.error_log.log(lvl, self._error_line(logging.getLevelName(lvl), msg, *args), **kwargs)


def _now() -> str:
    """ISO 8601 in UTC, like the application's JSON lines."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _response_header(resp: Any, name: str) -> str:
    for key, value in getattr(resp, "headers", None) or []:
        if key.lower() == name:
            return str(value)
    return ""


def access_line(resp: Any, environ: dict[str, Any], request_time: Any) -> str:
    """One access-log line: method, path (no query string, redacted), status, size,
    duration and request id. No client address, user agent or referrer either: the
    proxy in front keeps what an investigation needs, joined by the request id."""
    status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
    return json.dumps(
        {
            "time": _now(),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": _response_header(resp, "x-request-id") or "-",
            "method": environ.get("REQUEST_METHOD", ""),
            "path": redact(environ.get("PATH_INFO", "")),
            "status": int(status),
            "bytes": getattr(resp, "sent", None) or 0,
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
        },
        ensure_ascii=False,
    )


logger_class = JsonLogger
