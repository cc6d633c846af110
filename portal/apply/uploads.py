"""The files of an application post: one input per document of the case (``_doc.<code>``),
each checked as the attachment service will check it (PDF, JPEG or PNG; the size limit)."""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from workflows.models import ProcedureCase
from workflows.services.attachments import DEFAULT_MAX_BYTES, sniff_content_type
from workflows.services.submission import SubmittedDocument

PREFIX = "_doc."
ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


def max_bytes() -> int:
    return int(getattr(settings, "MOTCUA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def uploads_read(
    files: Any, case: ProcedureCase
) -> tuple[list[SubmittedDocument], dict[str, list[str]]]:
    """(the good uploads, the problems keyed ``documents.<code>``)."""
    documents: list[SubmittedDocument] = []
    problems: dict[str, list[str]] = {}
    for code in sorted(case.document_codes()):
        upload: UploadedFile | None = files.get(PREFIX + code)
        if upload is None:
            continue
        problem = _problem(upload)
        if problem:
            problems[f"documents.{code}"] = [problem]
        else:
            documents.append(SubmittedDocument(code, upload.name or code, upload))
    return documents, problems


def _problem(upload: UploadedFile) -> str:
    limit = max_bytes()
    if not upload.size:
        return _("The file is empty.")
    if upload.size > limit:
        return _("The file is larger than %(mib)s MiB.") % {"mib": limit // 2**20}
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if sniff_content_type(head) is None:
        return _("Only PDF, JPEG and PNG files are accepted.")
    return ""
