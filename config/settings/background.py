"""Background work: the outbox dispatcher, Celery, the cache.

Without REDIS_URL the dispatcher is a thread inside the web process reading the
database (the embedded default); with it, Celery workers and beat do the work.
"""

from .env import env_int, env_str

REDIS_URL = env_str("REDIS_URL")
MOTCUA_BACKGROUND = env_str("MOTCUA_BACKGROUND") or ("celery" if REDIS_URL else "thread")

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must not hang a request when Redis is away: the outbox row is
# already saved and the periodic sweep sends it later.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Keep Django's logging (JSON, request ids, redaction) in workers and beat.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_ENABLE_UTC = True

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The outbox: attempts before a row is dead-lettered, backoff bounds (seconds),
# the lease a sender holds while it works, how often the sweep runs, and how
# long sent rows (and their encrypted payloads) are kept.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_BACKOFF_BASE = env_int("OUTBOX_BACKOFF_BASE", 10)
OUTBOX_BACKOFF_MAX = env_int("OUTBOX_BACKOFF_MAX", 3600)
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 300)
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 10)
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90)
