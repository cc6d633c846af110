"""The outbox sender ``interop.call``: one SOAP call to a peer, after the commit, retried by
the outbox on a transport error, a timeout or a 5xx without a fault, or a Server fault;
given up (PermanentError) on a Client fault, an unknown peer or operation, or a 4xx."""

import logging

import requests
from zeep.exceptions import Fault, TransportError

from core import outbox

from .client import UnknownPeer, client_for

logger = logging.getLogger("motcua.interop")

SENDER = "interop.call"
RETRIED_STATUSES = {408, 425, 429}


def is_client_fault(fault: Fault) -> bool:
    """A SOAP 1.1 Client fault (``Client``, ``soap:Client.X``): the request is wrong and
    sending it again cannot help."""
    code = str(fault.code or "").rsplit(":", 1)[-1]
    return code == "Client" or code.startswith("Client.")


@outbox.senders.register(SENDER)
def send_call(delivery: outbox.Delivery) -> None:
    peer = str(delivery.payload["peer"])
    operation = str(delivery.payload["operation"])
    args = dict(delivery.payload.get("args") or {})
    try:
        client = client_for(peer)
        method = getattr(client.service, operation)
    except UnknownPeer as exc:
        raise outbox.PermanentError(str(exc)) from exc
    except AttributeError as exc:
        raise outbox.PermanentError(f"peer {peer} has no operation {operation}") from exc
    try:
        method(**args)
    except Fault as fault:
        if is_client_fault(fault):
            raise outbox.PermanentError(f"{peer}.{operation}: {fault.code}") from fault
        logger.warning("interop: %s.%s answered a server fault %s", peer, operation, fault.code)
        raise
    except TransportError as exc:
        if 400 <= exc.status_code < 500 and exc.status_code not in RETRIED_STATUSES:
            raise outbox.PermanentError(f"{peer}.{operation}: HTTP {exc.status_code}") from exc
        raise
    except requests.RequestException:
        logger.warning("interop: %s.%s: transport error, the outbox retries", peer, operation)
        raise
