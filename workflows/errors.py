"""The domain's own exceptions, importable without the models."""


class ProcedureVersionLocked(Exception):
    """A published or retired procedure version (or what it owns) was asked to change.

    Published versions are immutable: the only change allowed is published -> retired.
    To change a procedure, start a new draft from the published version.
    """


class ProcedureVersionStateError(Exception):
    """A lifecycle step that does not apply to the version's status (publishing a retired one)."""


class ProcessingLogAppendOnly(Exception):
    """The processing log is append-only: its rows are never updated or deleted."""


class AttachmentRejected(ValueError):
    """An uploaded file that cannot be stored (type, size, or document code)."""


class OutcomeNeedsService(Exception):
    """A task outcome with domain effects (accept, supplement, refuse) was given directly to
    the engine: only the reception services (workflows.services.reception) may complete a
    task with it, so that the status, the clock and the form happen with it."""


class DossierAlreadyReceived(Exception):
    """The dossier was already received (accepted): it cannot be accepted again."""


class SupplementationAlreadyRequested(Exception):
    """A dossier gets one supplementation request (Decree 61/2018, Art. 15): a second one
    is refused."""


class SupplementationNotOpen(Exception):
    """An answer to a supplementation request that is not open (none, or already answered)."""


class RefusalReasonRequired(ValueError):
    """A refusal (Form 03) states its reason."""


class SupplementationItemsRequired(ValueError):
    """A supplementation request lists what is missing."""


class DossierCodeExhausted(Exception):
    """An agency issued every number its daily sequence can hold
    (``10 ** MOTCUA_DOSSIER_CODE_WIDTH - 1``): codes never wrap and are never reused."""


class SubmissionInvalid(ValueError):
    """A submission refused with nothing saved. ``errors`` maps a form field's path (or
    ``documents.<code>``, ``consent``, ``case``, ``version``, ``receiving_agency``) to its
    messages (gettext, for the user); the exception's own text names only the paths."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__(f"the submission is invalid: {', '.join(sorted(errors))}")


class ProcedurePackageInvalid(ValueError):
    """A procedure package (``motcua/procedure@1``) that cannot be installed; ``errors`` lists
    every problem, each naming where it is (``cases[2].deadline``, ``workflow``, ``form``)."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__(f"the procedure package is invalid: {len(errors)} problem(s)")


class NotAReceptionOfficer(PermissionError):
    """A counter or postal submission entered by someone without the reception role in the
    receiving agency (or above it)."""
