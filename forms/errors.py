"""The errors of the form language: a schema that cannot be used, data that does not clean."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError


class FormSchemaInvalid(ValueError):
    """A form schema that fails ``form_schema_check``; ``errors`` lists every problem.

    Raised by ``load_form`` (and so by cleaning) on a schema that was never checked: a
    published version's schema has passed the check, so this is a programming error there.
    """

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


class FormDataInvalid(ValidationError):
    """Data that does not clean against its form; ``errors`` maps each field's path
    (``owner_name``, ``siblings.1.name``; ``__all__`` for the whole form) to its messages.

    Messages never quote the value sent: it may be personal data.
    """

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        self.errors: dict[str, list[str]] = {key: list(value) for key, value in errors.items()}
        super().__init__(
            {key: [ValidationError(m) for m in value] for key, value in errors.items()}
        )
