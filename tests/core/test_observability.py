"""Request ids, JSON logs without personal data, /healthz, /readyz and /metrics."""

import io
import json
import logging
import re
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.utils.module_loading import import_string
from prometheus_client.parser import text_string_to_metric_families

from core.observability.context import reset_request_id, set_request_id
from core.observability.middleware import RequestIdMiddleware
from core.outbox.models import OutboxMessage
from core.periodic import PeriodicJobState, jobs

pytestmark = pytest.mark.django_db

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


# -- request id ---------------------------------------------------------------------------


def test_a_request_id_is_generated_and_returned(client: Client) -> None:
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert GENERATED_ID.match(first)
    assert GENERATED_ID.match(second)
    assert first != second


def test_a_proxy_request_id_is_kept(client: Client) -> None:
    response = client.get("/healthz", headers={"x-request-id": "nginx-5f2c9a1e0b7d"})

    assert response["X-Request-ID"] == "nginx-5f2c9a1e0b7d"


@pytest.mark.parametrize(
    "hostile",
    [
        'abc"}\n{"level":"CRITICAL',  # log injection
        "<script>alert(1)</script>",
        "short",  # too short to be an id
        "a" * 65,  # too long
        "id with spaces 1234",
    ],
)
def test_a_malformed_request_id_is_replaced(client: Client, hostile: str) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)

    assert response["X-Request-ID"] != hostile
    assert GENERATED_ID.match(response["X-Request-ID"])


# -- JSON log lines -----------------------------------------------------------------------


def _configured(kind: str, name: str) -> Any:
    """A formatter or filter built exactly as settings.LOGGING describes it."""
    spec = dict(settings.LOGGING[kind][name])
    factory = import_string(spec.pop("()"))
    return factory(**spec)


@pytest.fixture
def json_log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose handler has the production JSON formatter and the console filters."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_configured("formatters", "json"))
    for name in settings.LOGGING["handlers"]["console"]["filters"]:
        handler.addFilter(_configured("filters", name))
    logger = logging.getLogger("motcua.tests.json")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_console_handler_uses_both_filters() -> None:
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id", "redact"]
    assert settings.LOGGING["root"]["handlers"] == ["console"]


