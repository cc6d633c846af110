"""Synchronisation of dossiers and their progress with the national public service portal (DVCQG).

Imports only ``core`` (and libraries): never the workflow layer nor another integration."""
