"""The SOAP messages' types (spyne models), in the service's namespace."""

from spyne import (
    Array,
    Boolean,
    ByteArray,
    ComplexModel,
    Date,
    DateTime,
    Integer,
    Unicode,
)

NAMESPACE = "urn:motcua:soap:1"


class Model(ComplexModel):
    __namespace__ = NAMESPACE


class Procedure(Model):
    code = Unicode
    name = Unicode
    field = Unicode
    online_level = Unicode
    version_id = Integer  # what SubmitDossier's version_id takes
    case_code = Unicode  # the version's first case
    deadline_amount = Integer
    deadline_unit = Unicode
    fee_amount = Integer


class TimelineEntry(Model):
    kind = Unicode
    label = Unicode
    at = DateTime
    until = DateTime
    due_at = DateTime


class DossierStatus(Model):
    code = Unicode
    procedure_code = Unicode
    procedure_name = Unicode
    status = Integer(ge=1, le=10)
    status_label = Unicode
    submitted_at = DateTime
    received_at = DateTime
    appointment_date = Date
    finished_at = DateTime
    returned_at = DateTime
    timeline = Array(TimelineEntry)


class Attachment(Model):
    document_code = Unicode(min_occurs=1, max_len=100)
    filename = Unicode(min_occurs=1, max_len=255)
    content = ByteArray(min_occurs=1)  # base64 in the XML


class Consent(Model):
    full_name = Unicode(max_len=200)
    relationship = Unicode(max_len=20)
    notice_version = Unicode(max_len=50)


class Submission(Model):
    request_key = Unicode(min_occurs=1, min_len=1, max_len=200)  # the idempotency key
    version_id = Integer(min_occurs=1)
    case_code = Unicode(min_occurs=1, max_len=100)
    receiving_agency = Unicode(max_len=100)  # an agency code; none: the version's own
    data_json = Unicode(min_occurs=1)  # the form's answers, a JSON object
    consent = Consent
    attachments = Array(Attachment)


class SubmissionResult(Model):
    code = Unicode
    tracking_secret = Unicode
    status = Integer(ge=1, le=10)
    status_label = Unicode
    submitted_at = DateTime
    created = Boolean  # false: the same request_key came again


class ResultDocument(Model):
    code = Unicode
    kind = Unicode
    number = Integer
    symbol = Unicode
    filename = Unicode
    sha256 = Unicode
    signed_at = DateTime
    content = ByteArray


class Signer(Model):
    name = Unicode
    organisation = Unicode
    signed_at = DateTime
    valid = Boolean


class Verification(Model):
    valid = Boolean
    signatures_valid = Boolean
    issued_here = Boolean
    sha256 = Unicode
    problems = Array(Unicode)
    signatures = Array(Signer)
    kind = Unicode
    number = Integer
    symbol = Unicode
    agency = Unicode
    signed_at = DateTime
