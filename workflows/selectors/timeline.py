"""A dossier's public timeline, read from its processing log: the steps handed over (with
their dates and early/on time/late), the pauses while the applicant supplements, and the end.

Nothing personal and nothing an officer wrote: no actors, no comments, no outcomes' reasons.
Step names come from the version's definition (``Node.name``, "shown on the public timeline").
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from workflows.models import Dossier, ProcessingLogEntry


@dataclass(frozen=True)
class TimelineItem:
    """One line of the public timeline.

    ``kind``: "submitted", "step" (a step handed over), "pause" (waiting for the applicant's
    supplementation, from ``at`` to ``until``, open while ``until`` is None), "apology" (late:
    the apology and the new appointment date, ``due_at``), "shipment" (the
    result's shipment by post: ``name`` is the log's action, ``shipment_delivered``, say) or
    "finished" (the dossier's end; ``status`` is the result's status).
    """

    kind: str
    at: datetime
    name: str = ""
    until: datetime | None = None
    due_at: datetime | None = None
    timing: str = ""  # "early", "on_time", "late" (ProcessingLogEntry.Timing) or ""
    status: int | None = None

    @property
    def label(self) -> str:
        """What the line says (translated in the current language)."""
        if self.kind == "submitted":
            return _("Dossier submitted")
        if self.kind == "pause":
            return _("Waiting for the applicant's supplementation")
        if self.kind == "apology":
            return _("Late: the agency apologised and set a new appointment date")
        if self.kind == "shipment":
            return _(SHIPMENT_ACTIONS.get(self.name, self.name))
        if self.kind == "finished" and self.status is not None:
            return str(Dossier.Status(self.status).label)
        return self.name

    @property
    def timing_label(self) -> str:
        return str(ProcessingLogEntry.Timing(self.timing).label) if self.timing else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "step": self.name,
            "at": self.at.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "timing": self.timing,
            "status": self.status,
        }


# A pause and the hand-over of the step that asked for it are written in one transaction.
SAME_MOMENT_SECONDS = 60

# The result's shipment by post (workflows/services/shipments.py, workflows/subscribers/postal.py):
# how far it is, never where it goes nor its tracking number (the entry's comment).
SHIPMENT_ACTIONS = {
    "shipment_created": gettext_noop("Result sent by post"),
    "shipment_picked_up": gettext_noop("Picked up by the postal service"),
    "shipment_in_transit": gettext_noop("On its way by post"),
    "shipment_delivered": gettext_noop("Delivered by the postal service"),
    "shipment_returned": gettext_noop("Returned by the postal service"),
    "shipment_failed": gettext_noop("Postal delivery failed"),
}

# The log's columns the timeline reads (never actor, comment).
LOG_COLUMNS = ("action", "step", "at", "due_at", "timing", "to_status")


def step_names(definition: Mapping[str, Any] | None) -> dict[str, str]:
    """Node id -> its public name, for the user tasks of a stored definition (the raw JSON
    mapping: cheaper than loading the whole definition)."""
    names: dict[str, str] = {}
    for node in (definition or {}).get("nodes") or ():
        if isinstance(node, Mapping) and node.get("kind") == "user_task" and node.get("id"):
            names[str(node["id"])] = str(node.get("name") or node["id"])
    return names


def timeline_from_log(
    rows: Iterable[Mapping[str, Any]], *, names: Mapping[str, str]
) -> tuple[TimelineItem, ...]:
    """The public timeline from log rows (dicts of LOG_COLUMNS, in time order)."""
    items: list[TimelineItem] = []
    ends: list[TimelineItem] = []
    open_pause: int | None = None
    for row in rows:
        action, at = row["action"], row["at"]
        if action == "submitted":
            items.append(TimelineItem(kind="submitted", at=at))
        elif action.startswith("outcome:") and row["step"] in names:
            step = TimelineItem(
                kind="step",
                at=at,
                name=names[row["step"]],
                due_at=row["due_at"],
                timing=row["timing"] or "",
            )
            if (
                open_pause is not None
                and open_pause == len(items) - 1
                and _same_moment(items[open_pause].at, at)
            ):  # the step that asked for supplementation, handed over as the pause began
                items.insert(open_pause, step)
                open_pause += 1
            else:
                items.append(step)
        elif action == "apology_issued":
            items.append(TimelineItem(kind="apology", at=at, due_at=row["due_at"]))
        elif action in SHIPMENT_ACTIONS:
            items.append(TimelineItem(kind="shipment", at=at, name=action))
        elif action == "clock_paused":
            open_pause = len(items)
            items.append(TimelineItem(kind="pause", at=at))
        elif action == "clock_resumed" and open_pause is not None:
            paused = items[open_pause]
            items[open_pause] = TimelineItem(kind="pause", at=paused.at, until=at)
            open_pause = None
        elif action == "finished" and row["to_status"] is not None:
            ends.append(TimelineItem(kind="finished", at=at, status=row["to_status"]))
    # the end last, after the hand-over of the step that led to it (written in the same batch)
    return (*items, *ends)


def _same_moment(first: datetime, second: datetime) -> bool:
    return abs((second - first).total_seconds()) <= SAME_MOMENT_SECONDS


def dossier_timeline(
    *, dossier_id: int, definition: Mapping[str, Any] | None
) -> tuple[TimelineItem, ...]:
    """The public timeline of a dossier: one query on the log (by its dossier/at index)."""
    rows = (
        ProcessingLogEntry.objects.filter(dossier_id=dossier_id)
        .order_by("at", "id")
        .values(*LOG_COLUMNS)
    )
    return timeline_from_log(rows, names=step_names(definition))
