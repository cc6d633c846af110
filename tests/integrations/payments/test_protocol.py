"""VNPAY's two checksums, computed here by hand (hmac over the documented strings), and the
helpers for dates, amounts and order text."""

import hashlib
import hmac
from datetime import UTC, datetime

from integrations.payments import protocol

SECRET = "SECRETKEYFORTESTS"


def sha512(data: str) -> str:
    return hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()


def test_redirect_hash_is_over_the_sorted_urlencoded_pairs() -> None:
    params = {
        "vnp_Version": "2.1.0",
        "vnp_TmnCode": "DEMOV210",
        "vnp_Amount": "1000000",
        "vnp_Command": "pay",
        "vnp_OrderInfo": "Le phi ho so 12",
        "vnp_ReturnUrl": "https://dvc.example.vn/payments/vnpay/return/",
    }
    expected_data = (
        "vnp_Amount=1000000&vnp_Command=pay&vnp_OrderInfo=Le+phi+ho+so+12"
        "&vnp_ReturnUrl=https%3A%2F%2Fdvc.example.vn%2Fpayments%2Fvnpay%2Freturn%2F"
        "&vnp_TmnCode=DEMOV210&vnp_Version=2.1.0"
    )
    assert protocol.redirect_data(params.items()) == expected_data
    query = protocol.redirect_sign(SECRET, params)
    assert query == f"{expected_data}&vnp_SecureHash={sha512(expected_data)}"


def test_verification_ignores_the_hash_fields_and_other_parameters() -> None:
    pairs = [("vnp_Amount", "1000000"), ("vnp_TxnRef", "A1"), ("utm_source", "mail")]
    signature = sha512("vnp_Amount=1000000&vnp_TxnRef=A1")
    received = [*pairs, ("vnp_SecureHashType", "HmacSHA512"), ("vnp_SecureHash", signature)]
    assert protocol.redirect_verify(SECRET, received)
    assert protocol.redirect_verify(SECRET, [*received[:-1], ("vnp_SecureHash", signature.upper())])
    tampered = [("vnp_Amount", "100"), *received[1:]]
    assert not protocol.redirect_verify(SECRET, tampered)
    assert not protocol.redirect_verify(SECRET, pairs)  # no signature
    assert not protocol.redirect_verify("", received)  # no secret configured: nothing verifies
    doubled = [*received, ("vnp_SecureHash", signature)]
    assert not protocol.redirect_verify(SECRET, doubled)


def test_querydr_hash_is_over_the_values_joined_by_bars_in_the_documented_order() -> None:
    body = {
        "vnp_RequestId": "R1",
        "vnp_Version": "2.1.0",
        "vnp_Command": "querydr",
        "vnp_TmnCode": "DEMOV210",
        "vnp_TxnRef": "A1",
        "vnp_TransactionDate": "20261128120000",
        "vnp_CreateDate": "20261128121500",
        "vnp_IpAddr": "127.0.0.1",
        "vnp_OrderInfo": "Query A1",
    }
    expected = sha512(
        "R1|2.1.0|querydr|DEMOV210|A1|20261128120000|20261128121500|127.0.0.1|Query A1"
    )
    assert protocol.api_hash(SECRET, protocol.QUERYDR_REQUEST, body) == expected
    # the trap: signing it the redirect's way gives another hash (VNPAY answers 97)
    assert protocol.redirect_hash(SECRET, body.items()) != expected
    assert protocol.api_verify(
        SECRET, protocol.QUERYDR_REQUEST, {**body, "vnp_SecureHash": expected}
    )


def test_refund_hash_order() -> None:
    body = {
        "vnp_RequestId": "R2",
        "vnp_Version": "2.1.0",
        "vnp_Command": "refund",
        "vnp_TmnCode": "DEMOV210",
        "vnp_TransactionType": "02",
        "vnp_TxnRef": "A1",
        "vnp_Amount": "5000000",
        "vnp_TransactionNo": "14000000",
        "vnp_TransactionDate": "20261128120000",
        "vnp_CreateBy": "motcua",
        "vnp_CreateDate": "20261128130000",
        "vnp_IpAddr": "127.0.0.1",
        "vnp_OrderInfo": "Refund A1",
    }
    expected = sha512(
        "R2|2.1.0|refund|DEMOV210|02|A1|5000000|14000000|20261128120000|motcua|"
        "20261128130000|127.0.0.1|Refund A1"
    )
    assert protocol.api_hash(SECRET, protocol.REFUND_REQUEST, body) == expected


def test_dates_are_written_in_vietnam_time() -> None:
    moment = datetime(2026, 11, 28, 17, 30, 5, tzinfo=UTC)
    assert protocol.gateway_date(moment) == "20261129003005"
    assert protocol.parse_gateway_date("20261129003005") == moment
    assert protocol.parse_gateway_date("not a date") is None


def test_amounts_are_vnd_times_100() -> None:
    assert protocol.to_gateway_amount(50000) == "5000000"
    assert protocol.from_gateway_amount("5000000") == 50000
    assert protocol.from_gateway_amount("5000050") is None  # not whole dong
    assert protocol.from_gateway_amount("-100") is None
    assert protocol.from_gateway_amount("abc") is None


def test_order_info_is_ascii_without_diacritics() -> None:
    text = protocol.ascii_text("Lệ phí Đăng ký ~ khai sinh * (hồ sơ #12)")
    assert text == "Le phi Dang ky khai sinh (ho so #12)"
    assert protocol.ascii_text("x" * 300) == "x" * 255
