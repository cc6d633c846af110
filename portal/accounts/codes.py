"""One-time codes sent by e-mail: six digits, stored as a keyed hash, expiring, five attempts
each (then the user asks for a new code), compared in constant time. A new code ends the
previous ones."""

import enum
import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EmailCode


class CodeResult(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    USED_UP = "used_up"  # no valid code: expired, used, or its attempts spent


def _hash(code_id: int, code: str) -> str:
    key = hashlib.sha256(b"motcua e-mail code\n" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, f"{code_id}:{code}".encode(), hashlib.sha256).hexdigest()


def code_issue(*, user: Any, purpose: str) -> str:
    """A new code for the user (earlier ones end), sent to their address; returns the code."""
    code = f"{secrets.randbelow(10**6):06d}"
    minutes = settings.MOTCUA_EMAIL_CODE_MINUTES
    with transaction.atomic():
        EmailCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        row = EmailCode.objects.create(
            user=user,
            purpose=purpose,
            code_hash="",
            expires_at=timezone.now() + timedelta(minutes=minutes),
        )
        row.code_hash = _hash(row.pk, code)
        row.save(update_fields=["code_hash"])
    body = render_to_string(
        "portal/accounts/email/code.txt", {"code": code, "minutes": minutes, "user": user}
    )
    send_mail(_("Your motcua confirmation code"), body, None, [user.email])
    return code


def code_check(*, user: Any, purpose: str, code: str) -> CodeResult:
    """Check a code typed by the user; a right code is used up, a wrong one counts."""
    with transaction.atomic():
        row = (
            EmailCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        limit = settings.MOTCUA_EMAIL_CODE_ATTEMPTS
        if row is None or row.expires_at <= timezone.now() or row.attempts >= limit:
            return CodeResult.USED_UP
        if hmac.compare_digest(row.code_hash, _hash(row.pk, code.strip())):
            row.used_at = timezone.now()
            row.save(update_fields=["used_at"])
            return CodeResult.OK
        row.attempts += 1
        row.save(update_fields=["attempts"])
        return CodeResult.WRONG if row.attempts < limit else CodeResult.USED_UP
