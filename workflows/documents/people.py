"""The applicant and the officer as the forms print them."""

from typing import Any

from forms.addresses import address_text
from workflows.models import Dossier


def address_as_text(value: Any) -> str:
    """A structured address ({"province", "commune", "street"} codes) as one line with the
    units' names; a text address as it is."""
    if not isinstance(value, (dict, str)):
        return ""
    return address_text(value)


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
