from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Procedures and dossiers")

    def ready(self) -> None:
        # the engine registers its outbox sender (service tasks) and its periodic job (timers)
        from . import engine  # noqa: F401
        from .services import documents  # noqa: F401  (the sender workflows.dossier_document)
