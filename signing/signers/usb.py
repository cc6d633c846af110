"""A USB token on the signer's own PC: the server prepares the document and publishes the
digest; the signing software on the PC makes a CMS (PAdES: detached, over that digest) with
the token and uploads it (signing.pending.signature_complete). The server checks it against
the certificate registered for the signer, adds the signature timestamp and embeds it."""

from cryptography import x509

from signing.errors import SignerConfigurationError
from signing.signers import Certificates, PollResult, SignerBackend, signer_backends


@signer_backends.register("usb")
class UsbTokenBackend(SignerBackend):
    """config: ``certificate`` (PEM of the token's certificate, then its chain)."""

    id = "usb"
    interactive = True
    signs_document_digest = True

    def certificates(self) -> Certificates:
        try:
            certs = x509.load_pem_x509_certificates(self.setting("certificate").encode())
        except ValueError as exc:
            raise SignerConfigurationError() from exc
        return Certificates(cert=certs[0], chain=certs[1:])

    def start(self, *, pending: object) -> str:
        return ""  # nothing to ask: the PC fetches the digest

    def poll(self, *, pending: object) -> PollResult:
        return PollResult(state="pending")

    def check_config(self) -> list[str]:
        try:
            self.certificates()
        except SignerConfigurationError:
            return ["no readable certificate (PEM) is registered for the token"]
        return []
