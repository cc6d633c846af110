"""Notifications to applicants and officers: email and SMS backends, versioned templates,
delivery status.

Imports only ``core`` (and libraries): never the workflow layer nor another integration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "integrations.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # backends, outbox senders and periodic jobs register themselves at import
        from . import backends, checks, sender  # noqa: F401
