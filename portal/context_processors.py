"""What every page's layout needs to know about the visitor."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from workflows.selectors.memberships import memberships_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``is_officer``: the visitor holds an effective membership (valid today, active agency)
    or is staff; computed only when a template reads it."""

    def officer() -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return bool(user.is_staff or memberships_for(user).exists())

    return {"is_officer": SimpleLazyObject(officer)}
