"""What the endpoint checks before spyne reads a request (spyne's own answers to these are
HTML pages or exceptions): the Content-Type, the body's size, a DTD."""

from django.http import HttpRequest
from lxml import etree

SOAP11_MIME = "text/xml"
PROLOG_CHUNK = 8192


class BodyTooLarge(Exception):
    pass


def content_type_ok(request: HttpRequest) -> bool:
    """SOAP 1.1 is sent as text/xml (any charset parameter)."""
    mime = request.META.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    return mime == SOAP11_MIME


def body_read(request: HttpRequest, *, limit: int) -> bytes:
    """The body, reading at most ``limit`` + 1 bytes from the stream (never all of an
    oversized one): BodyTooLarge past the limit, or when Content-Length says so already."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise BodyTooLarge
    body = request.read(limit + 1)
    if len(body) > limit:
        raise BodyTooLarge
    return body


class _Prolog:
    """An lxml parser target noting a DOCTYPE and stopping at the root element."""

    def __init__(self) -> None:
        self.has_dtd = False

    def doctype(self, *args: object) -> None:
        self.has_dtd = True

    def start(self, *args: object) -> None:
        raise _RootReached

    def close(self) -> None:
        return None


class _RootReached(Exception):
    pass


def has_dtd(body: bytes) -> bool:
    """Whether the document declares a DTD (SOAP 1.1 forbids one): only its prolog is read,
    by a parser that loads nothing and resolves no entity."""
    target = _Prolog()
    parser = etree.XMLParser(target=target, resolve_entities=False, load_dtd=False, no_network=True)
    try:
        for start in range(0, len(body), PROLOG_CHUNK):
            parser.feed(body[start : start + PROLOG_CHUNK])
        parser.close()
    except _RootReached:
        pass
    except etree.XMLSyntaxError:
        pass  # malformed: spyne answers it with its Client.XMLSyntaxError fault
    return target.has_dtd
