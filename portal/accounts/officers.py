"""Officers and their second factor: an account with staff status or an agency membership
signs in with a code from an authenticator app (django-otp TOTP) once it has one; with
MOTCUA_OFFICER_OTP_REQUIRED on, an officer without one sets it up before signing in."""

from typing import Any

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from workflows.selectors.memberships import memberships_for


def is_officer(user: Any) -> bool:
    return bool(user.is_staff or user.is_superuser or memberships_for(user).exists())


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_factor(user: Any) -> str:
    """ "verify" (a code from the user's app), "setup" (an app to set up first) or ""."""
    if not is_officer(user):
        return ""
    if confirmed_device(user) is not None:
        return "verify"
    return "setup" if settings.MOTCUA_OFFICER_OTP_REQUIRED else ""
