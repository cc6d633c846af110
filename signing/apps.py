from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "signing"
    verbose_name = _("Documents and signatures")

    def ready(self) -> None:
        # the system checks and the signer backends register themselves at import
        from signing import checks  # noqa: F401
        from signing.signers import pkcs11, pkcs12, remote, usb  # noqa: F401
