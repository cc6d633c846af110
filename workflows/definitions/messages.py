"""Every validation message, by kind (English msgids; ``%(node)s`` is the node's id).

docs/workflow-language.md lists the same kinds with an example each: keep them in step.
Where no id can be read (a node without one), ``node`` is its position, e.g. ``#3``.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    # The text and its shape (JSON Schema)
    "syntax": _("The definition is not valid YAML or JSON: %(detail)s"),
    "yaml_alias": _("The definition may not use YAML aliases (line %(line)s)."),
    "duplicate_key": _(
        "The definition gives the key %(key)s twice in one mapping (line %(line)s)."
    ),
    "definition_type": _("The definition must be a mapping with format, name and nodes."),
    "definition_required": _("The definition needs the field %(field)s."),
    "definition_unknown_field": _("The definition has an unknown field %(field)s."),
    "definition_format": _("The definition's format must be %(expected)s."),
    "definition_invalid": _("The definition's field %(field)s is not valid."),
    "node_type": _("Node %(node)s: a node must be a mapping with at least id and kind."),
    "required": _("Node %(node)s: %(field)s is required."),
    "unknown_field": _("Node %(node)s: %(field)s is not a field of %(kind)s nodes."),
    "choice": _("Node %(node)s: %(field)s must be one of %(choices)s."),
    "type": _("Node %(node)s: %(field)s must be %(expected)s."),
    "form": _("Node %(node)s: %(field)s is not in the expected form (%(hint)s)."),
    "too_small": _("Node %(node)s: %(field)s must be at least %(limit)s."),
    "too_large": _("Node %(node)s: %(field)s must be at most %(limit)s."),
    "too_short": _("Node %(node)s: %(field)s is too short (at least %(limit)s)."),
    "too_long": _("Node %(node)s: %(field)s is too long (at most %(limit)s)."),
    "too_few": _("Node %(node)s: %(field)s has too few entries (at least %(limit)s)."),
    "too_many": _("Node %(node)s: %(field)s has too many entries (at most %(limit)s)."),
    "repeated": _("Node %(node)s: %(field)s lists the same item twice."),
    "invalid": _("Node %(node)s: %(field)s is not valid."),
    # Ids and references
    "duplicate_id": _("Node %(node)s: the id %(id)s is already used by another node or timer."),
    "reserved_id": _(
        "Node %(node)s: the id %(id)s is reserved (it clashes with an attribute of viewflow's "
        "Flow class); choose another id."
    ),
    "no_start": _("The definition has no start node."),
    "many_starts": _("Node %(node)s: a definition has one start node, and %(first)s is one."),
    "start_targeted": _("Node %(node)s: the start node cannot follow another node (%(source)s)."),
    "unknown_target": _("Node %(node)s: %(field)s leads to %(target)s, which is not a node."),
    "unknown_role": _("Node %(node)s: there is no role %(role)s."),
    "unknown_form": _("Node %(node)s: there is no step form %(form)s."),
    "unknown_handler": _("Node %(node)s: there is no service handler %(handler)s."),
    "unknown_agency": _("Node %(node)s: there is no agency with the code %(agency)s."),
    # The graph
    "unreachable": _("Node %(node)s cannot be reached from the start node."),
    "dead_end": _("Node %(node)s: no path leads from this node to an end node."),
    "end_without_result": _(
        "Node %(node)s: an end without a result is only allowed after a non-interrupting "
        "boundary timer; here the dossier would finish without a result status."
    ),
    "no_result_end": _(
        "The definition has no end node with a result that the dossier can reach from the "
        "start node."
    ),
    "no_default": _("Node %(node)s: an exclusive gateway needs a default branch."),
    "join_one_input": _("Node %(node)s: a parallel join needs at least two incoming paths."),
    "join_never_fires": _(
        "Node %(node)s: this parallel join can never fire: no parallel split has all of its "
        "branches leading to it."
    ),
    "timer_spec": _(
        "Node %(node)s: a timer waits either for a duration (wait) or until a date (at), "
        "exactly one of the two."
    ),
    "bad_condition": _(
        "Node %(node)s: the condition of branch %(branch)s is not valid: %(detail)s"
    ),
    "sign_outcome": _(
        "Node %(node)s: sign.outcome %(outcome)s is not one of the step's outcomes (the step "
        "signs the result when it is completed with that outcome)."
    ),
    # The reserved outcomes (their effects are the reception services')
    "supplement_target": _(
        "Node %(node)s: the outcome supplement must lead to a wait_event on "
        "supplementation_received whose next is %(node)s (it leads to %(target)s)."
    ),
    "refuse_target": _(
        "Node %(node)s: the outcome refuse must lead to an end with the result refused "
        "(it leads to %(target)s)."
    ),
    "stop_target": _(
        "Node %(node)s: the outcome stop must lead to an end with the result stopped "
        "(it leads to %(target)s)."
    ),
    "second_reception": _(
        "Node %(node)s: the outcome accept receives the dossier once: this step must be "
        "reachable from the start node without passing another step with accept (%(other)s)."
    ),
    # A user task's escalation (docs/deadlines.md)
    "escalation_without_budget": _(
        "Node %(node)s: an escalation needs the step's budget (there is nothing to be late for)."
    ),
    "escalation_warn_limit": _(
        "Node %(node)s: the escalation warns at most %(limit)s %(unit)s before the budget runs out."
    ),
    "escalation_warn_budget": _(
        "Node %(node)s: the escalation's warning must come before the budget runs out, so "
        "warn_before must be shorter than the budget."
    ),
    "escalation_reassign": _(
        "Node %(node)s: the escalation's reassign and reassign_to go together: reassign_to "
        "names the role that takes the task over when it is overdue."
    ),
}
