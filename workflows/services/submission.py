"""Submitting a dossier (online, at the counter, by post): validated, idempotent, coded."""

from dataclasses import dataclass

from django.core.files import File

from workflows.models import Dossier


@dataclass(frozen=True)
class SubmittedDocument:
    """One uploaded file for a case's document code."""

    document_code: str
    name: str  # the file name as uploaded (never used as a path)
    content: bytes | File


@dataclass(frozen=True)
class ConsentGiven:
    """The consent to the privacy notice: the parent's, or the applicant's own."""

    full_name: str
    relationship: str  # "self" | "father" | "mother" | "guardian"
    notice_version: str  # the version of the notice that was shown (must match the schema's)


@dataclass(frozen=True)
class Submission:
    dossier: Dossier
    created: bool  # False when the same submission key came again (idempotent replay)
