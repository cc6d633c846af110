"""Storing a file attached to a dossier: type sniffed from its bytes, name sanitised,
path random, size and SHA-256 recorded."""

import hashlib
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.files import File

from workflows.errors import AttachmentRejected
from workflows.models import Dossier, DossierAttachment

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_SIGNATURES = [
    (b"%PDF-", DossierAttachment.ContentType.PDF),
    (b"\xff\xd8\xff", DossierAttachment.ContentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", DossierAttachment.ContentType.PNG),
]
_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
_NAME_LIMIT = 200


def sniff_content_type(head: bytes) -> str | None:
    """The whitelisted type a file's first bytes announce, whatever its name says."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return str(content_type)
    return None


def sanitise_filename(name: str) -> str:
    """A display name safe to store and to send back in Content-Disposition."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".")
    if len(name) > _NAME_LIMIT:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: _NAME_LIMIT - len(extension) - 1]}.{extension}"
        else:
            name = name[:_NAME_LIMIT]
    return name or "attachment"


def dossier_attachment_add(
    *, dossier: Dossier, document_code: str, upload: File, uploaded_by: Any
) -> DossierAttachment:
    """Store an uploaded file as one of the dossier's documents.

    Raises AttachmentRejected for a document code not in the case's list, an empty or
    oversized file, or bytes that are not PDF, JPEG or PNG.
    """
    if document_code not in dossier.case.document_codes():
        raise AttachmentRejected(f"document code {document_code!r} is not in the case's list")
    max_bytes = int(getattr(settings, "MOTCUA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))
    digest, size, head = hashlib.sha256(), 0, b""
    upload.seek(0)
    for chunk in upload.chunks():
        head += chunk[: max(0, 16 - len(head))]
        size += len(chunk)
        if size > max_bytes:
            raise AttachmentRejected(f"the file is larger than {max_bytes} bytes")
        digest.update(chunk)
    content_type = sniff_content_type(head)
    if size == 0 or content_type is None:
        raise AttachmentRejected("only PDF, JPEG and PNG files are accepted")
    upload.seek(0)
    attachment = DossierAttachment(
        dossier=dossier,
        document_code=document_code,
        original_name=sanitise_filename(upload.name or ""),
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
    )
    attachment.file.save("upload", upload, save=False)  # upload_to picks a random path
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
