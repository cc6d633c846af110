"""A key and certificate in a SoftHSM2 token (a PKCS#11 HSM), signing through pyHanko."""

import os
import shutil
import subprocess
from pathlib import Path

import pkcs11
import pytest
from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, CertificateType, ObjectClass

from signing.errors import SignerUnavailable
from signing.models import SignerProfile
from signing.services import StampText, pdf_sign
from signing.verification import pdf_verify
from tests.signing.pki import leader_issue, sample_pdf

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "246810"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (shutil.which("softhsm2-util") and Path(MODULE).exists()), reason="no SoftHSM2"
    ),
]


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A SoftHSM2 configuration with one initialised token (once per process: the library
    reads its configuration when first loaded)."""
    directory = tmp_path_factory.mktemp("softhsm")
    (directory / "tokens").mkdir()
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "motcua-seal",
            "--pin",
            PIN,
            "--so-pin",
            "13579",
        ],
        check=True,
        capture_output=True,
    )
    return directory


def token_import(directory: Path, issued, label: str) -> None:  # type: ignore[no-untyped-def]
    key_file = directory / f"{label}.pem"
    key_file.write_bytes(
        issued.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(key_file),
            "--token",
            "motcua-seal",
            "--label",
            label,
            "--id",
            label.encode().hex(),
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    key_file.unlink()
    token = pkcs11.lib(MODULE).get_token(token_label="motcua-seal")
    with token.open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: label,
                Attribute.ID: label.encode(),
                Attribute.VALUE: issued.cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: issued.cert.subject.public_bytes(),
            }
        )


def profile(**config: str) -> SignerProfile:
    return SignerProfile.objects.create(
        name="Sở Giáo dục và Đào tạo",
        kind="agency",
        agency_code="000.00.20.H99",
        backend="pkcs11",
        config={"module": MODULE, "token_label": "motcua-seal", "pin": PIN, **config},
    )


def test_a_seal_in_the_token_signs_and_verifies(softhsm, dev_ca):
    token_import(softhsm, leader_issue(dev_ca.root, common_name="Sở Giáo dục và Đào tạo"), "seal")
    signer = profile(key_label="seal")
    stamp = StampText(name="Sở Giáo dục và Đào tạo", organisation="UBND tỉnh")
    signed = pdf_sign(
        pdf=sample_pdf(), signer=signer, stamp=stamp, reason="Đóng dấu", field_name="agency"
    )
    signed_again = pdf_sign(
        pdf=signed, signer=signer, stamp=stamp, reason="Đóng dấu", field_name="agency2"
    )  # the cached session serves again
    report = pdf_verify(signed_again)
    assert report.valid, report.problems
    assert [s.signer_name for s in report.signatures] == ["Sở Giáo dục và Đào tạo"] * 2


def test_a_wrong_pin_or_label_is_reported_as_unavailable(softhsm, dev_ca):
    stamp = StampText(name="X")
    with pytest.raises(SignerUnavailable):
        pdf_sign(
            pdf=sample_pdf(),
            signer=profile(key_label="nothing"),
            stamp=stamp,
            reason="r",
            field_name="f",
        )
    wrong = profile(key_label="seal")
    wrong.config = {**wrong.config, "pin": "000000"}
    with pytest.raises(SignerUnavailable):
        pdf_sign(pdf=sample_pdf(), signer=wrong, stamp=stamp, reason="r", field_name="f")
