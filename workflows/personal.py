"""Keyed hashes of identity numbers: find a person's dossiers without storing the number.

The number itself lives only inside the encrypted ``personal`` field; what is
indexed is HMAC-SHA256 of the normalised number, under a key derived from
SECRET_KEY (HKDF, its own label: never the key that encrypts the fields). A
leaked table then gives neither the numbers nor a way to test guesses offline.
Changing SECRET_KEY changes every hash: recompute them when it rotates.
"""

import hashlib
import hmac
import re
from functools import cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_SEPARATORS = re.compile(r"[\s.\-/]")


@cache
def _lookup_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"motcua id-number lookup")
    return hkdf.derive(secret.encode())


def normalise_id_number(value: str) -> str:
    """The form an ID number is hashed in: no spaces, dots or hyphens, upper case."""
    return _SEPARATORS.sub("", value).upper()


def id_number_hash(value: str) -> str:
    """The lookup hash (64 hex digits) of an ID card, citizen ID or passport number."""
    normalised = normalise_id_number(value)
    if not normalised:
        return ""
    key = _lookup_key(settings.SECRET_KEY)
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


def normalise_name(value: str) -> str:
    """The form a person's name is hashed in: without accents (đ as d), lower case, single
    spaces; "Nguyễn  Văn An" and "nguyen van an" are the same name."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def name_hash(value: str) -> str:
    """The lookup hash of a full name (an officer searching a queue by the owner's name finds
    the dossiers whose owner has exactly that name, accents and case aside)."""
    normalised = normalise_name(value)
    if not normalised:
        return ""
    key = _lookup_key(settings.SECRET_KEY)
    return hmac.new(key, b"name:" + normalised.encode(), hashlib.sha256).hexdigest()
