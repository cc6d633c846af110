"""A PKCS#11 token or HSM on the server (an agency's seal in an HSM): pyHanko's
PKCS11Signer over a session opened once per process and reused (logging in to a token
takes longer than signing). A broken session is dropped and opened again next time.

config: ``module`` (the vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so),
``token_label``, ``pin``, ``key_label`` and ``cert_label`` (default: the key's label).
"""

import contextlib
import hashlib
import threading

from pkcs11 import PKCS11Error
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

from signing.errors import SignerUnavailable
from signing.signers import SignerBackend, signer_backends

_lock = threading.Lock()
_signers: dict[tuple[str, ...], "LockedPkcs11Signer"] = {}


class LockedPkcs11Signer(PKCS11Signer):
    """One operation at a time on the shared session."""

    session_lock = threading.Lock()

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        with self.session_lock:
            return await super().async_sign_raw(data, digest_algorithm, dry_run)


def _drop(key: tuple[str, ...]) -> None:
    with _lock:
        signer = _signers.pop(key, None)
    if signer is not None:
        with contextlib.suppress(PKCS11Error):
            signer.pkcs11_session.close()


@signer_backends.register("pkcs11")
class Pkcs11Backend(SignerBackend):
    id = "pkcs11"
    transient_errors = (PKCS11Error,)

    def _key(self) -> tuple[str, ...]:
        pin_hash = hashlib.sha256(self.setting("pin").encode()).hexdigest()
        return (
            self.setting("module"),
            self.setting("token_label"),
            pin_hash,
            self.setting("key_label"),
            str(self.config.get("cert_label") or ""),
        )

    def signer(self) -> LockedPkcs11Signer:
        key = self._key()
        cached = _signers.get(key)
        if cached is not None:
            return cached
        try:
            session = open_pkcs11_session(
                self.setting("module"),
                token_criteria=TokenCriteria(label=self.setting("token_label")),
                user_pin=self.setting("pin"),
            )
            signer = LockedPkcs11Signer(
                session,
                key_label=self.setting("key_label"),
                cert_label=str(self.config.get("cert_label") or self.setting("key_label")),
            )
            signer.signing_cert  # noqa: B018  (fetch the certificate now: fail early)
        except (PKCS11Error, OSError, RuntimeError, ValueError) as exc:
            raise SignerUnavailable() from exc
        with _lock:
            _signers[key] = signer
        return signer

    def signature_size(self) -> int:
        signer = self.signer()
        certs = sum(len(c.dump()) for c in signer.cert_registry)
        return 2 * (certs + len(signer.signing_cert.dump()) + 12288)

    def forget(self) -> None:
        """Drop the cached session (after the token failed)."""
        _drop(self._key())

    def check_config(self) -> list[str]:
        try:
            self.signer()
        except SignerUnavailable:
            return ["the token cannot be opened with the configured module, label and PIN"]
        return []
