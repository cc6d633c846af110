"""Signer backends: where a signer's key is and how it signs.

Server-side keys (``pkcs12``, ``pkcs11``) give pyHanko a Signer and sign at once
(signing.pades.pdf_sign). Keys that are not on the server (``remote``: a phone-approved
signing service; ``usb``: a token on the signer's PC) are ``interactive``: the document is
prepared, the signature arrives later (signing.pending).
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from cryptography import x509
from pyhanko.sign.signers import Signer

from core.backends import Backend
from core.registry import Registry, RegistryError
from signing.errors import SignerConfigurationError

if TYPE_CHECKING:
    from signing.models import PendingSignature, SignerProfile


@dataclass(frozen=True)
class PollResult:
    """A remote service's answer: ``state`` one of PendingSignature.State's values."""

    state: str
    signature: bytes = b""
    error: str = ""


@dataclass(frozen=True)
class Certificates:
    cert: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)


class SignerBackend(Backend):
    interactive: ClassVar[bool] = False  # the key is elsewhere: the signature is requested
    signs_document_digest: ClassVar[bool] = False  # a CMS over the document (usb), not raw

    def __init__(self, profile: "SignerProfile") -> None:
        self.profile = profile
        self.config: dict = profile.config if isinstance(profile.config, dict) else {}

    def setting(self, name: str) -> str:
        value = self.config.get(name)
        if not value:
            raise SignerConfigurationError()
        return str(value)

    # server-side keys
    transient_errors: ClassVar[tuple[type[Exception], ...]] = ()  # the key's device failed

    def forget(self) -> None:
        """Drop what is cached for this key (after one of ``transient_errors``)."""

    def signer(self) -> Signer:
        raise SignerConfigurationError()

    def signature_size(self) -> int:
        """Bytes to reserve in the PDF for the CMS (hex: twice its DER size)."""
        return 32768

    # keys elsewhere
    def certificates(self) -> Certificates:
        raise SignerConfigurationError()

    def start(self, *, pending: "PendingSignature") -> str:
        """Ask for the signature; return the transaction id ("" when nothing is asked)."""
        raise SignerConfigurationError()

    def poll(self, *, pending: "PendingSignature") -> PollResult:
        raise SignerConfigurationError()


signer_backends: Registry[type[SignerBackend]] = Registry("signer backend")


def backend_for(profile: "SignerProfile") -> SignerBackend:
    from signing.signers import pkcs11, pkcs12, remote, usb  # noqa: F401  (registration)

    try:
        backend_class = signer_backends.get(profile.backend)
    except RegistryError as exc:
        raise SignerConfigurationError() from exc
    return backend_class(profile)
