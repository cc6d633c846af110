from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "portal_accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from core.oidc import register_identity_resolver

        from .identities import user_for_subject

        register_identity_resolver(user_for_subject)

        # the administration signs in here too (second factor, rate limits)
        from django.contrib import admin

        from .admin_login import admin_login

        admin.site.login = admin_login  # type: ignore[method-assign]
