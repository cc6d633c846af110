"""The API's request and response bodies (pydantic, through ninja): what the OpenAPI schema
documents. Labels are in the request's language; codes and numbers are stable."""

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in the request's language.")


class ValidationErrorOut(Schema):
    errors: dict[str, list[str]] = Field(
        description="Messages by where: a form field's path (`owner_name`, `siblings.1.name`), "
        "`documents.<code>`, `consent`, `case`, `receiving_agency`, `payload`, `__all__`."
    )


# --- the catalogue ---------------------------------------------------------------------------


class AgencyOut(Schema):
    code: str
    name: str


class CatalogueItemOut(Schema):
    code: str = Field(description="The national procedure code.")
    name: str
    field: str
    online_level: str
    online_level_label: str
    version_id: int
    scope: AgencyOut | None = Field(description="The version's agency; null: the province.")
    case: str = Field(description="The first case's code.")
    deadline: str = Field(description="The legal deadline of the first case, as text.")
    fee_amount: int = Field(description="The first case's fee in VND.")


class CatalogueOut(Schema):
    count: int
    items: list[CatalogueItemOut]


class DocumentOut(Schema):
    code: str
    name: str
    originals: int
    copies: int
    required: bool
    note: str


class CaseOut(Schema):
    code: str
    name: str
    documents: list[DocumentOut]
    fee_amount: int
    fee_name: str
    deadline_amount: int
    deadline_unit: str
    deadline: str
    cutoff_applies: bool


class VersionOut(Schema):
    id: int
    number: int
    scope: AgencyOut | None
    published_at: datetime | None
    cases: list[CaseOut]
    steps: list[str] = Field(description="The workflow's steps, in the order a dossier meets them.")
    form_schema: dict[str, Any] = Field(
        description="The application form in the form language motcua/form@1 (docs/forms.md)."
    )
    receiving_agencies: list[AgencyOut] = Field(
        description="Agencies that may receive a dossier of this version (a reception officer)."
    )


class ProcedureOut(Schema):
    code: str
    name: str
    field: str
    online_level: str
    online_level_label: str
    legal_basis: str
    deciding_authority: str
    version: VersionOut
    other_versions: list[int] = Field(
        description="Ids of the procedure's other published versions (other scopes)."
    )


# --- submission ---------------------------------------------------------------------------


class ConsentIn(Schema):
    full_name: str
    relationship: str = Field(description="self, father, mother or guardian.")
    notice_version: str = Field(description="The `privacy.version` of the form that was shown.")


class SubmissionIn(Schema):
    """The `payload` part of the multipart body (or the whole JSON body without files)."""

    version: int = Field(description="The published version's id.")
    case: str = Field(description="The case's code.")
    receiving_agency: str | None = Field(
        None, description="An agency code; by default the version's scope agency."
    )
    data: dict[str, Any] = Field(default_factory=dict, description="The form's data.")
    consent: ConsentIn | None = None


class SubmissionOut(Schema):
    code: str
    tracking_secret: str = Field(description="With the code, opens the dossier on the site.")
    status: int
    status_label: str
    submitted_at: datetime | None
    created: bool = Field(description="False when the Idempotency-Key was seen before.")
    status_url: str
    dossier_url: str


class SupplementationIn(Schema):
    """The `payload` part of the multipart body (or the whole JSON body without files)."""

    data: dict[str, Any] = Field(
        default_factory=dict, description="Fields to change; the rest stays as it was."
    )
    note: str = ""


# --- public status -----------------------------------------------------------------------


class ProcedureRefOut(Schema):
    code: str
    name: str


class TimelineItemOut(Schema):
    kind: str = Field(
        description="submitted, step, pause, shipment (the result by post) or finished."
    )
    label: str
    step: str
    at: datetime
    until: datetime | None
    due_at: datetime | None
    timing: str = Field(description="early, on_time, late or empty.")
    status: int | None


class PublicStatusOut(Schema):
    code: str
    procedure: ProcedureRefOut
    status: int
    status_label: str
    submitted_at: datetime | None
    received_at: datetime | None
    appointment_date: date | None
    finished_at: datetime | None
    returned_at: datetime | None
    timeline: list[TimelineItemOut]


# --- my dossiers -------------------------------------------------------------------------


class MyDossierItemOut(Schema):
    code: str
    procedure: ProcedureRefOut
    case: str
    status: int
    status_label: str
    submitted_at: datetime | None
    appointment_date: date | None
    url: str


class MyDossiersOut(Schema):
    count: int
    items: list[MyDossierItemOut]


class FileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str


class AttachmentOut(FileOut):
    document_code: str
    uploaded_at: datetime


class IssuedDocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    issued_at: datetime
    size: int
    url: str


class MissingItemOut(Schema):
    document_code: str
    name: str
    note: str


class SupplementationOut(Schema):
    open: bool
    requested_at: datetime
    reason: str
    items: list[MissingItemOut]
    answered_at: datetime | None


class FeeOut(Schema):
    id: int
    name: str
    amount: int = Field(description="VND.")
    status: str = Field(description="`owed`, `paid` or `waived`.")
    status_label: str
    method: str = Field(description="`online`, `counter`, or empty while owed.")
    paid_at: datetime | None
    receipt_number: str


class MyDossierOut(MyDossierItemOut):
    tracking_secret: str
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    personal: dict[str, Any] = Field(description="The owner's and the applicant's details.")
    data: dict[str, Any]
    attachments: list[AttachmentOut]
    documents: list[IssuedDocumentOut] = Field(description="What the agency issued (PDF).")
    supplementation: SupplementationOut | None
    fees: list[FeeOut] = Field(description="The fees of the dossier's case and how they were paid.")
    timeline: list[TimelineItemOut]


# --- tokens ------------------------------------------------------------------------------


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="Shown once: keep it; only its hash is stored.")
