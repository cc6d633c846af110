"""The fees (phí, lệ phí) a dossier owes: made from its case when it is submitted, referred to
by the payment integration with an opaque reference, and settled (paid or waived).

    dossier_fees_create(dossier=dossier)          # in the submission's transaction
    reference = fee_reference(fee)                # "dossier:12:fee:3"
    fee_reference_parse(reference)                # (12, 3), or None for anything else
    dossier_fees_settled(dossier_id=12)           # every fee paid or waived (or none at all)

Fees are made at submission rather than when the wait-for-payment step is entered: the
applicant sees what is owed from the start and may pay early (online, or at the counter
when filing), and the step then moves on at once (``fee_wait``). See docs/fees.md.
"""

import re

from workflows.models import Dossier, DossierFee

Status = DossierFee.Status
SETTLED = (Status.PAID, Status.WAIVED)
DEFAULT_CODE = "fee"
DEFAULT_NAME = "Phí, lệ phí"
_REFERENCE = re.compile(r"^dossier:(\d{1,18}):fee:(\d{1,18})$")


def fee_reference(fee: DossierFee) -> str:
    return f"dossier:{fee.dossier_id}:fee:{fee.pk}"


def fee_reference_parse(reference: str) -> tuple[int, int] | None:
    """(dossier id, fee id) of a fee's reference; None when it is not one."""
    match = _REFERENCE.fullmatch(str(reference or ""))
    return (int(match[1]), int(match[2])) if match else None


def dossier_fees_create(*, dossier: Dossier) -> list[DossierFee]:
    """The fee of the dossier's case (none when its amount is 0), owed. Idempotent: a fee
    already made for the dossier is returned as it is."""
    case = dossier.case
    if not case.fee_amount:
        return []
    fee, _created = DossierFee.objects.get_or_create(
        dossier=dossier,
        code=DEFAULT_CODE,
        defaults={"name": case.fee_name or DEFAULT_NAME, "amount": case.fee_amount},
    )
    return [fee]


def dossier_fees_settled(*, dossier_id: int) -> bool:
    """Whether nothing is owed: every fee paid or waived (true for a dossier without fees)."""
    return not DossierFee.objects.filter(dossier_id=dossier_id, status=Status.OWED).exists()


def dossier_fees_owed(*, dossier_id: int) -> list[DossierFee]:
    return list(DossierFee.objects.filter(dossier_id=dossier_id, status=Status.OWED))


def dossier_fees_payable(dossier: Dossier) -> bool:
    """Whether the dossier's owed fees may be paid now: not once it is finished (refused,
    stopped, withdrawn, returned: nothing would come of it)."""
    return dossier.finished_at is None and dossier.status not in (
        Dossier.Status.NOT_ACCEPTED,
        Dossier.Status.STOPPED,
        Dossier.Status.WITHDRAWAL_REQUESTED,
        Dossier.Status.RESULT_RETURNED,
    )