def test_a_log_line_is_json_with_the_request_id_of_its_request(
    json_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = json_log

    def view(request: HttpRequest) -> HttpResponse:
        logger.info("dossier %s received", 42)
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(RequestFactory().get("/"))

    [line] = _lines(stream)
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == "dossier 42 received"
    assert line["level"] == "INFO"
    assert line["logger"] == "motcua.tests.json"
    assert "time" in line


def test_a_log_line_outside_a_request_has_a_placeholder_id(
    json_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = json_log
    logger.info("periodic sweep")

    assert _lines(stream)[0]["request_id"] == "-"


@pytest.mark.parametrize(
    ("personal", "mask"),
    [
        ("079203001234", "[id-number]"),  # citizen ID (CCCD), 12 digits
        ("0912345678", "[phone]"),
        ("0912 345 678", "[phone]"),
        ("0912.345.678", "[phone]"),
        ("024 3825 1234", "[phone]"),  # a Hanoi landline
        ("123456789", "[id-number]"),  # old ID card (CMND), 9 digits
        ("+84 912 345 678", "[phone]"),
        ("nguyen.van.a@example.vn", "[email]"),
    ],
)
def test_personal_data_is_redacted_in_message_and_arguments(
    json_log: tuple[logging.Logger, io.StringIO], personal: str, mask: str
) -> None:
    logger, stream = json_log
    token = set_request_id("req-redact-0001")
    try:
        logger.warning(f"lookup failed for {personal}")
        logger.warning("lookup failed for %s", personal)
    finally:
        reset_request_id(token)

    raw = stream.getvalue()
    assert personal not in raw
    for line in _lines(stream):
        assert line["message"] == f"lookup failed for {mask}"
        assert line["request_id"] == "req-redact-0001"


def test_ids_and_counts_are_not_redacted(json_log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = json_log
    logger.info("outbox row %s sent after %s attempts", 1234567, 3)

    assert _lines(stream)[0]["message"] == "outbox row 1234567 sent after 3 attempts"


# -- /healthz and /readyz -----------------------------------------------------------------


def test_healthz(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_database_and_cache(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert "broker" not in body["checks"]  # background work is not Celery here


def test_readyz_names_a_failing_cache(client: Client) -> None:
    with mock.patch.object(cache, "set", side_effect=ConnectionError("redis://:pw@host")):
        response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError", "ms": mock.ANY}
    assert body["checks"]["database"]["ok"] is True
    assert "pw@host" not in response.content.decode()  # no connection string leaks


def test_readyz_names_a_failing_database(client: Client) -> None:
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("gone away")):
        response = client.get("/readyz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] is False
    assert checks["database"]["error"] == "OperationalError"
    assert checks["cache"]["ok"] is True


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_readyz_checks_the_broker_under_celery(client: Client, settings: Any) -> None:
    settings.MOTCUA_BACKGROUND = "celery"
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"

    response = client.get("/readyz")

    assert response.status_code == 503
    broker = response.json()["checks"]["broker"]
    assert broker["ok"] is False
    assert broker["error"] == "ConnectionError"


@pytest.mark.redis
def test_readyz_with_a_real_broker(client: Client, settings: Any) -> None:
    settings.MOTCUA_BACKGROUND = "celery"
    settings.CELERY_BROKER_URL = settings.REDIS_URL

    response = client.get("/readyz")

    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["broker"]["ok"] is True


# -- /metrics -----------------------------------------------------------------------------

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def _samples(body: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
    }


def _outbox_row(status: str, *, due: datetime = NOW) -> OutboxMessage:
    return OutboxMessage.objects.create(kind="core.ping", status=status, next_attempt_at=due)


def test_metrics_are_forbidden_from_outside_without_a_token(client: Client, settings: Any) -> None:
    settings.MOTCUA_METRICS_TOKEN = ""

    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200


def test_metrics_with_a_token_need_the_bearer_token(client: Client, settings: Any) -> None:
    settings.MOTCUA_METRICS_TOKEN = "scrape-token-7f3a"
    outside = {"REMOTE_ADDR": "203.0.113.7"}

    assert client.get("/metrics", **outside).status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403  # token wins
    wrong = {"authorization": "Bearer not-the-token"}
    assert client.get("/metrics", headers=wrong, **outside).status_code == 403
    right = {"authorization": "Bearer scrape-token-7f3a"}
    response = client.get("/metrics", headers=right, **outside)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


def test_metrics_report_outbox_and_periodic_lag(client: Client) -> None:
    with time_machine.travel(NOW, tick=False):
        _outbox_row(OutboxMessage.Status.PENDING, due=NOW - timedelta(seconds=90))
        _outbox_row(OutboxMessage.Status.PENDING, due=NOW - timedelta(seconds=5))
        _outbox_row(OutboxMessage.Status.PENDING, due=NOW + timedelta(hours=1))  # backing off
        _outbox_row(OutboxMessage.Status.DEAD)
        _outbox_row(OutboxMessage.Status.DEAD)
        _outbox_row(OutboxMessage.Status.DONE)
        sweep = jobs.get("outbox.sweep")
        PeriodicJobState.objects.create(
            name="outbox.sweep", last_started_at=NOW - sweep.every - timedelta(seconds=120)
        )
        purge = jobs.get("retention.purge")
        PeriodicJobState.objects.create(
            name="retention.purge", last_started_at=NOW - purge.every + timedelta(minutes=1)
        )

        response = client.get("/metrics")

    assert response.status_code == 200
    samples = _samples(response.content.decode())
    assert samples[("motcua_outbox_backlog", ())] == 3
    assert samples[("motcua_outbox_dead_letters", ())] == 2
    assert samples[("motcua_outbox_oldest_due_seconds", ())] == 90
    assert samples[("motcua_outbox_messages", (("status", "done"),))] == 1
    assert samples[("motcua_outbox_messages", (("status", "discarded"),))] == 0
    assert samples[("motcua_periodic_lag_seconds", (("job", "outbox.sweep"),))] == 120
    assert samples[("motcua_periodic_lag_seconds", (("job", "retention.purge"),))] == 0


def test_metrics_of_an_empty_outbox_are_zero(client: Client) -> None:
    samples = _samples(client.get("/metrics").content.decode())

    assert samples[("motcua_outbox_backlog", ())] == 0
    assert samples[("motcua_outbox_dead_letters", ())] == 0
    assert samples[("motcua_outbox_oldest_due_seconds", ())] == 0
    for name, _job in jobs.items():  # a job that never ran is not reported late
        assert samples[("motcua_periodic_lag_seconds", (("job", name),))] == 0
