"""Shared mechanisms every layer uses: registries, the outbox and its dispatchers,
periodic jobs, encryption of personal data at rest, the audit trail, observability."""
