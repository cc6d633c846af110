"""Making, checking and revoking personal API tokens (api.models.ApiToken).

A token is ``mc_`` and 43 characters of URL-safe base64 (256 random bits). The database keeps
its SHA-256: a leaked table gives nobody a working token. Checking hashes the token sent and
looks the hash up (an index on a unique column): no comparison of secrets in Python.
"""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone

from api.models import ApiToken

TOKEN_PREFIX = "mc_"  # noqa: S105 (the marker of a personal token, not a secret)
# last_used_at is written at most this often per token (not on every request)
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: (the row, the token to show once)."""
    secret = secrets.token_urlsafe(32)
    raw = f"{TOKEN_PREFIX}{secret}"
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=secret[:8], token_hash=token_hash(raw)
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` (once: revoking again keeps the first moment)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
    token.refresh_from_db()
    return token


def api_token_user(raw: str) -> Any | None:
    """The active user a live token belongs to, else None; notes when it was used."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at=None)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
