"""Publish-time validation: everything that makes a definition unable to run, per node.

``definition_check(raw)`` is the whole check (the schema, then ``validate``) and raises
``DefinitionInvalid`` listing every error; ``validate(definition)`` returns the errors of an
already loaded ``Definition`` (what BPMN import builds, for instance).
"""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from core.expressions import ExpressionError, expression_check

from .errors import DefinitionError, DefinitionInvalid, unique
from .escalation import escalation_errors
from .graph import Graph, references
from .loader import dump, load
from .model import AgencySource, Definition, Node, NodeKind
from .outcomes import reserved_outcome_errors
from .reserved import is_reserved
from .schema import schema_errors


@dataclass(frozen=True)
class ValidationContext:
    """What exists outside the definition; ``None`` skips that check."""

    roles: Collection[str] | None = None
    forms: Collection[str] | None = None
    handlers: Collection[str] | None = None
    agencies: Collection[str] | None = None  # at least the fixed codes the definition names


def current_context(definition: Definition) -> ValidationContext:
    """Roles and agencies from the database, handlers and forms from the registries."""
    from workflows.models import Agency, Role

    from .registry import service_handlers, step_forms

    fixed = {
        n.agency.value
        for n in definition.nodes
        if n.kind is NodeKind.USER_TASK and n.agency.source is AgencySource.FIXED
    }
    return ValidationContext(
        roles=set(Role.objects.values_list("code", flat=True)),
        forms=set(step_forms),
        handlers=set(service_handlers),
        agencies=set(Agency.objects.filter(code__in=fixed).values_list("code", flat=True)),
    )


def definition_check(raw: Any, *, context: ValidationContext | None = None) -> Definition:
    """The loaded definition, or DefinitionInvalid with every error (schema errors first)."""
    definition = load(raw)
    errors = validate(definition, context=context)
    if errors:
        raise DefinitionInvalid(errors)
    return definition


def validate(
    definition: Definition, *, context: ValidationContext | None = None
) -> list[DefinitionError]:
    """Every error of ``definition``: its shape (as ``dump`` writes it), then its meaning."""
    context = context if context is not None else current_context(definition)
    graph = Graph(definition)
    errors = [
        *schema_errors(dump(definition)),
        *_ids(definition),
        *_starts(definition, graph),
        *_references(definition, graph),
        *_names(definition, context),
        *_nodes(definition),
    ]
    broken = {e.node for e in errors if e.code == "unknown_target"}
    errors += _shape(definition, graph, broken)
    errors += reserved_outcome_errors(definition, graph)
    errors += escalation_errors(definition, roles=context.roles)
    return unique(errors)


def _ids(definition: Definition) -> Iterator[DefinitionError]:
    seen: set[str] = set()
    for node in definition.nodes:
        for identifier in (node.id, *(t.id for t in node.boundary_timers)):
            if identifier in seen:
                yield DefinitionError("duplicate_id", node.id, {"id": identifier})
            seen.add(identifier)
            if is_reserved(identifier):
                yield DefinitionError("reserved_id", node.id, {"id": identifier})


def _starts(definition: Definition, graph: Graph) -> Iterator[DefinitionError]:
    starts = graph.of_kind(NodeKind.START)
    if not starts:
        yield DefinitionError("no_start")
    for extra in starts[1:]:
        yield DefinitionError("many_starts", extra, {"first": starts[0]})
    for start in starts:
        for source in graph.predecessors[start]:
            yield DefinitionError("start_targeted", start, {"source": source})


def _references(definition: Definition, graph: Graph) -> Iterator[DefinitionError]:
    for node in definition.nodes:
        for field, target in references(node):
            if target not in graph.nodes:
                yield DefinitionError("unknown_target", node.id, {"field": field, "target": target})


def _names(definition: Definition, context: ValidationContext) -> Iterator[DefinitionError]:
    for node in definition.nodes:
        if node.kind is NodeKind.USER_TASK:
            if node.role and context.roles is not None and node.role not in context.roles:
                yield DefinitionError("unknown_role", node.id, {"role": node.role})
            if node.form and context.forms is not None and node.form not in context.forms:
                yield DefinitionError("unknown_form", node.id, {"form": node.form})
            fixed = node.agency.source is AgencySource.FIXED
            if fixed and context.agencies is not None and node.agency.value not in context.agencies:
                yield DefinitionError("unknown_agency", node.id, {"agency": node.agency.value})
        known = context.handlers
        service = node.kind is NodeKind.SERVICE_TASK and node.handler
        if service and known is not None and node.handler not in known:
            yield DefinitionError("unknown_handler", node.id, {"handler": node.handler})


def _nodes(definition: Definition) -> Iterator[DefinitionError]:
    for node in definition.nodes:
        if node.kind is NodeKind.EXCLUSIVE_GATEWAY:
            if not node.default:
                yield DefinitionError("no_default", node.id)
            yield from _conditions(node)
        if node.kind is NodeKind.TIMER and (node.wait is None) == (not node.at):
            yield DefinitionError("timer_spec", node.id)
        if node.sign is not None and node.sign.outcome not in dict(node.outcomes):
            yield DefinitionError("sign_outcome", node.id, {"outcome": node.sign.outcome})


def _conditions(node: Node) -> Iterator[DefinitionError]:
    for index, branch in enumerate(node.branches, start=1):
        try:
            expression_check(branch.condition)
        except ExpressionError as error:
            yield DefinitionError("bad_condition", node.id, {"branch": index, "detail": str(error)})


def _results(graph: Graph, starts: list[str]) -> Iterator[DefinitionError]:
    """An end without a result only closes a non-interrupting boundary timer's branch: on the
    main path the dossier would finish without a result status. One end with a result must be
    on the main path."""
    if not starts:
        return
    main = graph.main_path(starts[:1])
    ends = [graph.nodes[node_id] for node_id in graph.of_kind(NodeKind.END)]
    for end in ends:
        if not end.result and end.id in main:
            yield DefinitionError("end_without_result", end.id)
    if not any(end.result and end.id in main for end in ends):
        yield DefinitionError("no_result_end")


def _shape(definition: Definition, graph: Graph, broken: set[str]) -> Iterator[DefinitionError]:
    starts = graph.of_kind(NodeKind.START)
    if starts:
        reached = graph.reachable_from(starts[:1])
        for node_id in graph.nodes:
            if node_id not in reached:
                yield DefinitionError("unreachable", node_id)
    yield from _results(graph, starts)
    finishing = graph.reaching(graph.of_kind(NodeKind.END))
    for node_id in graph.nodes:
        if node_id not in finishing and node_id not in broken:
            yield DefinitionError("dead_end", node_id)
    for join in graph.of_kind(NodeKind.PARALLEL_JOIN):
        if len(set(graph.predecessors[join])) < 2:
            yield DefinitionError("join_one_input", join)
        elif not graph.join_can_fire(join):
            yield DefinitionError("join_never_fires", join)
