"""Checking a signature made elsewhere before it goes into a document: a CMS from a USB
token (over the document's digest, by the registered certificate) or a raw signature from
a remote service (over the signed attributes); adding the signature timestamp (B-T)."""

import asyncio
import hashlib

from asn1crypto import cms as asn1_cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation.generic_cms import validate_sig_integrity

from signing.errors import SignatureInvalid, TimestampUnavailable
from signing.keys import asn1_cert
from signing.trust import timestamper


def raw_signature_check(*, cert: x509.Certificate, data: bytes, signature: bytes) -> bool:
    """Is ``signature`` the certificate key's SHA-256 signature of ``data``?"""
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except InvalidSignature:
        return False
    return True


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def cms_check(
    content: asn1_cms.ContentInfo, *, cert: x509.Certificate, document_digest: bytes
) -> None:
    """Raise SignatureInvalid unless ``content`` is a detached SignedData with one signer,
    ``cert``, whose signed attributes carry ``document_digest`` and whose signature holds."""
    try:
        if content["content_type"].native != "signed_data":
            raise SignatureInvalid()
        signed_data = content["content"]
        [signer_info] = list(signed_data["signer_infos"])
        if signer_info["digest_algorithm"]["algorithm"].native != "sha256":
            raise SignatureInvalid()
        sid = signer_info["sid"]
        expected = asn1_cert(cert)
        if sid.name == "issuer_and_serial_number":
            matches = (
                sid.chosen["serial_number"].native == expected.serial_number
                and sid.chosen["issuer"] == expected.issuer
            )
        else:
            matches = sid.chosen.native == expected.key_identifier
        if not matches:
            raise SignatureInvalid()
        intact, valid = validate_sig_integrity(signer_info, expected, "data", document_digest)
    except (ValueError, KeyError, TypeError) as exc:
        raise SignatureInvalid() from exc
    if not (intact and valid):
        raise SignatureInvalid()


def cms_attach_timestamp(content: asn1_cms.ContentInfo) -> asn1_cms.ContentInfo:
    """``content`` with a signature timestamp token from the TSA (kept if it has one)."""
    signer_info = content["content"]["signer_infos"][0]
    unsigned = signer_info["unsigned_attrs"]
    present = [] if unsigned.native is None else list(unsigned)
    if any(a["type"].native == "signature_time_stamp_token" for a in present):
        return content
    digest = hashlib.sha256(signer_info["signature"].native).digest()
    try:
        token = asyncio.run(timestamper().async_timestamp(digest, "sha256"))
    except TimestampRequestError as exc:
        raise TimestampUnavailable() from exc
    signer_info["unsigned_attrs"] = asn1_cms.CMSAttributes(
        [*present, simple_cms_attribute("signature_time_stamp_token", token)]
    )
    return asn1_cms.ContentInfo.load(content.dump(force=True))
