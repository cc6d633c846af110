"""The domain's tables, one module per concern; import them from here."""

from .agencies import Agency, AgencyTreeError, Membership, Role
from .attachments import DossierAttachment
from .calendar import CalendarDay, OfficeHours
from .cases import ProcedureCase
from .deadlines import DeadlineAlert, DossierApology
from .dossier_records import (
    ClockPause,
    DossierCodeSequence,
    DossierConsent,
    DossierDocument,
    DossierRevision,
    SupplementationRequest,
)
from .dossiers import Dossier, PersonDetails
from .fees import DossierFee
from .numbering import DocumentNumberSequence
from .procedures import Procedure, ProcedureVersion
from .processing_log import ProcessingLogEntry
from .ratings import ServiceRating
from .version_templates import ProcedureVersionTemplate

__all__ = [
    "Agency",
    "AgencyTreeError",
    "CalendarDay",
    "ClockPause",
    "DeadlineAlert",
    "DocumentNumberSequence",
    "Dossier",
    "DossierApology",
    "DossierAttachment",
    "DossierCodeSequence",
    "DossierConsent",
    "DossierDocument",
    "DossierFee",
    "DossierRevision",
    "Membership",
    "OfficeHours",
    "PersonDetails",
    "Procedure",
    "ProcedureCase",
    "ProcedureVersion",
    "ProcedureVersionTemplate",
    "ProcessingLogEntry",
    "Role",
    "ServiceRating",
    "SupplementationRequest",
]
