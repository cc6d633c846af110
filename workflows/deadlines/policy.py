"""A step's deadline policy: its ``escalation`` from the definition, or the default one."""

from dataclasses import dataclass

from workflows.definitions.model import Duration, DurationUnit, Escalation, Node

NOTIFY_LEADER, NOTIFY_ASSIGNEE, REASSIGN = "notify_leader", "notify_assignee", "reassign"
_DAY_UNITS = (DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS)


@dataclass(frozen=True)
class StepPolicy:
    warn_before: Duration
    on_overdue: tuple[str, ...]
    reassign_to: str = ""


def default_warning(budget: Duration | None) -> Duration:
    """1 working day before a budget in days, 1 working hour before any other."""
    if budget is not None and budget.unit in _DAY_UNITS:
        return Duration(1, DurationUnit.WORKING_DAYS)
    return Duration(1, DurationUnit.WORKING_HOURS)


def step_policy(step: Node) -> StepPolicy:
    escalation = step.escalation or Escalation()
    return StepPolicy(
        warn_before=escalation.warn_before or default_warning(step.budget),
        on_overdue=escalation.on_overdue,
        reassign_to=escalation.reassign_to,
    )
