"""Application drafts: what a citizen typed and the files chosen so far, kept for later."""

from collections.abc import Sequence
from typing import Any

from django.core.files import File
from django.db import transaction

from portal.models import ApplicationDraft, DraftFile
from workflows.models import ProcedureCase, ProcedureVersion
from workflows.services.submission import SubmittedDocument


def draft_for(*, owner: Any, draft_id: Any) -> ApplicationDraft | None:
    """The owner's draft with this id (anyone else's: None)."""
    if not str(draft_id or "").isdigit():
        return None
    return ApplicationDraft.objects.filter(pk=int(draft_id), owner=owner).first()


def draft_save(
    *,
    owner: Any,
    version: ProcedureVersion,
    case: ProcedureCase,
    draft: ApplicationDraft | None,
    data: dict[str, Any] | None,
    files: Sequence[SubmittedDocument],
) -> ApplicationDraft:
    """Create or update the draft: ``data`` replaces the data (None: kept), each file replaces
    the draft's file of its document."""
    with transaction.atomic():
        if draft is None:
            # the encrypted JSON field types as text for django-stubs: its value goes untyped
            values: dict[str, Any] = {"data": data or {}}
            draft = ApplicationDraft.objects.create(
                owner=owner, version=version, case=case, **values
            )
        elif data is not None:
            draft.data = data
            draft.save(update_fields=["data", "updated_at"])
        for document in files:
            draft_file_put(draft=draft, document=document)
    return draft


def draft_file_put(*, draft: ApplicationDraft, document: SubmittedDocument) -> DraftFile:
    content = document.content
    old = DraftFile.objects.filter(draft=draft, document_code=document.document_code).first()
    if old is not None:
        old.file.delete(save=False)
        old.delete()
    stored = DraftFile(
        draft=draft,
        document_code=document.document_code,
        original_name=document.name[:200],
        size=getattr(content, "size", 0) or 0,
    )
    stored.file.save(document.name, content, save=False)
    stored.save()
    return stored


def draft_documents(draft: ApplicationDraft | None, *, except_codes: set[str]) -> list[Any]:
    """The draft's files as documents to submit, but those replaced by a new upload."""
    if draft is None:
        return []
    return [
        SubmittedDocument(
            f.document_code, f.original_name, File(f.file.open("rb"), f.original_name)
        )
        for f in draft.files.all()
        if f.document_code not in except_codes
    ]


def draft_delete(*, draft: ApplicationDraft) -> None:
    for stored in draft.files.all():
        stored.file.delete(save=False)
    draft.delete()
