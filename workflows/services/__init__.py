"""Workflow services: the writes of the domain, keyword-only and typed."""
