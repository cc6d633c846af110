"""The notification events, their channels and the placeholders each may use.

A template's body may name only the placeholders declared for its event; the workflow layer
fills exactly these keys (and the deadlines lane the officer events' keys)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SEND_KIND = "notify.send"  # the outbox kind of a notification (integrations.notify.sender)
EMAIL = "email"
SMS = "sms"
CHANNELS = (EMAIL, SMS)
LANGUAGES = ("vi", "en")

_DOSSIER = ("code", "procedure", "track_url")


@dataclass(frozen=True)
class EventSpec:
    name: str
    label: Promise
    placeholders: tuple[str, ...]
    channels: tuple[str, ...] = CHANNELS

    def sample_context(self) -> dict[str, str]:
        """Values to preview a template with (the admin's preview)."""
        return {name: SAMPLES.get(name, f"<{name}>") for name in self.placeholders}


SAMPLES = {
    "code": "000.00.01.H12-261128-0001",
    "procedure": "Cấp giấy phép xây dựng",
    "track_url": "https://dichvucong.example.vn/tra-cuu/000.00.01.H12-261128-0001",
    "received_date": "28/11/2026",
    "appointment_date": "05/12/2026",
    "amount": "50.000",
    "receipt_number": "BL-2026-000123",
    "new_date": "12/12/2026",
    "reason": "Cần lấy ý kiến cơ quan liên quan",
    "tracking_number": "EE123456789VN",
    "step": "Thẩm định hồ sơ",
    "due_date": "01/12/2026 17:00",
    "workspace_url": "https://dichvucong.example.vn/workspace/",
}

EVENTS: dict[str, EventSpec] = {
    spec.name: spec
    for spec in (
        EventSpec(
            "received", _("Dossier received"), (*_DOSSIER, "received_date", "appointment_date")
        ),
        EventSpec("accepted", _("Dossier accepted"), (*_DOSSIER, "appointment_date")),
        EventSpec("refused", _("Dossier not accepted"), (*_DOSSIER, "reason")),
        EventSpec(
            "supplementation_requested", _("Supplementation requested"), (*_DOSSIER, "reason")
        ),
        EventSpec("fee_due", _("Fee due"), (*_DOSSIER, "amount")),
        EventSpec("fee_paid", _("Fee paid"), (*_DOSSIER, "amount", "receipt_number")),
        EventSpec("stopped", _("Processing stopped"), (*_DOSSIER, "reason")),
        EventSpec("result_ready", _("Result ready"), (*_DOSSIER, "appointment_date")),
        EventSpec("result_returned", _("Result returned"), _DOSSIER),
        EventSpec("late_apology", _("Late, with apology"), (*_DOSSIER, "new_date", "reason")),
        EventSpec("shipped", _("Result shipped"), (*_DOSSIER, "tracking_number")),
        EventSpec(
            "step_warning",
            _("Step due soon (officer)"),
            ("code", "procedure", "step", "due_date", "workspace_url"),
            channels=(EMAIL,),
        ),
        EventSpec(
            "step_overdue",
            _("Step overdue (officer)"),
            ("code", "procedure", "step", "due_date", "workspace_url"),
            channels=(EMAIL,),
        ),
    )
}


def event_spec(name: str) -> EventSpec:
    try:
        return EVENTS[name]
    except KeyError:
        raise ValueError(f"unknown notification event {name!r}") from None


def event_choices() -> list[tuple[str, Promise]]:
    return [(spec.name, spec.label) for spec in EVENTS.values()]
