"""Structured logs: JSON lines with the request id, never personal data."""

from .base import DEBUG
from .env import env_str

LOG_LEVEL = env_str("MOTCUA_LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("MOTCUA_LOG_FORMAT", "text" if DEBUG else "json")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.observability.logging.RequestIdFilter"},
        "redact": {"()": "core.observability.logging.RedactFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "redact"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django's request logger prints request bodies in some errors: keep its level.
        "django.request": {"level": "ERROR"},
    },
}
