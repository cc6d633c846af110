"""An RFC 3161 timestamp authority over HTTP (MOTCUA_SIGNING_TSA_URL), played by a server on
127.0.0.1 that answers with pyHanko's test TSA; a TSA that fails makes signing fail with
a reason, and nothing is signed without a timestamp."""

import pytest
from asn1crypto import tsp
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from werkzeug import Request, Response

from signing.errors import TimestampUnavailable
from signing.keys import asn1_cert, asn1_key
from signing.pki import leaf_issue
from signing.services import StampText, pdf_sign
from signing.verification import pdf_verify
from tests.signing.pki import sample_pdf

pytestmark = pytest.mark.django_db
STAMP = StampText(name="Nguyễn Văn Á")


@pytest.fixture
def tsa_url(httpserver, dev_ca, settings):  # type: ignore[no-untyped-def]
    issued = leaf_issue(issuer=dev_ca.root, common_name="Test TSA", organisation="TSA", tsa=True)
    authority = DummyTimeStamper(tsa_cert=asn1_cert(issued.cert), tsa_key=asn1_key(issued.key))
    requests: list[bytes] = []

    def answer(request: Request) -> Response:
        if request.headers.get("Content-Type") != "application/timestamp-query":
            return Response(status=415)
        requests.append(request.data)
        reply = authority.request_tsa_response(tsp.TimeStampReq.load(request.data))
        return Response(reply.dump(), content_type="application/timestamp-reply")

    httpserver.expect_request("/tsa", method="POST").respond_with_handler(answer)
    settings.MOTCUA_SIGNING_TSA_URL = httpserver.url_for("/tsa")
    return requests


def test_the_signature_is_timestamped_by_the_configured_tsa(tsa_url, make_profile):
    signed = pdf_sign(
        pdf=sample_pdf(), signer=make_profile(), stamp=STAMP, reason="Ký", field_name="leader"
    )
    assert len(tsa_url) == 1  # one request a signature (the size is reserved, no dry run)
    report = pdf_verify(signed)
    assert report.valid, report.problems
    assert report.signatures[0].timestamp_at is not None


def test_a_failing_tsa_fails_the_signature(httpserver, make_profile, settings):
    httpserver.expect_request("/tsa", method="POST").respond_with_data("down", status=503)
    settings.MOTCUA_SIGNING_TSA_URL = httpserver.url_for("/tsa")
    with pytest.raises(TimestampUnavailable):
        pdf_sign(
            pdf=sample_pdf(), signer=make_profile(), stamp=STAMP, reason="Ký", field_name="leader"
        )
