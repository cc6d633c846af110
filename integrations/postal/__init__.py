"""Postal delivery of results and pickup of paper dossiers: a VNPost-style backend and a fake.

Imports only ``core`` (and libraries): never the workflow layer nor another integration."""
