"""The workflow definition language: data (YAML/JSON) → validated ``Definition``.

The contract between the parser/validator, the compiler to viewflow, BPMN import/export and
the admin is ``workflows.definitions.model``: everything else reads and writes those types.

    from workflows.definitions import definition_check, dump, load, loads, validate

``load``/``loads`` check the shape (JSON Schema) and build the model; ``validate`` finds
what would stop it from running; ``definition_check`` does both. docs/workflow-language.md
describes the language.
"""

from .errors import DefinitionError, DefinitionInvalid
from .loader import dump, dumps, load, loads, parse_text
from .validation import ValidationContext, definition_check, validate

__all__ = [
    "DefinitionError",
    "DefinitionInvalid",
    "ValidationContext",
    "definition_check",
    "dump",
    "dumps",
    "load",
    "loads",
    "parse_text",
    "validate",
]
