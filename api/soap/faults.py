"""SOAP 1.1 faults: those the operations raise (spyne's Fault) and those the endpoint answers
before spyne reads the request (a DTD, a wrong Content-Type, a body too large, no
credential), written here as a SOAP 1.1 envelope."""

from django.http import HttpResponse
from lxml import etree
from spyne import Fault

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
CONTENT_TYPE = "text/xml; charset=utf-8"


def client_fault(name: str, message: str, detail: dict[str, list[str]] | None = None) -> Fault:
    """A fault the caller must fix (``Client.<name>``): never retried by a well-behaved peer.
    ``detail``: the problems by path, each as a ``<problem path="...">message</problem>``."""
    element = None
    if detail:
        element = etree.Element("problems")
        for path, problems in detail.items():
            for problem in problems:
                etree.SubElement(element, "problem", path=str(path)).text = str(problem)
    return Fault(faultcode=f"Client.{name}", faultstring=message, detail=element)


def fault_response(code: str, message: str, *, status: int = 500) -> HttpResponse:
    """A SOAP 1.1 fault envelope (``code``: Client.X or Server.X) with this HTTP status."""
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap11env": SOAP_ENV})
    body = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
    fault = etree.SubElement(body, f"{{{SOAP_ENV}}}Fault")
    etree.SubElement(fault, "faultcode").text = f"soap11env:{code}"
    etree.SubElement(fault, "faultstring").text = message
    content = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(content, status=status, content_type=CONTENT_TYPE)
