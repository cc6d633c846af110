"""VNPAY 2.1.0 on the wire: the two checksums, dates, amounts and response codes.

The redirect, the return URL and the IPN sign the ``vnp_*`` pairs sorted by key, each
``quote_plus(key)=quote_plus(value)``, joined by ``&``. The merchant API (querydr, refund)
signs the values joined by ``|`` in a fixed order per message: signing it the redirect's
way gives 97 every time.
"""

import hashlib
import hmac
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

VERSION = "2.1.0"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
HASH_FIELDS = {"vnp_SecureHash", "vnp_SecureHashType"}

# merchant API field orders (VNPAY's integration documents, API 2.1.0)
QUERYDR_REQUEST = [
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
]
QUERYDR_RESPONSE = [
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
]
REFUND_REQUEST = [
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
]
REFUND_RESPONSE = [
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
]

# IPN answers
RSP_CONFIRMED = "00"
RSP_NOT_FOUND = "01"
RSP_ALREADY = "02"
RSP_AMOUNT = "04"
RSP_CHECKSUM = "97"
RSP_ERROR = "99"
RSP_MESSAGES = {
    RSP_CONFIRMED: "Confirm Success",
    RSP_NOT_FOUND: "Order not found",
    RSP_ALREADY: "Order already confirmed",
    RSP_AMOUNT: "Invalid amount",
    RSP_CHECKSUM: "Invalid signature",
    RSP_ERROR: "Unknown error",
}
# payment outcomes (vnp_ResponseCode / vnp_TransactionStatus)
SUCCESS = "00"
CUSTOMER_CANCELLED = "24"
STATUS_NOT_COMPLETED = "01"
STATUS_PROCESSING = {"01", "05", "06"}
# querydr / refund vnp_ResponseCode: the transaction is unknown to the gateway
API_NOT_FOUND = "91"


def _hmac(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def redirect_data(pairs: Iterable[tuple[str, str]]) -> str:
    """The string the redirect/IPN checksum covers: the ``vnp_*`` pairs but the hash fields,
    sorted by key, url-encoded, joined by ``&``."""
    chosen = sorted(
        (key, value) for key, value in pairs if key.startswith("vnp_") and key not in HASH_FIELDS
    )
    return "&".join(f"{quote_plus(key)}={quote_plus(value)}" for key, value in chosen)


def redirect_hash(secret: str, pairs: Iterable[tuple[str, str]]) -> str:
    return _hmac(secret, redirect_data(pairs))


def redirect_sign(secret: str, params: Mapping[str, str]) -> str:
    """The query string of a signed redirect (or IPN, or return): pairs plus vnp_SecureHash."""
    pairs = sorted(params.items())
    data = redirect_data(pairs)
    return f"{data}&vnp_SecureHash={_hmac(secret, data)}"


def redirect_verify(secret: str, pairs: Sequence[tuple[str, str]]) -> bool:
    """Whether the pairs as received carry the right checksum (constant-time compare)."""
    given = [value for key, value in pairs if key == "vnp_SecureHash"]
    if len(given) != 1 or not secret:
        return False
    return hmac.compare_digest(given[0].lower(), redirect_hash(secret, pairs))


def api_hash(secret: str, order: Sequence[str], body: Mapping[str, object]) -> str:
    """The merchant API checksum: the values in ``order`` joined by ``|``."""
    return _hmac(secret, "|".join(str(body.get(key, "") or "") for key in order))


def api_verify(secret: str, order: Sequence[str], body: Mapping[str, object]) -> bool:
    given = str(body.get("vnp_SecureHash", "") or "")
    return bool(secret) and hmac.compare_digest(given.lower(), api_hash(secret, order, body))


def gateway_date(moment: datetime) -> str:
    """yyyyMMddHHmmss in Vietnam's time (GMT+7), as VNPAY writes dates."""
    return moment.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def parse_gateway_date(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=VIETNAM)
    except (TypeError, ValueError):
        return None


def to_gateway_amount(amount: int) -> str:
    """VND to VNPAY's amount field (VND x 100)."""
    return str(int(amount) * 100)


def from_gateway_amount(value: object) -> int | None:
    """VNPAY's amount field to VND; None when it is not a whole number of dong."""
    try:
        raw = int(str(value))
    except (TypeError, ValueError):
        return None
    return raw // 100 if raw >= 0 and raw % 100 == 0 else None


def ascii_text(text: str, limit: int = 255) -> str:
    """Vietnamese without diacritics, printable ASCII only (the encodings of ``~`` and ``*``
    differ between VNPAY's languages: keep to letters, digits and plain punctuation)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in " .,:-_/#()"))
    return " ".join(kept.split())[:limit]
