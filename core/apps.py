from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("System")

    def ready(self) -> None:
        # system checks, periodic jobs and core's outbox senders register on import
        from . import checks, jobs  # noqa: F401
        from .outbox import builtin_senders  # noqa: F401
