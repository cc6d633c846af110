"""The signed-in applicant's dossiers: the list, one with its files and issued documents, the
downloads, and the answer to a supplementation request. Another's dossier answers 404."""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from api.auth import AUTH
from api.payloads import check_documents, read_documents, read_payload
from api.ratelimits import rate_limit
from api.routers.dossiers import multipart_body
from api.schemas import (
    ErrorOut,
    MyDossierOut,
    MyDossiersOut,
    SupplementationIn,
    ValidationErrorOut,
)
from core.audit.models import AccessLogEntry
from core.audit.services import access_record
from workflows.files import dossier_file_response
from workflows.models import Dossier, DossierAttachment
from workflows.selectors.issued_documents import documents_issued
from workflows.selectors.timeline import dossier_timeline
from workflows.services.supplementation import dossier_supplement

router = Router(tags=["my dossiers"], auth=AUTH)

PDF_RESPONSE = {
    "200": {
        "description": "The file.",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


class Page(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


def my_dossier(request: HttpRequest, code: str) -> Dossier:
    """The caller's own dossier with this code, else 404 (whoever else's it is)."""
    dossier = (
        Dossier.objects.select_related("version__procedure", "case")
        .filter(code=code.strip().upper(), applicant_id=request.user.pk)
        .first()
    )
    if dossier is None:
        raise Http404
    return dossier


def _item(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    code = str(dossier.code)
    procedure = dossier.version.procedure
    return {
        "code": code,
        "procedure": {"code": procedure.code, "name": procedure.name},
        "case": dossier.case.code,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "submitted_at": dossier.submitted_at,
        "appointment_date": dossier.appointment_date,
        "url": request.build_absolute_uri(reverse("api:my-dossier", args=[code])),
    }


@router.get(
    "/my/dossiers",
    response={200: MyDossiersOut, 401: ErrorOut, 422: ValidationErrorOut},
    summary="My dossiers",
    url_name="my-dossiers",
)
def my_dossiers(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    """The dossiers the caller submitted online, newest first."""
    dossiers = (
        Dossier.objects.filter(applicant_id=request.user.pk, code__isnull=False)
        .select_related("version__procedure", "case")
        .order_by("-created_at", "-pk")
    )
    window = dossiers[page.offset : page.offset + page.limit]
    return {"count": dossiers.count(), "items": [_item(request, d) for d in window]}


@router.get(
    "/my/dossiers/{code}",
    response={200: MyDossierOut, 401: ErrorOut, 404: ErrorOut},
    summary="One of my dossiers",
    url_name="my-dossier",
)
def my_dossier_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    """The dossier with the caller's data, files, the documents issued (Form 01 and its QR
    code, Form 02, Form 03, the acknowledgement, the result: links to download), the open
    supplementation request and the timeline."""
    dossier = my_dossier(request, code)
    access_record(
        actor=request.user, action=AccessLogEntry.Action.VIEW, obj=dossier, path=request.path
    )
    link = request.build_absolute_uri
    attachments = [
        {
            "id": a.pk,
            "document_code": a.document_code,
            "name": a.original_name,
            "content_type": a.content_type,
            "size": a.size,
            "uploaded_at": a.uploaded_at,
            "url": link(reverse("api:my-attachment", args=[dossier.code, a.pk])),
        }
        for a in dossier.attachments.order_by("pk")
    ]
    documents = [
        {
            "id": d.pk,
            "kind": d.kind,
            "kind_label": d.get_kind_display(),
            "issued_at": d.created_at,
            "size": d.size,
            "url": link(reverse("api:my-document", args=[dossier.code, d.pk])),
        }
        for d in documents_issued(dossier).order_by("created_at", "pk")
    ]
    timeline = dossier_timeline(dossier_id=dossier.pk, definition=dossier.version.definition)
    return {
        **_item(request, dossier),
        "tracking_secret": dossier.tracking_secret,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "personal": dossier.personal or {},
        "data": dossier.data or {},
        "attachments": attachments,
        "documents": documents,
        "supplementation": _supplementation(dossier),
        "fees": _fees(dossier),
        "timeline": [item.as_json() for item in timeline],
    }


def _fees(dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {
            "id": fee.pk,
            "name": fee.name,
            "amount": fee.amount,
            "status": fee.status,
            "status_label": fee.get_status_display(),
            "method": fee.method,
            "paid_at": fee.paid_at,
            "receipt_number": fee.receipt_number,
        }
        for fee in dossier.fees.order_by("pk")
    ]


def _supplementation(dossier: Dossier) -> dict[str, Any] | None:
    request = getattr(dossier, "supplementation", None)
    if request is None:
        return None
    return {
        "open": request.answered_at is None,
        "requested_at": request.requested_at,
        "reason": request.reason,
        "items": [
            {
                "document_code": str(item.get("document_code") or ""),
                "name": str(item.get("name") or ""),
                "note": str(item.get("note") or ""),
            }
            for item in request.items or []
        ],
        "answered_at": request.answered_at,
    }


def _file_response(
    request: HttpRequest, dossier: Dossier, file: Any, name: str, content_type: str
) -> FileResponse:
    return dossier_file_response(
        request, dossier=dossier, file=file, name=name, content_type=content_type
    )


@router.get(
    "/my/dossiers/{code}/documents/{document_id}",
    response={401: ErrorOut, 404: ErrorOut},
    summary="Download an issued document (PDF)",
    url_name="my-document",
    openapi_extra={"responses": PDF_RESPONSE},
)
def my_document(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    dossier = my_dossier(request, code)
    document = documents_issued(dossier).filter(pk=document_id).first()
    if document is None:
        raise Http404
    name = f"{dossier.code}-{document.kind}.pdf"
    return _file_response(request, dossier, document.file, name, "application/pdf")


@router.get(
    "/my/dossiers/{code}/attachments/{attachment_id}",
    response={401: ErrorOut, 404: ErrorOut},
    summary="Download one of my files",
    url_name="my-attachment",
    openapi_extra={"responses": PDF_RESPONSE},
)
def my_attachment(request: HttpRequest, code: str, attachment_id: int) -> FileResponse:
    dossier = my_dossier(request, code)
    attachment = DossierAttachment.objects.filter(pk=attachment_id, dossier=dossier).first()
    if attachment is None:
        raise Http404
    return _file_response(
        request, dossier, attachment.file, attachment.original_name, attachment.content_type
    )


@router.post(
    "/my/dossiers/{code}/supplementation",
    response={
        200: MyDossierOut,
        401: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
    },
    summary="Answer the supplementation request",
    url_name="my-supplementation",
    openapi_extra={"requestBody": multipart_body("SupplementationIn", "changed fields, a note")},
)
def my_supplementation(request: HttpRequest, code: str) -> dict[str, Any]:
    """Send what the agency asked for: changed form fields (merged over the dossier's data and
    checked again, 422) and files; the legal clock resumes and the dossier goes back to the
    step that asked. 409 when no request is open (none, or already answered)."""
    dossier = my_dossier(request, code)
    rate_limit(request, "api.write", key="user", setting="MOTCUA_API_WRITE_RATE")
    payload = read_payload(request, SupplementationIn)
    documents = read_documents(request)
    check_documents(dossier.case, documents)
    dossier_supplement(
        dossier=dossier, by=request.user, data=payload.data, documents=documents, note=payload.note
    )
    return my_dossier_detail(request, code)
