"""What the fee receipt (Biên lai thu phí, lệ phí) prints: the dossier's paid fees, their
total in figures and in words, how and when they were paid, the receipt's number (the legal
e-receipt's when the payment integration issued one, else the counter receipt's)."""

from typing import Any

from integrations.payments import service as payments
from workflows.models import Dossier, DossierFee
from workflows.services.fees import fee_reference

METHODS: dict[str, str] = {
    DossierFee.Method.ONLINE: "Thanh toán trực tuyến",
    DossierFee.Method.COUNTER: "Tiền mặt tại Bộ phận tiếp nhận và trả kết quả",
}
_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")


def vnd_figures(amount: int) -> str:
    """50000 -> "50.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def _hundreds(number: int, full: bool) -> str:
    """Words of 0-999; ``full`` writes the leading "không trăm" (a group after a higher one)."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens > 1:
        words += [_DIGITS[tens], "mươi"]
    elif tens == 1:
        words.append("mười")
    elif units and words:
        words.append("lẻ")
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def vnd_words(amount: int) -> str:
    """The amount in words as receipts write it: 50000 -> "Năm mươi nghìn đồng"."""
    if amount <= 0:
        return "Không đồng"
    groups: list[int] = []
    while amount:
        groups.append(amount % 1000)
        amount //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        scale = _GROUPS[index % 3] if index % 3 else ("tỷ " * (index // 3)).strip()
        text = _hundreds(group, full=bool(words))
        words.append(f"{text} {scale}".strip())
    sentence = " ".join(words) + " đồng"
    return sentence[0].upper() + sentence[1:]


def fee_context(dossier: Dossier) -> dict[str, Any]:
    """The ``fee`` key of the document context (docs/documents.md)."""
    paid = list(
        DossierFee.objects.filter(dossier=dossier, status=DossierFee.Status.PAID).order_by("pk")
    )
    total = sum(fee.amount for fee in paid)
    last = max(paid, key=lambda fee: (fee.paid_at, fee.pk)) if paid else None  # paid_at is set
    return {
        "items": [
            {"name": fee.name, "amount": fee.amount, "amount_text": vnd_figures(fee.amount)}
            for fee in paid
        ],
        "total": total,
        "total_text": vnd_figures(total),
        "total_words": vnd_words(total),
        "method": METHODS.get(last.method, "") if last else "",
        "online": bool(last and last.method == DossierFee.Method.ONLINE),
        "paid_at": last.paid_at if last else None,
        "payment_reference": last.payment_reference if last else "",
        "receipt_number": _receipt_number(last) if last else "",
    }


def _receipt_number(fee: DossierFee) -> str:
    """The counter receipt's number, else the legal e-receipt's once the provider issued it."""
    if fee.receipt_number:
        return fee.receipt_number
    receipt = payments.payment_receipt(reference=fee_reference(fee))
    return str(receipt.get("number") or "") if receipt else ""
