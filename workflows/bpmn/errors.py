"""Errors of BPMN import and export: each message names the element (tag and id) or node."""


class BpmnError(ValueError):
    """A BPMN document that cannot be read or a definition that cannot be written."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


class BpmnImportError(BpmnError):
    """The document is not XML we accept, or uses BPMN our language cannot express."""


class BpmnExportError(BpmnError):
    """The definition refers to nodes that do not exist (nothing to draw an edge to)."""
