"""Synchronisation of dossiers and their progress with the national public service portal (DVCQG).

Imports only ``core`` (and libraries): never the workflow layer nor another integration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalSyncConfig(AppConfig):
    name = "integrations.portal_sync"
    label = "portal_sync"
    verbose_name = _("National portal sync")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (the system check motcua.E150)
        from .backends import load

        load()
