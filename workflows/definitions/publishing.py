"""The publish check: a version is published only with a valid workflow definition."""

from typing import TYPE_CHECKING

from .validation import definition_check

if TYPE_CHECKING:
    from workflows.models import ProcedureVersion


def definition_publish_check(version: "ProcedureVersion") -> None:
    """Raise DefinitionInvalid (a ValidationError) listing every error, each naming its node."""
    definition_check(version.definition)
