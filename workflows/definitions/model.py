"""The in-memory form of a workflow definition (the contract every part of the engine uses).

A definition is a graph of nodes with ids; edges are the ``next``/``outcomes``/``branches``/
``default``/``on_error`` references between them. It is immutable (frozen dataclasses, tuples),
so a published version's definition can be shared between threads and cached.

The source form is YAML or JSON with the same shape (``docs/workflow-language.md``):

    format: motcua/workflow@1
    nodes:
      - {id: submitted, kind: start, next: reception}
      - id: reception
        kind: user_task
        role: reception
        agency: {from: receiving}
        budget: {amount: 1, unit: working_days}
        outcomes: {accept: review, supplement: wait_supplement, refuse: refused}
      ...
"""

from dataclasses import dataclass, field
from enum import StrEnum

FORMAT = "motcua/workflow@1"


class NodeKind(StrEnum):
    START = "start"
    USER_TASK = "user_task"
    SERVICE_TASK = "service_task"
    EXCLUSIVE_GATEWAY = "exclusive_gateway"
    PARALLEL_SPLIT = "parallel_split"
    PARALLEL_JOIN = "parallel_join"
    TIMER = "timer"
    WAIT_EVENT = "wait_event"
    END = "end"


class DurationUnit(StrEnum):
    WORKING_DAYS = "working_days"  # Mon-Fri minus public holidays (the agency's calendar)
    WORKING_HOURS = "working_hours"  # within the agency's office hours
    CALENDAR_DAYS = "days"
    HOURS = "hours"
    MINUTES = "minutes"


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: DurationUnit


class AgencySource(StrEnum):
    RECEIVING = "receiving"  # the agency that received the dossier
    COMPETENT = "competent"  # the dossier's competent agency (routing, inter-agency)
    FIXED = "fixed"  # a fixed agency, by its code
    FIELD = "field"  # an agency code taken from the dossier's data (a dotted path)


@dataclass(frozen=True)
class AgencyRef:
    source: AgencySource = AgencySource.RECEIVING
    value: str = ""  # the agency code for FIXED, the data path (e.g. "receiving_school") for FIELD


@dataclass(frozen=True)
class BoundaryTimer:
    """A timer on a user task's border: fires ``after`` the task was created."""

    id: str
    after: Duration
    next: str
    interrupting: bool = False  # True cancels the user task; False runs ``next`` beside it
    name: str = ""


# What happens when a user task's budget runs out (``Escalation.on_overdue``).
ESCALATION_ACTIONS = ("notify_leader", "notify_assignee", "reassign")


@dataclass(frozen=True)
class Escalation:
    """A user task's deadline policy (docs/deadlines.md): warn ``warn_before`` the budget runs
    out, and on overdue do ``on_overdue`` (``reassign`` moves the task to the holders of
    ``reassign_to``, a role, in the step's agency). A step without one gets the default."""

    warn_before: Duration | None = None  # None: the default for the budget's unit
    on_overdue: tuple[str, ...] = ("notify_leader",)
    reassign_to: str = ""  # a role code, with "reassign"


@dataclass(frozen=True)
class Branch:
    condition: str  # an expression over the dossier's data (core.expressions)
    next: str


# The signatures a result can carry, in signing order: the leader's, then the agency's seal.
SIGNATURE_KINDS = ("personal", "agency")


@dataclass(frozen=True)
class Signing:
    """A user task that signs the result (docs/signing-results.md): its ``outcome`` renders
    the result from the template ``document`` (a template code), numbers it in the series
    ``symbol``-<agency abbreviation>, and completes the step once ``signatures`` are on."""

    document: str
    outcome: str = "approve"
    symbol: str = "QĐ"
    signatures: tuple[str, ...] = SIGNATURE_KINDS


# The dossier status a user task, service task or wait_event gives the dossier when it is
# entered (``Node.status``; national portal codes).
NODE_STATUSES = {"processing": 4, "fee_owed": 6, "processed": 9}


@dataclass(frozen=True)
class Node:
    id: str
    kind: NodeKind
    name: str = ""  # shown to officers and on the public timeline (Vietnamese)
    # start, service_task, timer, wait_event, parallel_join: one successor
    next: str = ""
    # user_task
    role: str = ""
    agency: AgencyRef = field(default_factory=AgencyRef)
    form: str = ""  # a step form id (empty: the outcome and a comment only)
    sign: Signing | None = None  # a step that signs the result with one of its outcomes
    outcomes: tuple[tuple[str, str], ...] = ()  # (outcome code, next node id), in order
    budget: Duration | None = None
    boundary_timers: tuple[BoundaryTimer, ...] = ()
    escalation: Escalation | None = None  # None: the default policy (workflows.deadlines)
    # service_task
    handler: str = ""  # a name in workflows' service handler registry
    retries: int = 3
    on_error: str = ""  # the node after the last failed attempt (empty: the task stays failed)
    # exclusive_gateway
    branches: tuple[Branch, ...] = ()
    default: str = ""
    # parallel_split
    targets: tuple[str, ...] = ()
    # timer: exactly one of wait (relative) or at (an absolute moment from the data)
    wait: Duration | None = None
    at: str = ""  # a data path holding an ISO date/datetime
    # wait_event
    event: str = ""  # payment_confirmed, shipment_delivered, supplementation_received, ...
    # end
    result: str = ""  # the dossier status at this end (see END_RESULTS)
    # user_task, service_task, wait_event: the dossier's status once the node is entered
    status: str = ""  # "" (unchanged) or a key of NODE_STATUSES

    def successors(self) -> tuple[str, ...]:
        """Every node id this node can lead to, in a stable order."""
        found: list[str] = []
        if self.next:
            found.append(self.next)
        found += [target for _, target in self.outcomes]
        found += [t.next for t in self.boundary_timers]
        if self.on_error:
            found.append(self.on_error)
        found += [b.next for b in self.branches]
        if self.default:
            found.append(self.default)
        found += list(self.targets)
        return tuple(dict.fromkeys(found))


# The dossier status an end node leaves (national portal codes).
END_RESULTS = {"processed": 9, "returned": 10, "refused": 3, "stopped": 8, "withdrawn": 7}
EVENTS = ("payment_confirmed", "shipment_delivered", "supplementation_received", "signature_done")


# What a source is about (``Source.about``).
SOURCE_TOPICS = (
    "documents",
    "fee",
    "deadline",
    "workflow",
    "form",
    "legal_basis",
    "deciding_authority",
    "result",
    "other",
)


@dataclass(frozen=True)
class Source:
    """Where facts of the procedure come from (metadata: kept, shown, never run)."""

    about: tuple[str, ...]  # some of SOURCE_TOPICS
    title: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Definition:
    nodes: tuple[Node, ...]
    name: str = ""
    format: str = FORMAT
    sources: tuple[Source, ...] = ()

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    @property
    def start(self) -> Node:
        return next(n for n in self.nodes if n.kind is NodeKind.START)
