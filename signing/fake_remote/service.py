"""The fake service's state and operations (the views are thin over these)."""

import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

from core.crypto import decrypt_json, encrypt_json
from signing.devca import DevCA, dev_dir, dev_signer_issue
from signing.pki import Issued, issued_load

PREFIX = "signing-fake:"
TTL = 3600
STATES = ("pending", "approved", "rejected", "expired")


def fake_api_key() -> str:
    """The fake's API key (derived from SECRET_KEY; shown on the phone page)."""
    return salted_hmac("motcua.signing.fake", "api key", algorithm="sha256").hexdigest()[:32]


def api_key_ok(header: str) -> bool:
    return constant_time_compare(header, f"Bearer {fake_api_key()}")


def _key_path(user_id: str) -> Path:
    name = hashlib.sha256(user_id.encode()).hexdigest()[:24]
    return dev_dir() / "fake-remote" / f"{name}.p12"


def fake_signer(*, ca: DevCA, user_id: str) -> Issued:
    """The user's key at the fake service, issued on first use."""
    path = _key_path(user_id)
    secret = path.with_suffix(".json")
    try:
        passphrase = decrypt_json(json.loads(secret.read_text())["v"])
        return issued_load(pkcs12_data=path.read_bytes(), passphrase=passphrase)
    except (OSError, KeyError, ValueError):
        pass
    issued_path, passphrase, _cert = dev_signer_issue(
        ca=ca,
        file_name=path.stem,
        common_name=user_id,
        organisation="motcua fake remote signing",
        folder="fake-remote",
    )
    secret.write_text(json.dumps({"v": encrypt_json(passphrase)}))
    secret.chmod(0o600)
    return issued_load(pkcs12_data=issued_path.read_bytes(), passphrase=passphrase)


def transaction_create(*, user_id: str, digest: bytes, reference: str) -> str:
    tx = secrets.token_urlsafe(16)
    cache.set(
        PREFIX + tx,
        {
            "user_id": user_id,
            "hash": digest.hex(),
            "status": "pending",
            "reference": reference[:120],
        },
        TTL,
    )
    index = cache.get(PREFIX + "user:" + user_id) or []
    cache.set(PREFIX + "user:" + user_id, [*index[-49:], tx], TTL)
    return tx


def transaction_get(tx: str) -> dict[str, Any] | None:
    value = cache.get(PREFIX + tx)
    return value if isinstance(value, dict) else None


def transactions_of(user_id: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for tx in reversed(cache.get(PREFIX + "user:" + user_id) or []):
        value = transaction_get(tx)
        if value is not None:
            found.append((tx, value))
    return found


def transaction_answer(*, tx: str, user_id: str, status: str) -> bool:
    """The phone's answer; only the request's own user, only while pending."""
    value = transaction_get(tx)
    if value is None or value["user_id"] != user_id or value["status"] != "pending":
        return False
    value["status"] = status
    cache.set(PREFIX + tx, value, TTL)
    return True


def transaction_signature(*, ca: DevCA, value: dict[str, Any]) -> bytes:
    """The signature of the approved hash (RSA PKCS#1 v1.5 over the SHA-256 digest)."""
    key = fake_signer(ca=ca, user_id=value["user_id"]).key
    return key.sign(bytes.fromhex(value["hash"]), padding.PKCS1v15(), Prehashed(hashes.SHA256()))
