"""Workflow selectors: the reads of the domain (querysets and answers, no writes)."""
