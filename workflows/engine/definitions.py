"""A version's stored definition (its canonical JSON mapping) as a ``Definition``."""

from workflows.definitions.loader import load
from workflows.definitions.model import Definition
from workflows.models import ProcedureVersion


def definition_of(version: ProcedureVersion) -> Definition:
    return load(version.definition)
