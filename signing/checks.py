"""System checks of signing.

motcua.E160 (always, not only with --deploy): with DEBUG off, the development CA must not
be in use: not switched on (MOTCUA_SIGNING_DEV), its root not among the trust roots, no
active development signer profile. There is no override (MOTCUA_ALLOW_FAKES does not
apply): a document signed by a development key must never look valid.
motcua.W160 (--deploy): no timestamp authority, or an active profile whose key cannot be
reached.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.db import DatabaseError

from signing.devca import dev_root_pem
from signing.keys import certs_pem_load

CODE = "motcua.E160"


def _dev_root_trusted() -> bool:
    dev = dev_root_pem()
    if dev is None:
        return False
    dev_certs = {c.dump() for c in certs_pem_load(dev)}
    for path in settings.MOTCUA_SIGNING_TRUST_ROOTS:
        try:
            if dev_certs & {c.dump() for c in certs_pem_load(Path(path).read_bytes())}:
                return True
        except (OSError, ValueError):
            continue
    return False


def _active_dev_profiles() -> int:
    from signing.models import SignerProfile

    try:
        return SignerProfile.objects.filter(development=True, active=True).count()
    except DatabaseError:  # before the migrations
        return 0


@register()
def signing_development_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    issues: list[CheckMessage] = []
    hint = "Development keys are for DEBUG only; configure the agency's real signers."
    if settings.MOTCUA_SIGNING_DEV:
        issues.append(Error("The development CA is on (MOTCUA_SIGNING_DEV).", hint=hint, id=CODE))
    if _dev_root_trusted():
        issues.append(
            Error(
                "The development root CA is among MOTCUA_SIGNING_TRUST_ROOTS.", hint=hint, id=CODE
            )
        )
    count = _active_dev_profiles()
    if count:
        issues.append(
            Error(
                f"{count} active signer profile(s) use development keys.",
                hint=hint + " Deactivate them in the admin.",
                id=CODE,
            )
        )
    return issues


@register(deploy=True)
def signing_deploy_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    from signing.models import SignerProfile
    from signing.signers import backend_for

    issues: list[CheckMessage] = []
    if not settings.MOTCUA_SIGNING_TSA_URL and not settings.MOTCUA_SIGNING_DEV:
        issues.append(
            Warning(
                "No timestamp authority (MOTCUA_SIGNING_TSA_URL): nothing can be signed.",
                id="motcua.W160",
            )
        )
    try:
        profiles = list(SignerProfile.objects.filter(active=True))
    except DatabaseError:
        return issues
    for profile in profiles:
        try:
            problems = backend_for(profile).check_config()
        except Exception as exc:
            problems = [type(exc).__name__]
        issues.extend(
            Warning(f"Signer profile {profile.pk} ({profile.backend}): {p}", id="motcua.W160")
            for p in problems
        )
    return issues
