"""Parsing untrusted XML: no DTD, no entities, no network, a size limit, a depth limit."""

from django.utils.translation import gettext as _
from lxml import etree

from .errors import BpmnImportError

MAX_BYTES = 2 * 1024 * 1024  # a large procedure's BPMN is tens of kilobytes


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,  # keeps libxml2's limits on depth and text size
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def parse_xml(data: bytes | str, *, max_bytes: int = MAX_BYTES) -> etree._Element:
    """The root element of ``data``; refuses a DOCTYPE (entity bombs, XXE) and oversized input."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise BpmnImportError([_("the file is larger than %(limit)s bytes") % {"limit": max_bytes}])
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise BpmnImportError([_("a DOCTYPE or entity declaration is not allowed")])
    try:
        root = etree.fromstring(raw, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise BpmnImportError(
            [_("not well-formed XML: %(detail)s") % {"detail": exc.msg}]
        ) from None
    if root is None:
        raise BpmnImportError([_("the file is empty")])
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise BpmnImportError([_("a DOCTYPE or entity declaration is not allowed")])
    return root
