"""Trust roots and the timestamp authority, from settings (and the development CA when
MOTCUA_SIGNING_DEV is on and `manage.py signing_dev_setup` has made it)."""

import threading
from datetime import datetime
from functools import cache
from pathlib import Path

from asn1crypto import cms, core
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from django.conf import settings
from pyhanko.sign import general
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from signing.devca import DevCA, dev_ca_load
from signing.errors import SignerConfigurationError
from signing.keys import asn1_cert, asn1_key, certs_pem_load


@cache
def _roots_from(paths: tuple[str, ...]) -> tuple[asn1_x509.Certificate, ...]:
    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        roots.extend(certs_pem_load(Path(path).read_bytes()))
    return tuple(roots)


def configured_roots() -> list[asn1_x509.Certificate]:
    """The roots of MOTCUA_SIGNING_TRUST_ROOTS (read once per process)."""
    return list(_roots_from(tuple(settings.MOTCUA_SIGNING_TRUST_ROOTS)))


def dev_ca() -> DevCA | None:
    """The development CA when it is switched on (MOTCUA_SIGNING_DEV) and exists."""
    return dev_ca_load() if settings.MOTCUA_SIGNING_DEV else None


def trust_roots() -> list[asn1_x509.Certificate]:
    roots = configured_roots()
    ca = dev_ca()
    if ca is not None:
        roots.append(asn1_cert(ca.root.cert))
    return roots


class DevTimeStamper(DummyTimeStamper):
    """pyHanko's in-process TSA with the development TSA's key parsed once."""

    def __init__(self, ca: DevCA) -> None:
        super().__init__(
            tsa_cert=asn1_cert(ca.tsa.cert),
            tsa_key=asn1_key(ca.tsa.key),
            certs_to_embed=SimpleCertificateStore.from_certs([asn1_cert(ca.root.cert)]),
        )
        self._key = ca.tsa.key
        # the same for every token; building it (a copy of the issuer's name) was most of
        # the cost of a development timestamp
        self._signing_certificate = simple_cms_attribute(
            "signing_certificate", general.as_signing_certificate(self.tsa_cert)
        ).dump()

    def _sign_tst_info(
        self, tst_info_data: bytes, md_algorithm: str, dt: datetime
    ) -> tuple[bytes, cms.CMSAttributes]:
        # pyHanko's own, with the key parsed once and the signing-certificate attribute made
        # once (its version does both for every token).
        digest = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                simple_cms_attribute("content_type", "tst_info"),
                simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
                cms.CMSAttribute.load(self._signing_certificate),
                simple_cms_attribute("message_digest", digest.finalize()),
            ]
        )
        signature = self._key.sign(
            signed_attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper())
        )
        return signature, signed_attrs


_timestampers: dict[int, TimeStamper] = {}
_http_timestampers: dict[tuple[str, int], RequestsHTTPTimeStamper] = {}
_lock = threading.Lock()


def timestamper() -> TimeStamper:
    """The TSA of MOTCUA_SIGNING_TSA_URL, else the development TSA; raises
    SignerConfigurationError when there is neither."""
    url = settings.MOTCUA_SIGNING_TSA_URL
    if url:
        key = (url, settings.MOTCUA_SIGNING_TSA_TIMEOUT)
        with _lock:  # one per process: pyHanko caches its size estimate on the instance
            http = _http_timestampers.get(key)
            if http is None:
                http = _http_timestampers[key] = RequestsHTTPTimeStamper(url, timeout=key[1])
        return http
    ca = dev_ca()
    if ca is None:
        raise SignerConfigurationError()
    with _lock:
        stamper = _timestampers.get(id(ca))
        if stamper is None:
            _timestampers.clear()
            stamper = _timestampers[id(ca)] = DevTimeStamper(ca)
    return stamper
