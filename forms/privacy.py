"""The privacy notice a form shows before submitting (Decree 13/2023/NĐ-CP), and its hash:
the consent records which text was shown (version and SHA-256)."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.language import load_form
from forms.text import nfc


@dataclass(frozen=True)
class PrivacyNotice:
    children: bool  # the data is a child's: a parent's consent is required
    version: str
    text: str  # NFC, stripped
    sha256: str  # of ``text`` in UTF-8


def privacy_notice(schema: Mapping[str, Any]) -> PrivacyNotice | None:
    """The form's privacy notice, or ``None`` if it has none."""
    privacy = load_form(schema).privacy
    if privacy is None:
        return None
    text = nfc(privacy.notice)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return PrivacyNotice(
        children=privacy.children, version=privacy.version, text=text, sha256=digest
    )
