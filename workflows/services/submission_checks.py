"""What a submission must satisfy before anything is saved: the version and its case, the
receiving agency's scope, the form data, the case's documents and the consent. Every problem
is collected, keyed by where it is (a form field's path, ``documents.<code>``, ``consent``)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from forms import (
    FormDataInvalid,
    PrivacyNotice,
    form_data_clean,
    form_personal_split,
    form_routes,
    privacy_notice,
)
from workflows.models import Agency, ProcedureCase, ProcedureVersion
from workflows.services.attachments import DEFAULT_MAX_BYTES, sniff_content_type

from .consent import ConsentGiven, consent_problems


@dataclass(frozen=True)
class SubmittedDocument:
    """One uploaded file for a case's document code."""

    document_code: str
    name: str  # the file name as uploaded (never used as a path)
    content: bytes | File


@dataclass(frozen=True)
class CheckedSubmission:
    """A submission that passed every check: what the dossier is made of."""

    personal: dict[str, Any]
    data: dict[str, Any]
    competent_agency: Agency
    notice: PrivacyNotice | None
    files: list[tuple[str, File]]  # (document code, upload)


class _Problems(dict[str, list[str]]):
    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(message)


def submission_check(
    *,
    version: ProcedureVersion,
    case: ProcedureCase,
    data: dict[str, Any],
    documents: Sequence[SubmittedDocument],
    receiving_agency: Agency,
    competent_agency: Agency | None,
    consent: ConsentGiven | None,
) -> tuple[CheckedSubmission | None, dict[str, list[str]]]:
    """(the checked submission, {}) or (None, every problem by key); reads only."""
    problems = _Problems()
    if version.status != ProcedureVersion.Status.PUBLISHED:
        problems.add("version", _("This procedure version does not take new dossiers."))
    if case.version_id != version.pk:
        problems.add("case", _("This case does not belong to the procedure version."))
    if not _receives_for(receiving_agency, version):
        problems.add(
            "receiving_agency", _("This agency does not receive dossiers of this procedure.")
        )
    schema = version.form_schema or {}
    try:
        cleaned = form_data_clean(schema, data)
    except FormDataInvalid as exc:
        cleaned = {}
        for key, messages in exc.errors.items():
            problems.setdefault(key, []).extend(messages)
    files = _documents_check(case, documents, problems)
    notice = privacy_notice(schema)
    for message in consent_problems(notice=notice, consent=consent):
        problems.add("consent", message)
    competent = _competent(competent_agency, schema, cleaned, version, receiving_agency, problems)
    if problems or competent is None:
        return None, dict(problems)
    personal, rest = form_personal_split(schema, cleaned)
    return CheckedSubmission(personal, rest, competent, notice, files), {}


def _receives_for(agency: Agency, version: ProcedureVersion) -> bool:
    """An active agency inside the version's scope (no agency: the whole province)."""
    if not agency.active:
        return False
    if version.agency_id is None:
        return True
    scope = version.agency
    return scope is not None and agency.path.startswith(scope.path)


def _competent(
    given: Agency | None,
    schema: dict[str, Any],
    cleaned: dict[str, Any],
    version: ProcedureVersion,
    receiving: Agency,
    problems: _Problems,
) -> Agency | None:
    """The agency that decides: the one given, else the form's route, else the version's
    agency, else the receiving agency."""
    if given is not None:
        if not given.active:
            problems.add("competent_agency", _("This agency is no longer active."))
        return given
    code = form_routes(schema, cleaned).get("competent") if cleaned else None
    if code:
        routed = Agency.objects.filter(code=code, active=True).first()
        if routed is None:
            problems.add("competent_agency", _("This agency is no longer active."))
        return routed
    return version.agency if version.agency_id is not None else receiving


def _documents_check(
    case: ProcedureCase, documents: Sequence[SubmittedDocument], problems: _Problems
) -> list[tuple[str, File]]:
    """The uploads, each checked as ``dossier_attachment_add`` will (so that its refusal is
    one of the listed problems), and every required document present.

    By post, paper originals come in the envelope: a case cannot yet say which documents
    may then be missing from the upload, so the required ones are required on every channel.
    """
    known = case.document_codes()
    max_bytes = int(getattr(settings, "MOTCUA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))
    files: list[tuple[str, File]] = []
    for document in documents:
        key = f"documents.{document.document_code}"
        if document.document_code not in known:
            problems.add(key, _("This document is not part of the case."))
            continue
        upload = upload_file(document)
        size, head = _measure(upload)
        if size == 0:
            problems.add(key, _("The file is empty."))
        elif size > max_bytes:
            problems.add(
                key, _("The file is larger than %(mib)s MiB.") % {"mib": max_bytes // 2**20}
            )
        elif sniff_content_type(head) is None:
            problems.add(key, _("Only PDF, JPEG and PNG files are accepted."))
        files.append((document.document_code, upload))
    sent = {document.document_code for document in documents}
    for item in case.required_documents or []:
        if item.get("required") and item["code"] not in sent:
            problems.add(f"documents.{item['code']}", _("This document is required."))
    return files


def upload_file(document: SubmittedDocument) -> File:
    content = document.content
    if isinstance(content, File):
        if not content.name:
            content.name = document.name
        return content
    return ContentFile(bytes(content), name=document.name)


def _measure(upload: File) -> tuple[int, bytes]:
    upload.seek(0)
    size, head = 0, b""
    for chunk in upload.chunks():
        head += chunk[: max(0, 16 - len(head))]
        size += len(chunk)
    upload.seek(0)
    return size, head
