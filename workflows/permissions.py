"""The one place where "a role in an agency" becomes a permission string, and back.

viewflow gives each task a single ``owner_permission`` string and lists a user's
queue by comparing it with ``user.get_all_permissions()``. A task for "the
specialists of agency 000.00.20.H99" therefore carries

    workflows.role:specialist@000.00.20.H99

and ``workflows.auth.MembershipBackend`` grants that string to every user with
an effective membership of that role in that agency. Role codes are lower-case
identifiers and agency codes letters, digits, dots and hyphens, so ``:`` and
``@`` can never occur inside either part and the encoding is reversible.
"""

import re

from workflows.models.agencies import AGENCY_CODE_PATTERN, ROLE_CODE_PATTERN

APP_LABEL = "workflows"
PREFIX = f"{APP_LABEL}.role:"
_ROLE = re.compile(rf"{ROLE_CODE_PATTERN}\Z")
_AGENCY = re.compile(rf"{AGENCY_CODE_PATTERN}\Z")
_PERMISSION = re.compile(
    rf"{re.escape(PREFIX)}(?P<role>{ROLE_CODE_PATTERN})@(?P<agency>{AGENCY_CODE_PATTERN})\Z"
)


def role_permission_code(role_code: str, agency_code: str) -> str:
    """``("specialist", "000.00.20.H99")`` -> ``"workflows.role:specialist@000.00.20.H99"``."""
    if not _ROLE.match(role_code):
        raise ValueError(f"not a role code: {role_code!r}")
    if not _AGENCY.match(agency_code):
        raise ValueError(f"not an agency code: {agency_code!r}")
    return f"{PREFIX}{role_code}@{agency_code}"


def parse_role_permission(permission: str) -> tuple[str, str]:
    """The inverse of ``role_permission_code``: ``(role_code, agency_code)``.

    Raises ValueError for any string that ``role_permission_code`` cannot produce.
    """
    match = _PERMISSION.match(permission)
    if match is None:
        raise ValueError(f"not a role permission: {permission!r}")
    return match["role"], match["agency"]


def is_role_permission(permission: str) -> bool:
    return _PERMISSION.match(permission) is not None
