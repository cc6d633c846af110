"""Secrets, cookies, HTTPS and the keys that encrypt personal data at rest."""

import secrets

from .base import DEBUG
from .env import VAR_DIR, env_bool, env_int, env_list, env_str


def _secret_key() -> str:
    """SECRET_KEY from the environment; else one generated once into var/ (never the repo)."""
    value = env_str("SECRET_KEY")
    if value:
        return value
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# Fernet keys (urlsafe base64, 32 bytes) for personal data at rest: the first
# encrypts, all decrypt, so keys rotate by prepending a new one. Without them a
# key is derived from SECRET_KEY.
MOTCUA_FIELD_KEYS = env_list("MOTCUA_FIELD_KEYS")

CSRF_TRUSTED_ORIGINS = env_list("MOTCUA_CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
_https = env_bool("MOTCUA_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = env_bool("MOTCUA_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
SECURE_HSTS_SECONDS = env_int("MOTCUA_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = env_list("MOTCUA_SILENCED_CHECKS")

# Metrics are for the monitoring network: a bearer token, or loopback only.
MOTCUA_METRICS_TOKEN = env_str("MOTCUA_METRICS_TOKEN")
# Personal data kept in audit and outbox records is purged after this many days.
MOTCUA_ACCESS_LOG_RETENTION_DAYS = env_int("MOTCUA_ACCESS_LOG_RETENTION_DAYS", 365 * 2)
