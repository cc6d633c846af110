"""Definitions and dossiers for the engine tests."""

from typing import Any

from workflows.definitions.loader import dump
from workflows.definitions.model import (
    AgencyRef,
    AgencySource,
    Branch,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
)
from workflows.models import Dossier, ProcedureVersion, Role
from workflows.services.procedure_versions import (
    procedure_version_new_draft,
    procedure_version_publish,
)

from ..factories import (
    AgencyFactory,
    DossierFactory,
    ProcedureVersionFactory,
    PublishedCaseFactory,
)

K = NodeKind
ARCHIVES = "000.00.99.H99"


def two_step(result: str = "processed") -> Definition:
    """start -> reception (forward|decline) -> gateway on data -> review -> end."""
    return Definition(
        name="Two steps",
        nodes=(
            Node(id="submitted", kind=K.START, next="reception"),
            Node(
                id="reception",
                kind=K.USER_TASK,
                role="reception",
                budget=Duration(1, DurationUnit.WORKING_DAYS),
                outcomes=(("forward", "route"), ("decline", "refused")),
            ),
            Node(
                id="route",
                kind=K.EXCLUSIVE_GATEWAY,
                branches=(Branch(condition="data.graduation_year < 2000", next="archive"),),
                default="review",
            ),
            Node(
                id="archive",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.FIXED, ARCHIVES),
                outcomes=(("done", "done"),),
            ),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.COMPETENT),
                outcomes=(("approve", "done"),),
            ),
            Node(id="done", kind=K.END, result=result),
            Node(id="refused", kind=K.END, result="refused"),
        ),
    )


def ensure_roles(definition: Definition) -> None:
    """The roles a definition names (a data migration makes the standard ones, but
    transactional tests flush the tables between tests)."""
    for node in definition.nodes:
        if node.role:
            Role.objects.get_or_create(code=node.role, defaults={"name": node.role})


def published(definition: Definition, **kwargs: Any) -> ProcedureVersion:
    """A fresh procedure version carrying ``definition``, with a case, published."""
    AgencyFactory(code=ARCHIVES)
    ensure_roles(definition)
    version = ProcedureVersionFactory(definition=dump(definition), **kwargs)
    PublishedCaseFactory(version=version)
    version.refresh_from_db()
    return version


def dossier_on(definition: Definition | ProcedureVersion, **kwargs: Any) -> Dossier:
    """A dossier filed under a published version (made from ``definition`` if need be)."""
    version = definition if isinstance(definition, ProcedureVersion) else published(definition)
    return DossierFactory(case=version.cases.get(), version=version, **kwargs)


def publish_next(version: ProcedureVersion, definition: Definition) -> ProcedureVersion:
    """Publish a next version of the same procedure (the current one is retired)."""
    ensure_roles(definition)
    draft = procedure_version_new_draft(
        procedure=version.procedure, scope=version.agency, from_version=version
    )
    draft.definition = dump(definition)
    draft.save()
    return procedure_version_publish(version=draft, by=None)


def reception_flow() -> Definition:
    """start -> reception (accept|supplement|refuse) -> review (approve|supplement) -> end; each
    supplement waits for ``supplementation_received`` and goes back to the step that asked."""
    return Definition(
        name="Reception outcomes",
        nodes=(
            Node(id="submitted", kind=K.START, next="reception"),
            Node(
                id="reception",
                kind=K.USER_TASK,
                role="reception",
                budget=Duration(1, DurationUnit.WORKING_DAYS),
                outcomes=(
                    ("accept", "review"),
                    ("supplement", "wait_reception"),
                    ("refuse", "refused"),
                ),
            ),
            Node(
                id="wait_reception",
                kind=K.WAIT_EVENT,
                event="supplementation_received",
                next="reception",
            ),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.COMPETENT),
                outcomes=(("approve", "done"), ("supplement", "wait_review")),
            ),
            Node(
                id="wait_review",
                kind=K.WAIT_EVENT,
                event="supplementation_received",
                next="review",
            ),
            Node(id="done", kind=K.END, result="processed"),
            Node(id="refused", kind=K.END, result="refused"),
        ),
    )


__all__ = [
    "AgencyFactory",
    "dossier_on",
    "publish_next",
    "published",
    "reception_flow",
    "two_step",
]


def parallel() -> Definition:
    """start -> split [check_a, check_b] -> join -> end (both checks in the receiving agency)."""
    return Definition(
        name="Parallel checks",
        nodes=(
            Node(id="submitted", kind=K.START, next="split"),
            Node(id="split", kind=K.PARALLEL_SPLIT, targets=("check_a", "check_b")),
            Node(id="check_a", kind=K.USER_TASK, role="reception", outcomes=(("ok", "join"),)),
            Node(id="check_b", kind=K.USER_TASK, role="reception", outcomes=(("ok", "join"),)),
            Node(id="join", kind=K.PARALLEL_JOIN, next="done"),
            Node(id="done", kind=K.END, result="processed"),
        ),
    )


def field_agency(path: str = "school_code") -> Definition:
    """One user task in the agency named by the dossier's data."""
    return Definition(
        name="Routed by data",
        nodes=(
            Node(id="submitted", kind=K.START, next="decide"),
            Node(
                id="decide",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.FIELD, path),
                budget=Duration(4, DurationUnit.WORKING_HOURS),
                outcomes=(("approve", "done"),),
            ),
            Node(id="done", kind=K.END, result="processed"),
        ),
    )
