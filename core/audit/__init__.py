"""The access log: who read or changed which record, and every admin action."""
