"""How far ahead the deadline job looks: a warning is at most this long before its due
moment (``workflows.definitions.escalation.WARN_LIMITS`` keeps definitions within it)."""

from datetime import timedelta

LOOKAHEAD = timedelta(days=45)
