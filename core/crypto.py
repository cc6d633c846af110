"""Encryption of personal data at rest (Decree 13/2023/NĐ-CP).

Fernet (AES-128-CBC + HMAC-SHA256) from ``cryptography``, with MultiFernet for
rotation: the first key in MOTCUA_FIELD_KEYS encrypts, every key decrypts.
Without configured keys, one is derived from SECRET_KEY with HKDF.
"""

import base64
import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

from core.fields import JSONTextField


def _derived_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"motcua field encryption")
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


@cache
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    raw = [k.encode() for k in keys] or [_derived_key(secret)]
    return MultiFernet([Fernet(k) for k in raw])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.MOTCUA_FIELD_KEYS), settings.SECRET_KEY)


def encrypt_json(value: Any) -> str:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return fernet().encrypt(data.encode()).decode()


def decrypt_json(token: str) -> Any:
    try:
        return json.loads(fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        raise ValueError("encrypted value cannot be read with the configured keys") from exc


class EncryptedJSONField(JSONTextField):
    """A JSON value stored as a Fernet token: unreadable in a dump or a replica."""

    description = "JSON, encrypted at rest"

    def encode(self, value: Any) -> str:
        return encrypt_json(value)

    def decode(self, text: str) -> Any:
        return decrypt_json(text)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("gAAAA"):
            return decrypt_json(value)
        return value

    def formfield(
        self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any
    ) -> Any:
        return models.TextField.formfield(
            self, form_class=form_class, choices_form_class=choices_form_class, **kwargs
        )
