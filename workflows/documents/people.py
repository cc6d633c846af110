"""The applicant and the officer as the forms print them."""

from typing import Any

from workflows.models import Dossier


def address_as_text(value: Any) -> str:
    """A structured address ({"province", "commune", "street"}) as one line, through the forms
    package's formatter when it has one; a text address as it is."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    try:
        from forms.addresses import address_text
    except ImportError:  # the forms package without its address helpers
        parts = [value.get(key) for key in ("street", "commune", "province")]
        return ", ".join(str(part) for part in parts if part)
    return str(address_text(value))


def applicant_context(dossier: Dossier) -> dict[str, str]:
    """The person who filed: the applicant (a representative, a parent) when there is one,
    else the owner."""
    person: dict[str, Any] = dict(dossier.applicant_details or dossier.owner)
    return {
        "name": str(person.get("full_name") or ""),
        "address": address_as_text(person.get("address")),
        "phone": str(person.get("phone") or ""),
        "email": str(person.get("email") or ""),
    }


def officer_context(user: Any) -> dict[str, str]:
    """The officer's full name in Vietnamese order: the family and middle names
    (``last_name``) before the given name (``first_name``)."""
    if not getattr(user, "is_authenticated", False):
        return {"name": "", "phone": ""}
    parts = (str(user.last_name or "").strip(), str(user.first_name or "").strip())
    return {"name": " ".join(part for part in parts if part), "phone": ""}
