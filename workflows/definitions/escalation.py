"""Publish-time checks of a user task's ``escalation`` (docs/deadlines.md): it needs the
step's budget, a warning shorter than the budget (and within the deadline job's look-ahead),
and ``reassign`` goes with ``reassign_to`` naming an existing role."""

from collections.abc import Collection, Iterator

from .errors import DefinitionError
from .model import Definition, Duration, DurationUnit, NodeKind

# The longest warning the deadline job looks ahead for (workflows.deadlines.window.LOOKAHEAD: 45
# calendar days, holds 20 working days even across Tết): per unit.
WARN_LIMITS = {
    DurationUnit.WORKING_DAYS: 20,
    DurationUnit.WORKING_HOURS: 160,
    DurationUnit.CALENDAR_DAYS: 30,
    DurationUnit.HOURS: 720,
    DurationUnit.MINUTES: 43200,
}
# A rough length in minutes, to compare a warning with a budget in another unit (a working
# day is 8 office hours).
_MINUTES = {
    DurationUnit.WORKING_DAYS: 8 * 60,
    DurationUnit.WORKING_HOURS: 60,
    DurationUnit.CALENDAR_DAYS: 8 * 60,
    DurationUnit.HOURS: 60,
    DurationUnit.MINUTES: 1,
}


def _length(duration: Duration) -> int:
    return duration.amount * _MINUTES[duration.unit]


def escalation_errors(
    definition: Definition, *, roles: Collection[str] | None
) -> Iterator[DefinitionError]:
    for node in definition.nodes:
        policy = node.escalation
        if node.kind is not NodeKind.USER_TASK or policy is None:
            continue
        if node.budget is None:
            yield DefinitionError("escalation_without_budget", node.id)
        warn = policy.warn_before
        if warn is not None:
            limit = WARN_LIMITS[warn.unit]
            if warn.amount > limit:
                yield DefinitionError(
                    "escalation_warn_limit", node.id, {"limit": limit, "unit": str(warn.unit)}
                )
            elif node.budget is not None and _length(warn) >= _length(node.budget):
                yield DefinitionError("escalation_warn_budget", node.id)
        reassigns = "reassign" in policy.on_overdue
        if reassigns != bool(policy.reassign_to):
            yield DefinitionError("escalation_reassign", node.id)
        elif reassigns and roles is not None and policy.reassign_to not in roles:
            yield DefinitionError("unknown_role", node.id, {"role": policy.reassign_to})
