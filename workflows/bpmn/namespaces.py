"""XML namespaces of BPMN 2.0 and of our extension attributes."""

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# What BPMN cannot say (role, agency, budget, handler, outcome codes, event names, end result).
MOTCUA = "urn:motcua:bpmn:1"

NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI, "motcua": MOTCUA}


def bpmn(local: str) -> str:
    return f"{{{BPMN}}}{local}"


def ext(local: str) -> str:
    return f"{{{MOTCUA}}}{local}"


def local_name(tag: object) -> str:
    """``{ns}userTask`` -> ``userTask``; comments and other non-elements -> ``""``."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def prefixed(tag: object) -> str:
    """A tag as a modeler shows it: ``bpmn:userTask`` (or ``{ns}name`` for foreign ones)."""
    if not isinstance(tag, str):
        return str(tag)
    namespace, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    for prefix, uri in NSMAP.items():
        if uri == namespace:
            return f"{prefix}:{local}"
    return tag
