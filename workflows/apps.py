from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Procedures and dossiers")

    def ready(self) -> None:
        # the engine registers its outbox sender (service tasks) and its periodic job (timers)
        from . import engine  # noqa: F401

        # the calendar's cache invalidation (signals on calendar days, office hours, agencies)
        from .calendar import signals  # noqa: F401
        from .deadlines import job  # noqa: F401  (the periodic job workflows.deadline_alerts)

        # the public status cache's invalidation (dossiers, their log, engine tasks)
        from .selectors import public_status_signals  # noqa: F401
        from .selectors.catalogue import connect_signals as catalogue_signals
        from .services import (
            documents,  # noqa: F401  (the sender workflows.dossier_document)
            notification_catch_up,  # noqa: F401  (log entries → notifications)
            result_signing_worker,  # noqa: F401  (result signing: sender, poll)
        )
        from .services.portal_sync import connect as connect_portal_sync
        from .services.portal_sync_reconcile import portal_sync_reconcile  # noqa: F401  (jobs)
        from .subscribers import load_all as load_subscribers

        load_subscribers()  # handlers of the integrations' events (core.events)
        connect_portal_sync()  # every log entry pushed to the national portal
        catalogue_signals()  # the catalogue's memo, read again after a publish or retire

        _register_agency_directory()


def _register_agency_directory() -> None:
    """The forms layer checks ``agency`` fields against the agencies table through this."""
    from forms.agencies import AgencyDirectory, agency_directory_set

    from .models import Agency
    from .selectors.agencies import agency_active_kind

    kinds = frozenset(str(value) for value in Agency.Kind.values)
    agency_directory_set(AgencyDirectory(kind_of=agency_active_kind, kinds=kinds), default=True)
