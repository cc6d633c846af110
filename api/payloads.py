"""Reading a write's body: ``multipart/form-data`` with a ``payload`` part (JSON) and the files,
each in a part named ``documents.<document code>`` (repeat the name for several files), or a
plain ``application/json`` body (the payload, no files)."""

import json
from typing import Any, TypeVar

from django.conf import settings
from django.core.files import File
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ValidationError

from api.errors import PayloadInvalid
from workflows.models import ProcedureCase
from workflows.services.attachments import DEFAULT_MAX_BYTES, sniff_content_type
from workflows.services.submission import SubmittedDocument

S = TypeVar("S", bound=Schema)
FILE_PREFIX = "documents."


def read_payload(request: HttpRequest, schema: type[S]) -> S:
    """The payload validated by ``schema`` (PayloadInvalid by path otherwise)."""
    content_type = request.content_type or ""
    if content_type.startswith("multipart/form-data"):
        raw: Any = request.POST.get("payload", "")
        if not raw:
            raise PayloadInvalid({"payload": [_("Send the data as a JSON part named payload.")]})
    elif content_type == "application/json":
        raw = request.body
    else:
        raise PayloadInvalid(
            {"payload": [_("Send multipart/form-data (with files) or application/json.")]}
        )
    try:
        value = json.loads(raw)
    except ValueError:
        raise PayloadInvalid({"payload": [_("The payload is not valid JSON.")]}) from None
    try:
        return schema.model_validate(value)
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "payload"
            errors.setdefault(where, []).append(error["msg"])
        raise PayloadInvalid(errors) from None


def read_documents(request: HttpRequest) -> list[SubmittedDocument]:
    """The uploaded files, one SubmittedDocument per file, by the document code in their
    part's name; a part not named ``documents.<code>`` is refused."""
    documents: list[SubmittedDocument] = []
    stray = []
    for name in request.FILES:
        if not name.startswith(FILE_PREFIX) or name == FILE_PREFIX:
            stray.append(name)
            continue
        code = name[len(FILE_PREFIX) :]
        for upload in request.FILES.getlist(name):
            documents.append(SubmittedDocument(code, upload.name or "", upload))
    if stray:
        raise PayloadInvalid(
            {name: [_("Name each file's part documents.<document code>.")] for name in stray}
        )
    return documents


def check_documents(case: ProcedureCase, documents: list[SubmittedDocument]) -> None:
    """Each file of a supplementation checked as a submission's are (the case's document
    codes, not empty, the size limit, PDF/JPEG/PNG by their bytes), every problem by
    ``documents.<code>`` (PayloadInvalid), before the service stores any."""
    known = case.document_codes()
    max_bytes = int(getattr(settings, "MOTCUA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))
    problems: dict[str, list[str]] = {}
    for document in documents:
        key = f"{FILE_PREFIX}{document.document_code}"
        size, head = _measure(document.content)
        if document.document_code not in known:
            message = _("This document is not part of the case.")
        elif size == 0:
            message = _("The file is empty.")
        elif size > max_bytes:
            message = _("The file is larger than %(mib)s MiB.") % {"mib": max_bytes // 2**20}
        elif sniff_content_type(head) is None:
            message = _("Only PDF, JPEG and PNG files are accepted.")
        else:
            continue
        problems.setdefault(key, []).append(message)
    if problems:
        raise PayloadInvalid(problems)


def _measure(content: bytes | File) -> tuple[int, bytes]:
    if isinstance(content, bytes | bytearray):
        return len(content), bytes(content[:16])
    content.seek(0)
    head = content.read(16)
    content.seek(0)
    return int(content.size or 0), head
