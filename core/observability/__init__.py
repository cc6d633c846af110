"""Request ids, structured logs without personal data, health and readiness, metrics."""
