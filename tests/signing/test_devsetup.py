"""`manage.py signing_dev_setup`: idempotent, keys only encrypted, marked not for production."""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from signing.models import SignerProfile
from signing.pki import NOT_FOR_PRODUCTION
from signing.selectors import signer_for
from signing.services import StampText, pdf_sign
from signing.verification import pdf_verify
from tests.signing.pki import sample_pdf

pytestmark = pytest.mark.django_db
ARGS = ["--agency=000.00.20.H99=Sở Giáo dục và Đào tạo", "--leader=demo_leader=000.00.20.H99"]


def test_setup_makes_signers_once_and_they_sign(dev_ca, capsys):
    leader = get_user_model().objects.create(
        username="demo_leader", first_name="Á", last_name="Nguyễn Văn"
    )
    call_command("signing_dev_setup", *ARGS)
    assert "Issued: agency seal 000.00.20.H99" in capsys.readouterr().out
    call_command("signing_dev_setup", *ARGS)
    assert "Issued" not in capsys.readouterr().out  # idempotent
    assert SignerProfile.objects.count() == 2

    seal = signer_for(kind="agency", agency_code="000.00.20.H99")
    personal = signer_for(kind="personal", user=leader, agency_code="000.00.20.H99")
    assert seal and personal and seal.development and personal.user == leader
    assert signer_for(kind="personal", user=leader, agency_code="another") is None

    _key, cert, _chain = pkcs12.load_key_and_certificates(
        Path(seal.config["path"]).read_bytes(), seal.config["passphrase"].encode()
    )
    assert NOT_FOR_PRODUCTION in cert.subject.rfc4514_string()
    with connection.cursor() as cursor:
        cursor.execute("select config from signing_signerprofile")
        stored = " ".join(row[0] for row in cursor.fetchall())
    assert seal.config["passphrase"] not in stored and "passphrase" not in stored

    signed = pdf_sign(
        pdf=sample_pdf(),
        signer=personal,
        stamp=StampText(name=personal.name),
        reason="Ký",
        field_name="leader",
    )
    signed = pdf_sign(
        pdf=signed,
        signer=seal,
        stamp=StampText(name=seal.name),
        reason="Đóng dấu",
        field_name="agency",
    )
    report = pdf_verify(signed)
    assert report.valid, report.problems


def test_setup_is_refused_when_the_development_ca_is_off(settings):
    settings.MOTCUA_SIGNING_DEV = False
    with pytest.raises(CommandError):
        call_command("signing_dev_setup", *ARGS)
