"""core's own senders: a ping (to check that background work runs end to end) and a
generic webhook (JSON POST with an Idempotency-Key header) for receivers that
deduplicate by key."""

import json
import logging
import urllib.error
import urllib.request

from .delivery import Delivery, PermanentError
from .registry import senders

logger = logging.getLogger("motcua.outbox")


@senders.register("core.ping")
def ping(delivery: Delivery) -> None:
    logger.info("outbox ping delivered", extra={"outbox_id": delivery.id})


@senders.register("core.webhook")
def webhook(delivery: Delivery) -> None:
    """POST ``payload["body"]`` as JSON to ``payload["url"]`` (http or https only).

    2xx is success; 408, 429 and 5xx are retried; any other status is permanent.
    """
    url = str(delivery.payload["url"])
    if not url.startswith(("http://", "https://")):
        raise PermanentError("webhook URL must be http or https")
    body = json.dumps(delivery.payload.get("body", {}), ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310  (scheme checked above)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": delivery.idempotency_key,
        },
    )
    timeout = float(delivery.payload.get("timeout", 10))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in (408, 429) or exc.code >= 500:
            raise
        raise PermanentError(f"receiver answered {exc.code}") from exc
