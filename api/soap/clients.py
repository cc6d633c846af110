"""SOAP clients (api.models.SoapClient): made with a key shown once, found by the key sent in
``X-Api-Key`` or by the client certificate's fingerprint the proxy forwards.

A key is ``ms_`` and 43 characters of URL-safe base64 (256 random bits); the database keeps
its SHA-256, looked up on a unique index (no comparison of secrets in Python).
"""

import hashlib
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import unquote

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from api.models import SoapClient
from workflows.models import Agency

KEY_PREFIX = "ms_"
MAX_KEY_LENGTH = 200
LAST_USED_RESOLUTION = timedelta(minutes=1)


def key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def soap_client_create(
    *,
    agency: Agency,
    name: str,
    operations: list[str],
    certificate_sha256: str = "",
) -> tuple[SoapClient, str]:
    """A new client of ``agency`` with its service account: (the row, the key to show once)."""
    secret = secrets.token_urlsafe(32)
    raw = f"{KEY_PREFIX}{secret}"
    with transaction.atomic():
        account: Any = get_user_model().objects.create_user(
            username=f"soap-{secret[:12].lower()}", password=None
        )
        client = SoapClient.objects.create(
            agency=agency,
            name=name.strip()[:100],
            account=account,
            prefix=secret[:8],
            key_hash=key_hash(raw),
            certificate_sha256=fingerprint_normalise(certificate_sha256),
            operations=sorted(set(operations)),
        )
    return client, raw


def fingerprint_normalise(value: str) -> str:
    """A SHA-256 fingerprint as 64 lower-case hex digits (colons and case as proxies write it
    removed); "" when it is not one."""
    text = value.replace(":", "").strip().lower()
    if len(text) != 64 or any(char not in "0123456789abcdef" for char in text):
        return ""
    return text


def certificate_fingerprint(header: str) -> str:
    """The SHA-256 fingerprint of the certificate a trusted proxy forwarded: the header holds
    the URL-escaped PEM (nginx's $ssl_client_escaped_cert) or a hex fingerprint (proxies
    that compute one); "" when it is neither."""
    text = unquote(header).strip()
    if not text.startswith("-----BEGIN CERTIFICATE-----"):
        return fingerprint_normalise(text)
    try:
        certificate = x509.load_pem_x509_certificate(text.encode("ascii"))
    except ValueError:
        return ""
    return certificate.fingerprint(hashes.SHA256()).hex()


def soap_client_authenticate(*, key: str = "", certificate_sha256: str = "") -> SoapClient | None:
    """The active client the key (or else the certificate fingerprint) belongs to; notes
    when it was used."""
    found: SoapClient | None = None
    clients = SoapClient.objects.select_related("agency", "account").filter(active=True)
    if key:
        if key.startswith(KEY_PREFIX) and len(key) <= MAX_KEY_LENGTH:
            found = clients.filter(key_hash=key_hash(key)).first()
    elif certificate_sha256:
        fingerprint = certificate_fingerprint(certificate_sha256)
        if fingerprint:
            found = clients.filter(certificate_sha256=fingerprint).first()
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_RESOLUTION:
        SoapClient.objects.filter(pk=found.pk).update(last_used_at=now)
    return found
