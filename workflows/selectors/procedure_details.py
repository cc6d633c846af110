"""What the public procedure page shows: a published version of a procedure with its cases,
the steps of its workflow (the user tasks' names, in order) and its sources."""

from collections import deque
from dataclasses import dataclass

from django.db.models import F

from workflows.definitions.loader import load
from workflows.definitions.model import Definition, NodeKind, Source
from workflows.models import Procedure, ProcedureCase, ProcedureVersion


@dataclass(frozen=True)
class ProcedureDetails:
    procedure: Procedure
    version: ProcedureVersion
    cases: tuple[ProcedureCase, ...]
    steps: tuple[str, ...]
    sources: tuple[Source, ...]
    scopes: tuple[ProcedureVersion, ...]  # every published version (one per scope)


def procedure_details(*, code: str, version_id: int | None = None) -> ProcedureDetails | None:
    """The procedure with this code and one of its published versions (``version_id``, else
    the province-wide one, else the first by scope); None if it has none."""
    procedure = Procedure.objects.filter(code=code.strip(), active=True).first()
    if procedure is None:
        return None
    scopes = tuple(
        ProcedureVersion.objects.published()
        .filter(procedure=procedure)
        .select_related("agency")
        .order_by(F("agency__path").asc(nulls_first=True))
    )
    if not scopes:
        return None
    version = next((v for v in scopes if v.pk == version_id), scopes[0])
    definition = _definition(version)
    return ProcedureDetails(
        procedure=procedure,
        version=version,
        cases=tuple(version.cases.order_by("order", "code")),
        steps=workflow_steps(definition) if definition else (),
        sources=definition.sources if definition else (),
        scopes=scopes,
    )


def workflow_steps(definition: Definition) -> tuple[str, ...]:
    """The names of the user tasks, in the order a dossier meets them (breadth first from the
    start, each once)."""
    seen: set[str] = set()
    names: list[str] = []
    queue = deque([definition.start.id])
    while queue:
        node = definition.node(queue.popleft())
        if node.id in seen:
            continue
        seen.add(node.id)
        if node.kind is NodeKind.USER_TASK:
            names.append(node.name or node.id)
        queue.extend(successor for successor in node.successors() if successor not in seen)
    return tuple(names)


def _definition(version: ProcedureVersion) -> Definition | None:
    try:
        return load(version.definition)
    except (KeyError, TypeError, ValueError):  # published versions passed the checks
        return None
