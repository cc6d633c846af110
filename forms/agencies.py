"""Which agency codes an ``agency`` field accepts.

The forms layer sits below workflows and never imports it, not even by name through the app
registry: the agency directory is registered from above at startup (``workflows`` does it in
its ``AppConfig.ready``) with ``agency_directory_set``; tests may register their own. Until
one is registered, an ``agency`` field refuses every code (and says the directory is missing).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AgencyDirectory:
    # code -> the kind of the ACTIVE agency with that code, or None
    kind_of: Callable[[str], str | None]
    # every kind an agency may have (to check a schema's agency_kinds)
    kinds: frozenset[str]


_directory: list[AgencyDirectory | None] = [None]
_default: list[AgencyDirectory | None] = [None]


def agency_directory_set(directory: AgencyDirectory | None, *, default: bool = False) -> None:
    """Use ``directory`` from now on; ``None`` restores the one registered at startup.
    ``default=True`` (the startup registration) also makes it the one to restore."""
    if default:
        _default[0] = directory
    _directory[0] = directory or _default[0]


def agency_lookup_set(lookup: Callable[[str], str | None] | None) -> None:
    """Replace only the lookup (tests): ``None`` restores the startup directory."""
    if lookup is None:
        agency_directory_set(None)
        return
    kinds = _directory[0].kinds if _directory[0] else frozenset()
    _directory[0] = AgencyDirectory(kind_of=lookup, kinds=kinds)


def agency_directory_ready() -> bool:
    return _directory[0] is not None


def agency_kind(code: str) -> str | None:
    """The kind of the active agency with ``code``; ``None`` if there is none (or no directory)."""
    directory = _directory[0]
    return directory.kind_of(code) if directory else None


def known_agency_kinds() -> frozenset[str] | None:
    """The kinds an agency may have; ``None`` when no directory is registered."""
    directory = _directory[0]
    return directory.kinds if directory else None
