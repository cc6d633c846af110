"""The applicant's answer to the supplementation request (online, or an officer recording a
paper answer): the new data and files, a revision, the clock resumed, the dossier back at the
step that asked. The dossier code never changes."""

from collections.abc import Sequence
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Process

from forms import form_data_clean, form_personal_merge, form_personal_split
from workflows.engine import event_deliver, process_of
from workflows.errors import SupplementationNotOpen
from workflows.models import Dossier, DossierRevision, SupplementationRequest
from workflows.services.attachments import dossier_attachment_add
from workflows.services.clock import clock_resume
from workflows.services.processing_log import dossier_log
from workflows.services.revisions import dossier_revision_add

EVENT = "supplementation_received"


def dossier_supplement(
    *,
    dossier: Dossier,
    by: Any,
    data: dict[str, Any] | None = None,
    documents: Sequence[Any] = (),
    note: str = "",
) -> Dossier:
    """Answer the open supplementation request of ``dossier``.

    ``data`` is merged over the dossier's current form data (what is sent replaces) and the
    whole is cleaned against the version's form schema (FormDataInvalid); ``documents``
    (SubmittedDocument: a document code, a name, bytes or a file) are added to the dossier's
    files (AttachmentRejected). Then a revision (reason supplemented), the request answered,
    the clock resumed (the due moment moves by the office time the pause took), the status the
    dossier had before the request given back, and the process returns to the step that
    asked. Raises SupplementationNotOpen when no request is waiting for an answer."""
    with transaction.atomic():
        # the process's row first, as the engine and the reception services take it (then
        # the dossier's): the same order everywhere, no deadlock with a parallel branch
        process = process_of(dossier)
        if process is not None:
            Process.objects.select_for_update().filter(pk=process.pk).values_list("pk").first()
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("version", "case", "receiving_agency")
            .get(pk=dossier.pk)
        )
        request = (
            SupplementationRequest.objects.select_for_update(of=("self",))
            .select_related("pause")
            .filter(dossier=dossier)
            .first()
        )
        if request is None or request.answered_at is not None:
            raise SupplementationNotOpen(_("No supplementation request of this dossier is open."))
        if data:
            _merge_data(dossier, data)
        for document in documents:
            dossier_attachment_add(
                dossier=dossier,
                document_code=document.document_code,
                upload=_as_file(document.content, document.name),
                uploaded_by=by,
            )
        dossier_revision_add(
            dossier=dossier, reason=DossierRevision.Reason.SUPPLEMENTED, actor=by, note=note
        )
        request.answered_at, request.answer_note = timezone.now(), note
        request.save(update_fields=["answered_at", "answer_note"])
        pause = clock_resume(dossier=dossier, pause=request.pause, by=by)
        before, dossier.status = dossier.status, pause.status_before
        dossier.save(update_fields=["status", "updated_at"])
        dossier_log(
            dossier=dossier,
            actor=by,
            action="supplemented",
            step=request.step,
            from_status=before,
            to_status=dossier.status,
        )
        event_deliver(dossier=dossier, event=EVENT, payload={"request": request.pk})
    return Dossier.objects.select_related("case", "receiving_agency").get(pk=dossier.pk)


def _merge_data(dossier: Dossier, data: dict[str, Any]) -> None:
    """The form as it stands (data, with the personal fields put back from ``personal``) with
    ``data`` over it, cleaned and split again into ``personal`` and ``data``."""
    schema = dossier.version.form_schema or {}
    personal: dict[str, Any] = dict(dossier.personal or {})
    current = form_personal_merge(schema, personal, dossier.data or {})
    cleaned = form_data_clean(schema, {**current, **data})
    new_personal, new_data = form_personal_split(schema, cleaned)
    for role, details in (new_personal or {}).items():
        personal[role] = {**(personal.get(role) or {}), **(details or {})}
    dossier.personal, dossier.data = personal, new_data
    dossier.save(update_fields=["personal", "data", "updated_at"])


def _as_file(content: Any, name: str) -> File:
    if isinstance(content, File):
        if not content.name:
            content.name = name
        return content
    return ContentFile(bytes(content), name=name)
