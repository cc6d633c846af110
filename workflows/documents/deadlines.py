"""The context keys of Forms 04 (apology and new date) and 05 (notice of stopping)."""

from typing import Any

from workflows.models import DossierApology


def apology_context(apology: DossierApology) -> dict[str, Any]:
    """``apology``: the reason, the previous and the new appointment dates."""
    return {
        "reason": apology.reason,
        "previous_appointment_date": apology.previous_appointment_date,
        "previous_due_at": apology.previous_due_at,
        "new_appointment_date": apology.new_appointment_date,
        "new_due_at": apology.new_due_at,
    }


def stop_context(*, reason: str, at_applicants_request: bool) -> dict[str, Any]:
    """``stop``: why the processing stopped, and whether the applicant asked for it (a
    withdrawal)."""
    return {"reason": reason, "at_applicants_request": at_applicants_request}
