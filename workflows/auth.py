"""An authentication backend that grants officers their role permissions.

Add ``"workflows.auth.MembershipBackend"`` to AUTHENTICATION_BACKENDS (after
ModelBackend): it authenticates no one, it only answers ``has_perm`` and
``get_all_permissions`` with the ``workflows.role:<role>@<agency>`` strings of
the user's effective memberships, which is what viewflow's task queues compare
a task's ``owner_permission`` with.
"""

from typing import Any

from django.contrib.auth.backends import BaseBackend

from workflows.permissions import is_role_permission
from workflows.selectors.memberships import role_permissions_for

_CACHE = "_motcua_role_permissions"


class MembershipBackend(BaseBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or not getattr(user_obj, "is_active", False):
            return set()
        if not hasattr(user_obj, _CACHE):
            setattr(user_obj, _CACHE, role_permissions_for(user_obj))
        return set(getattr(user_obj, _CACHE))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not is_role_permission(perm):
            return False
        return perm in self.get_all_permissions(user_obj, obj)
