"""core's tables live in their own modules; Django finds them here."""

from core.audit.models import AccessLogEntry
from core.outbox.models import OutboxMessage
from core.periodic import PeriodicJobState

__all__ = ["AccessLogEntry", "OutboxMessage", "PeriodicJobState"]
