"""deploy/gunicorn.conf.py: values from the environment, JSON access lines without query strings."""

import json
import logging
import runpy
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from .conftest import DEPLOY

CONF = DEPLOY / "gunicorn.conf.py"


def _load(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name in (
        "MOTCUA_BIND",
        "MOTCUA_WEB_WORKERS",
        "MOTCUA_WEB_TIMEOUT",
        "MOTCUA_FORWARDED_ALLOW_IPS",
        "MOTCUA_LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_defaults_are_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = _load(monkeypatch)

    assert conf["bind"] == ["127.0.0.1:8000"]  # never every interface by default
    assert conf["worker_class"] == "sync"
    assert conf["preload_app"] is False
    assert conf["wsgi_app"] == "config.wsgi:application"
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert conf["timeout"] == 60
    assert conf["graceful_timeout"] <= conf["timeout"]
    assert conf["accesslog"] == "-"
    assert conf["logger_class"].__name__ == "JsonLogger"


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = _load(
        monkeypatch,
        MOTCUA_BIND="unix:/run/motcua/web.sock, 10.0.0.5:8000",
        MOTCUA_WEB_WORKERS="3",
        MOTCUA_WEB_TIMEOUT="120",
        MOTCUA_FORWARDED_ALLOW_IPS="10.0.0.1",
        MOTCUA_LOG_LEVEL="WARNING",
    )

    assert conf["bind"] == ["unix:/run/motcua/web.sock", "10.0.0.5:8000"]
    assert conf["workers"] == 3
    assert conf["timeout"] == 120
    assert conf["forwarded_allow_ips"] == "10.0.0.1"
    assert conf["loglevel"] == "warning"


def test_default_workers_are_two_per_core_plus_one_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    default_workers = _load(monkeypatch)["default_workers"]

    assert default_workers(1) == 3
    assert default_workers(2) == 5
    assert default_workers(3) == 7
    assert default_workers(64) == 8


def _response(status: str = "200 OK", request_id: str = "abcdef0123456789") -> Any:
    return SimpleNamespace(
        status=status,
        sent=512,
        headers=[("Content-Type", "text/html"), ("X-Request-ID", request_id)],
    )


def test_access_line_is_json_without_the_query_string(monkeypatch: pytest.MonkeyPatch) -> None:
    access_line = _load(monkeypatch)["access_line"]
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/dossiers/search",
        "QUERY_STRING": "name=Nguyen+Van+A&id=079203001234",
        "RAW_URI": "/dossiers/search?name=Nguyen+Van+A&id=079203001234",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_USER_AGENT": "Mozilla/5.0",
        "HTTP_REFERER": "https://example.vn/?phone=0912345678",
    }

    line = access_line(_response(), environ, timedelta(milliseconds=42.5))

    record = json.loads(line)
    assert record == {
        "time": record["time"],
        "level": "INFO",
        "logger": "gunicorn.access",
        "request_id": "abcdef0123456789",
        "method": "GET",
        "path": "/dossiers/search",
        "status": 200,
        "bytes": 512,
        "duration_ms": 42.5,
    }
    for leak in ("Nguyen", "079203001234", "0912345678", "203.0.113.9", "Mozilla"):
        assert leak not in line
    assert record["time"].endswith("+00:00")


def test_access_line_redacts_personal_data_in_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    access_line = _load(monkeypatch)["access_line"]
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/lookup/079203001234/"}

    record = json.loads(access_line(_response("404 Not Found"), environ, timedelta(0)))

    assert record["path"] == "/lookup/[id-number]/"
    assert record["status"] == 404


def test_gunicorn_messages_are_json_and_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    from gunicorn.config import Config

    json_logger = _load(monkeypatch)["JsonLogger"]
    config = Config()
    config.set("accesslog", "-")
    log = json_logger(config)
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect()
    log.error_log.addHandler(handler)
    try:
        log.warning("worker %s timed out serving %s", 12, "/lookup/0912345678")
        log.info("plain message")
    finally:
        log.error_log.removeHandler(handler)

    first, second = (json.loads(line) for line in records)
    assert first["level"] == "WARNING"
    assert first["message"] == "worker 12 timed out serving /lookup/[phone]"
    assert second["message"] == "plain message"
