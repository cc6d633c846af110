"""zeep over 127.0.0.1 against this site in a thread (wsgiref; pytest-django's live_server
fails here on its static files handler): the WSDL's address (MOTCUA_SOAP_PUBLIC_URL)
is the live server's, the outbound client factory (integrations.interop) calls it with a
key header, and a submission with a 3 MB attachment goes through."""

import json
import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler

from api.soap.clients import soap_client_create
from api.soap.service import OPERATIONS
from integrations.interop.client import client_for, client_forget
from tests.workflows.factories import PDF_BYTES, PNG_BYTES
from tests.workflows.services.submission_setup import DATA, desk
from workflows.models import Dossier


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site_url(settings: Any) -> Iterator[str]:
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True)
def test_zeep_over_127_0_0_1(site_url: str, settings: Any) -> None:
    d = desk()
    _client, key = soap_client_create(agency=d.centre, name="peer", operations=list(OPERATIONS))
    url = f"{site_url}/soap/"
    settings.MOTCUA_SOAP_PUBLIC_URL = url
    settings.MOTCUA_INTEROP_PEERS = {
        "self": {"wsdl": f"{url}?wsdl", "read_timeout": 60, "headers": {"X-Api-Key": key}}
    }
    client_forget()
    big = PDF_BYTES + b"%" + b"x" * (3 * 1024 * 1024)
    try:
        service = client_for("self").service
        answer = service.SubmitDossier(
            submission={
                "request_key": "live-1",
                "version_id": d.version.pk,
                "case_code": d.case.code,
                "receiving_agency": d.centre.code,
                "data_json": json.dumps(DATA),
                "attachments": {
                    "Attachment": [
                        {"document_code": "request_form", "filename": "a.pdf", "content": big},
                        {
                            "document_code": "identity_document",
                            "filename": "b.png",
                            "content": PNG_BYTES,
                        },
                    ]
                },
            }
        )
        status = service.GetDossierStatus(code=answer.code)
    finally:
        client_forget()

    assert answer.created is True
    assert status.status == 1
    assert Dossier.objects.get().code == answer.code
