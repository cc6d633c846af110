"""Conversions between ``cryptography`` objects and the asn1crypto ones pyHanko wants,
and a signer that keeps the parsed key (pyHanko's SimpleSigner parses it on every
signature: 40-50 ms each)."""

from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def asn1_key(key: PrivateKey) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


def certs_pem_load(data: bytes) -> list[asn1_x509.Certificate]:
    return [asn1_cert(cert) for cert in x509.load_pem_x509_certificates(data)]


_HASHES: dict[str, Any] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class CachedKeySigner(SimpleSigner):
    """pyHanko's SimpleSigner with the private key parsed once (RSA PKCS#1 v1.5, ECDSA)."""

    def __init__(
        self, *, key: PrivateKey, cert: x509.Certificate, chain: list[x509.Certificate]
    ) -> None:
        super().__init__(
            signing_cert=asn1_cert(cert),
            signing_key=asn1_key(key),
            cert_registry=SimpleCertificateStore.from_certs([asn1_cert(c) for c in chain]),
        )
        self._key = key

    def sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        algorithm = _HASHES[digest_algorithm.lower()]()
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), algorithm)
        return self._key.sign(data, ec.ECDSA(algorithm))

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        return self.sign_raw(data, digest_algorithm, dry_run)
