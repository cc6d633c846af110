"""The spyne application: SOAP 1.1 in and out, built once per process.

spyne forces a full garbage collection up to once a second per process when a call ends
(100-300 ms stalls under load): switched off here. The WSDL is built for the address in
MOTCUA_SOAP_PUBLIC_URL, never from a request's Host (spyne would cache the first one).
"""

import sys
from functools import cache

import spyne.const
from django.conf import settings
from spyne import Application
from spyne.interface.wsdl import Wsdl11
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

from .service import MotcuaService
from .types import NAMESPACE

spyne.const.MIN_GC_INTERVAL = float("inf")

SERVICE_NAME = "MotcuaService"


@cache
def application() -> Application:
    return Application(
        [MotcuaService],
        tns=NAMESPACE,
        name=SERVICE_NAME,
        # huge_tree: an attachment's base64 may exceed libxml2's 10 MB text node limit; the
        # body's size is bounded by the view, entities are never resolved and a DTD never
        # reaches the parser (api.soap.views)
        in_protocol=Soap11(validator="soft", huge_tree=True),
        out_protocol=Soap11(),
    )


@cache
def wsgi_application() -> WsgiApplication:
    # the view has read at most MOTCUA_SOAP_MAX_BODY_BYTES already: no second, lower limit
    return WsgiApplication(application(), max_content_length=sys.maxsize)


@cache
def wsdl_document(url: str) -> bytes:
    """The WSDL with ``url`` as the service's address (after the WSGI server is made: it
    sets the application's transport, SOAP over HTTP, that the binding names)."""
    wsdl = Wsdl11(wsgi_application().app.interface)
    wsdl.build_interface_document(url)
    document: bytes = wsdl.get_interface_document()
    return document


def public_wsdl() -> bytes:
    return wsdl_document(str(settings.MOTCUA_SOAP_PUBLIC_URL))
