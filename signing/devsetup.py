"""`manage.py signing_dev_setup`: the development CA, its TSA, an agency seal per agency
and a personal signature per leader, as active development SignerProfiles (pkcs12).

Idempotent: a profile whose certificate comes from the current development root is left
alone; one from an older root (the CA was made again) gets a new certificate.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from signing.devca import DevCA, dev_ca_create, dev_signer_issue
from signing.models import SignerProfile

LEADER_TITLE = "Lãnh đạo"


@dataclass(frozen=True)
class DevSetupResult:
    ca_created: bool
    issued: list[str]


def _root_id(ca: DevCA) -> str:
    return hashlib.sha256(ca.root.cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _ensure(
    *, ca: DevCA, lookup: dict, file_name: str, name: str, title: str, organisation: str
) -> bool:
    profile = SignerProfile.objects.filter(development=True, **lookup).first()
    if profile is not None and profile.config.get("root") == _root_id(ca):
        return False
    path, passphrase, _cert = dev_signer_issue(
        ca=ca, file_name=file_name, common_name=name, organisation=organisation, title=title
    )
    config = {"path": str(path), "passphrase": passphrase, "root": _root_id(ca)}
    SignerProfile.objects.update_or_create(
        development=True,
        **lookup,
        defaults={
            "name": name,
            "title": title,
            "organisation": organisation,
            "backend": "pkcs12",
            "config": config,
            "active": True,
        },
    )
    return True


def signing_dev_setup(
    *, agencies: list[tuple[str, str]], leaders: list[tuple[str, str]]
) -> DevSetupResult | None:
    """``agencies``: (code, name); ``leaders``: (username, agency code). Does nothing and
    returns None when the development CA is off (MOTCUA_SIGNING_DEV)."""
    if not settings.MOTCUA_SIGNING_DEV:
        return None
    ca, created = dev_ca_create()
    names = dict(agencies)
    issued: list[str] = []
    users = get_user_model().objects.filter(username__in=[u for u, _a in leaders])
    by_name = {user.get_username(): user for user in users}
    with transaction.atomic():
        for code, name in agencies:
            lookup: dict[str, Any] = {
                "kind": SignerProfile.Kind.AGENCY,
                "agency_code": code,
                "user": None,
            }
            if _ensure(
                ca=ca,
                lookup=lookup,
                file_name=f"agency-{code}",
                name=name,
                title="",
                organisation=name,
            ):
                issued.append(f"agency seal {code}")
        for username, code in leaders:
            user = by_name.get(username)
            if user is None:
                continue
            lookup = {"kind": SignerProfile.Kind.PERSONAL, "agency_code": code, "user": user}
            full_name = user.get_full_name() or username
            if _ensure(
                ca=ca,
                lookup=lookup,
                file_name=f"leader-{user.pk}-{code}",
                name=full_name,
                title=LEADER_TITLE,
                organisation=names.get(code, code),
            ):
                issued.append(f"personal signature {username} ({code})")
    return DevSetupResult(ca_created=created, issued=issued)
