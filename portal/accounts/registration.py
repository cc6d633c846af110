"""Sign-up of a citizen: an inactive account until the e-mailed code confirms the address.

Signing up with an address that already has an account creates nothing and tells the address's
owner by e-mail; the page shown is the same, so sign-up never reveals whether an account exists.
An account never confirmed is not the address's: signing up again replaces its details."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .codes import code_issue
from .models import EmailCode, Profile


def account_sign_up(*, full_name: str, email: str, phone: str, password: str) -> Any:
    """The inactive account waiting for its code, or None when the address has an account."""
    user_model = get_user_model()
    with transaction.atomic():
        existing = (
            user_model.objects.select_for_update()
            .filter(Q(username__iexact=email) | Q(email__iexact=email))
            .first()
        )
        if existing is not None and not _unconfirmed(existing):
            send_mail(
                _("Someone tried to sign up with your address"),
                render_to_string("portal/accounts/email/exists.txt", {"user": existing}),
                None,
                [email],
            )
            return None
        user = existing or user_model(username=email)
        user.email = email
        user.first_name = full_name[:150]
        user.is_active = False
        user.set_password(password)
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"phone": phone or None})
        code_issue(user=user, purpose=EmailCode.Purpose.SIGNUP)
    return user


def account_confirm(*, user: Any) -> None:
    """The address is confirmed: the account becomes active."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    Profile.objects.update_or_create(user=user, defaults={"email_confirmed_at": timezone.now()})


def _unconfirmed(user: Any) -> bool:
    if user.is_active:
        return False
    profile = Profile.objects.filter(user=user).first()
    return profile is not None and profile.email_confirmed_at is None


def unconfirmed_with_password(username: str, password: str) -> Any:
    """An account waiting for its code whose password this is (the sign-in page sends its
    owner back to the code), else None."""
    user_model = get_user_model()
    lookup = Q(username__iexact=username) | Q(email__iexact=username)
    for user in user_model.objects.filter(lookup, is_active=False)[:2]:
        if _unconfirmed(user) and user.check_password(password):
            return user
    return None
