"""Which agency codes an ``agency`` field accepts.

The forms layer sits below workflows and never imports it: the check goes through a lookup
function, ``code -> kind`` of the active agency with that code (``None``: no such active
agency). The default reads the ``workflows.Agency`` model through the app registry (by
name, at call time); ``agency_lookup_set`` replaces it (another directory, or tests).
"""

from collections.abc import Callable

from django.apps import apps

AgencyLookup = Callable[[str], str | None]


def _model_lookup(code: str) -> str | None:
    model = apps.get_model("workflows", "Agency")
    kinds = model._default_manager.filter(code=code, active=True).values_list("kind", flat=True)
    return next(iter(kinds), None)


_lookup: list[AgencyLookup] = [_model_lookup]


def agency_lookup_set(lookup: AgencyLookup | None) -> None:
    """Use ``lookup`` to find agencies from now on; ``None`` restores the default."""
    _lookup[0] = lookup or _model_lookup


def agency_kind(code: str) -> str | None:
    """The kind of the active agency with ``code``; ``None`` if there is none."""
    return _lookup[0](code)


def known_agency_kinds() -> frozenset[str] | None:
    """The kinds an agency may have (the model's choices); ``None`` without the model."""
    try:
        model = apps.get_model("workflows", "Agency")
    except LookupError:
        return None
    return frozenset(str(value) for value, _label in model._meta.get_field("kind").choices or ())
