"""Errors of signing, each with a message a user can read (translated)."""

from django.utils.translation import gettext_lazy as _


class SigningError(Exception):
    """Signing failed; ``str(error)`` is the message for the user."""

    default_message = _("The document could not be signed.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class SignerConfigurationError(SigningError):
    default_message = _("The signer is not configured correctly; ask the administrator.")


class SignerUnavailable(SigningError):
    """The key, token or service cannot be reached now; trying again later may work."""

    default_message = _("The signing key or service is not available now; try again later.")


class CertificateNotValid(SigningError):
    default_message = _("The signer's certificate is not valid now (expired or not yet valid).")


class TimestampUnavailable(SigningError):
    default_message = _("The timestamp authority did not answer; try again later.")


class DocumentNotSignable(SigningError):
    default_message = _("The document is not a PDF that can be signed.")


class SignatureRejected(SigningError):
    default_message = _("The signer refused to sign the document.")


class SignatureExpired(SigningError):
    default_message = _("The signer did not approve the signature in time.")


class SignatureInvalid(SigningError):
    default_message = _("The signature received does not match the document or the signer.")
