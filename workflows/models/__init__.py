"""The domain's tables, one module per concern; import them from here."""

from .agencies import Agency, AgencyTreeError, Membership, Role
from .attachments import DossierAttachment
from .cases import ProcedureCase
from .dossiers import Dossier, PersonDetails
from .procedures import Procedure, ProcedureVersion
from .processing_log import ProcessingLogEntry
from .version_templates import ProcedureVersionTemplate

__all__ = [
    "Agency",
    "AgencyTreeError",
    "Dossier",
    "DossierAttachment",
    "Membership",
    "PersonDetails",
    "Procedure",
    "ProcedureCase",
    "ProcedureVersion",
    "ProcedureVersionTemplate",
    "ProcessingLogEntry",
    "Role",
]
