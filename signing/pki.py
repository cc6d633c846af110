"""Certificates for the development CA and the tests, made with ``cryptography``.

Nothing here is for production: production keys come from a real CA and live in a
PKCS#12 file, a token or an HSM (see docs/signing.md).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOT_FOR_PRODUCTION = "KHÔNG DÙNG CHO SẢN XUẤT (not for production)"


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def pkcs12(self, *, passphrase: str, chain: list[x509.Certificate] | None = None) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            name=None,
            key=self.key,
            cert=self.cert,
            cas=chain or None,
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
        )


def _name(common_name: str, organisation: str, title: str = "") -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, NOT_FOR_PRODUCTION),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
    ]
    if title:
        attributes.insert(3, x509.NameAttribute(NameOID.TITLE, title[:64]))
    return x509.Name(attributes)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def root_issue(
    *, common_name: str, organisation: str, not_before: datetime | None = None, days: int = 3650
) -> Issued:
    """A self-signed root CA certificate."""
    key = _key()
    start = not_before or datetime.now(UTC) - timedelta(hours=1)
    name = _name(common_name, organisation)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def leaf_issue(
    *,
    issuer: Issued,
    common_name: str,
    organisation: str,
    title: str = "",
    tsa: bool = False,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    days: int = 1825,
) -> Issued:
    """A signer's certificate (non-repudiation) or, with ``tsa``, a timestamp authority's."""
    key = _key()
    start = not_before or datetime.now(UTC) - timedelta(hours=1)
    end = not_after or start + timedelta(days=days)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation, title))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if tsa:
        builder = builder.add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
    return Issued(key, builder.sign(issuer.key, hashes.SHA256()))


def issued_load(*, pkcs12_data: bytes, passphrase: str) -> Issued:
    key, cert, _chain = pkcs12.load_key_and_certificates(pkcs12_data, passphrase.encode())
    if not isinstance(key, rsa.RSAPrivateKey) or cert is None:
        raise ValueError("the PKCS#12 file holds no RSA key and certificate")
    return Issued(key, cert)
