"""BPMN 2.0 XML import and export of the supported subset of the workflow language.

    definition_to_bpmn(definition) -> bytes      (with a diagram that bpmn.io can open)
    definition_from_bpmn(data) -> Definition     (raises BpmnImportError naming each problem)

Export then import gives back the same Definition. The mapping is in docs/bpmn.md.
"""

from .errors import BpmnError, BpmnExportError, BpmnImportError
from .export import definition_to_bpmn
from .importer import definition_from_bpmn

__all__ = [
    "BpmnError",
    "BpmnExportError",
    "BpmnImportError",
    "definition_from_bpmn",
    "definition_to_bpmn",
]
