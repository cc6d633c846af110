"""zeep clients for outbound SOAP peers, made from MOTCUA_INTEROP_PEERS.

    client = client_for("vbqppl")      # a peer by its name in the settings
    client.service.SomeOperation(...)

Each peer: ``wsdl`` (URL), ``connect_timeout`` and ``read_timeout`` (seconds), ``verify``
(TLS: true, false, or a CA bundle's path), ``headers`` (sent with every request, e.g. a key),
``username``/``password`` (a WS-Security UsernameToken). The requests Session never retries:
the outbox does (integrations.interop.senders).
"""

import json
from functools import lru_cache
from typing import Any

import requests
import zeep
from django.conf import settings
from lxml import etree
from requests.adapters import HTTPAdapter
from zeep.exceptions import TransportError
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 30.0


class PeerTransport(Transport):
    """zeep's transport, but an HTTP error that is not a SOAP fault (an HTML 404 or 503 of a
    proxy) raises TransportError with its status, so the sender can tell 4xx from 5xx (zeep
    would make it a Fault without a code)."""

    def post_xml(self, address: str, envelope: Any, headers: Any) -> requests.Response:
        response: requests.Response = super().post_xml(address, envelope, headers)
        if response.status_code >= 400 and not _is_fault(response.content):
            raise TransportError(
                f"HTTP {response.status_code} from the peer", status_code=response.status_code
            )
        return response


def _is_fault(content: bytes) -> bool:
    try:
        root = etree.fromstring(content, parser=_SAFE_PARSER)
    except etree.XMLSyntaxError:
        return False
    return root.find(f"{{{SOAP11_ENV}}}Body/{{{SOAP11_ENV}}}Fault") is not None


SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


class UnknownPeer(ValueError):
    """No peer of this name in MOTCUA_INTEROP_PEERS (a configuration error)."""


def peer_config(peer: str) -> dict[str, Any]:
    peers: dict[str, Any] = settings.MOTCUA_INTEROP_PEERS or {}
    config = peers.get(peer)
    if not isinstance(config, dict) or not config.get("wsdl"):
        raise UnknownPeer(f"no SOAP peer {peer!r} with a wsdl in MOTCUA_INTEROP_PEERS")
    return config


def session_for(config: dict[str, Any]) -> requests.Session:
    """A Session with retries off (the outbox retries), TLS verification and headers."""
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.verify = config.get("verify", True)
    session.headers.update({str(k): str(v) for k, v in (config.get("headers") or {}).items()})
    return session


def client_for(peer: str) -> zeep.Client:
    """The zeep client of ``peer`` (its WSDL loaded once per process and configuration)."""
    config = peer_config(peer)
    return _client(json.dumps(config, sort_keys=True))


@lru_cache(maxsize=32)
def _client(config_json: str) -> zeep.Client:
    config = json.loads(config_json)
    timeouts = (
        float(config.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT)),
        float(config.get("read_timeout", DEFAULT_READ_TIMEOUT)),
    )
    # requests takes a (connect, read) pair where zeep's signature says a number
    transport = PeerTransport(
        session=session_for(config), timeout=timeouts, operation_timeout=timeouts
    )
    wsse = None
    if config.get("username"):
        wsse = UsernameToken(str(config["username"]), str(config.get("password", "")))
    return zeep.Client(str(config["wsdl"]), transport=transport, wsse=wsse)


def client_forget() -> None:
    """Drop the cached clients (after the peers' settings change)."""
    _client.cache_clear()
