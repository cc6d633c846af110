"""A PKCS#12 file on the server (an agency's seal issued as a file): the parsed key is
kept per process, keyed by the file's path, modification time and passphrase."""

import hashlib
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from signing.errors import SignerConfigurationError
from signing.keys import CachedKeySigner
from signing.signers import SignerBackend, signer_backends

_lock = threading.Lock()
_signers: dict[tuple[str, float, str], CachedKeySigner] = {}


def _load(path: Path, passphrase: str) -> CachedKeySigner:
    try:
        stamp = path.stat().st_mtime
    except OSError as exc:
        raise SignerConfigurationError() from exc
    key = (str(path), stamp, hashlib.sha256(passphrase.encode()).hexdigest())
    cached = _signers.get(key)
    if cached is not None:
        return cached
    try:
        private_key, cert, chain = pkcs12.load_key_and_certificates(
            path.read_bytes(), passphrase.encode()
        )
    except (OSError, ValueError) as exc:  # unreadable, not PKCS#12, wrong passphrase
        raise SignerConfigurationError() from exc
    if cert is None or not isinstance(private_key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SignerConfigurationError()
    signer = CachedKeySigner(key=private_key, cert=cert, chain=list(chain))
    with _lock:
        _signers[key] = signer
    return signer


@signer_backends.register("pkcs12")
class Pkcs12Backend(SignerBackend):
    """config: ``path`` (a PKCS#12 file readable by the site only), ``passphrase``."""

    id = "pkcs12"

    def signer(self) -> CachedKeySigner:
        return _load(Path(self.setting("path")), self.setting("passphrase"))

    def signature_size(self) -> int:
        signer = self.signer()
        certs = sum(len(cert.dump()) for cert in signer.cert_registry)
        # DER: signature, attributes, chain, a timestamp token with its TSA chain; hex doubles.
        return 2 * (certs + 12288)

    def check_config(self) -> list[str]:
        try:
            self.signer()
        except SignerConfigurationError:
            return ["the PKCS#12 file cannot be opened with the configured passphrase"]
        return []
