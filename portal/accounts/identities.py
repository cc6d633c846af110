"""Local accounts of OpenID Connect identities: matched by issuer and the keyed hash of ``sub``,
created on the first sign-in with the name and e-mail from the claims (never linked to an
existing account by e-mail: a provider's address is not proof of owning a local account)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.oidc import subject_hash

from .models import OIDCIdentity, Profile


def user_for_subject(issuer: str, subject: str) -> Any:
    """The active user linked to this identity, or None (registered with core.oidc)."""
    identity = (
        OIDCIdentity.objects.select_related("user")
        .filter(issuer=issuer.rstrip("/"), subject_hash=subject_hash(issuer, subject))
        .first()
    )
    if identity is None or not identity.user.is_active:
        return None
    return identity.user


def user_for_sign_in(issuer: str, claims: dict[str, Any]) -> Any:
    """The user of a verified sign-in: the linked account, else a new one from the claims.
    An inactive linked account gives None."""
    issuer = issuer.rstrip("/")
    digest = subject_hash(issuer, str(claims["sub"]))
    identity = OIDCIdentity.objects.select_related("user").filter(
        issuer=issuer, subject_hash=digest
    )
    found = identity.first()
    if found is None:
        try:
            with transaction.atomic():
                found = _create(issuer, digest, claims)
        except IntegrityError:  # a parallel first sign-in of the same identity
            found = identity.get()
    if not found.user.is_active:
        return None
    OIDCIdentity.objects.filter(pk=found.pk).update(last_login_at=timezone.now())
    return found.user


def _create(issuer: str, digest: str, claims: dict[str, Any]) -> OIDCIdentity:
    user_model = get_user_model()
    name = str(
        claims.get("name")
        or " ".join(
            str(claims.get(part) or "") for part in ("family_name", "middle_name", "given_name")
        )
    ).strip()
    email = str(claims.get("email") or "") if claims.get("email_verified", True) else ""
    user = user_model.objects.create_user(
        username=f"oidc-{digest[:24]}", email=email, first_name=name[:150]
    )
    Profile.objects.create(user=user, email_confirmed_at=timezone.now() if email else None)
    return OIDCIdentity.objects.create(user=user, issuer=issuer, subject_hash=digest)
