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
