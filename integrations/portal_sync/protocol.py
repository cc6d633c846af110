"""What a portal backend is: its base class, its registry, the services it speaks.

The backends (``backends/``) register here when the app is ready; the service finds them
here, so that nothing above this integration imports vendor code, even indirectly."""

from dataclasses import dataclass
from typing import Any

from core.backends import Backend
from core.registry import Registry

RECORD = "DongBoHoSoMC"
PROGRESS = "CapNhatTienDoHoSoMC"
SERVICES = (RECORD, PROGRESS)
LOOKUP = "TraCuuHoSo"


@dataclass(frozen=True)
class PortalRecord:
    """What the portal holds of one dossier (an answer of ``TraCuuHoSo``)."""

    code: str
    status: int | None
    raw: dict[str, Any]


class PortalBackend(Backend):
    def push(self, *, service: str, body: dict[str, Any]) -> None:
        """Send one record; raise ``PortalUnavailable`` or ``PortalRejected``."""
        raise NotImplementedError

    def lookup(self, *, code: str) -> PortalRecord | None:
        """What the portal holds of dossier ``code`` (None when it holds nothing)."""
        raise NotImplementedError


backends: Registry[type[PortalBackend]] = Registry("portal backend")
