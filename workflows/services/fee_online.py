"""Paying a fee online (the applicant from the dossier's page) and at the counter (an officer of
the receiving agency), through the payment integration's service. Either way the payment
comes back as ``payment_confirmed`` (``workflows.subscribers.payments``), which marks the fee
paid and moves the dossier on: nothing here changes the fee itself.

    url = fee_payment_start(fee=fee, back_url="/my/dossiers/X/", client_ip="203.0.113.5")
    fee_counter_payment_record(fee=fee, amount=50000, receipt_number="0001234", by=officer)
"""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrations.payments import service as payments
from integrations.payments.errors import PaymentAlreadyPaid, PaymentUnavailable
from workflows.documents.fees import vnd_figures
from workflows.models import Dossier, DossierFee, Role
from workflows.selectors.memberships import user_has_role

from .fees import Status, dossier_fees_payable, fee_reference

RECENT = timedelta(minutes=1)  # a started attempt younger than this is not started again
OPEN_STATES = ("created", "pending")
COUNTER_ROLES = (Role.Standard.RECEPTION, Role.Standard.RESULT_DESK)


class FeeNotPayable(Exception):
    """The fee cannot be paid now; ``str(exc)`` is a message for the user."""


def _payable(fee: DossierFee) -> None:
    if fee.status != Status.OWED:
        raise FeeNotPayable(_("This fee is already paid."))
    if not dossier_fees_payable(fee.dossier):
        raise FeeNotPayable(_("This dossier takes no payment any more."))


def fee_payment_recent(*, fee: DossierFee) -> bool:
    """Whether an online attempt started less than a minute ago may still be paid."""
    since = timezone.now() - RECENT
    return any(
        attempt.method == "online" and attempt.state in OPEN_STATES and attempt.created_at > since
        for attempt in payments.payment_attempts(reference=fee_reference(fee))
    )


def fee_payment_start(*, fee: DossierFee, back_url: str, client_ip: str, locale: str = "vn") -> str:
    """A new online attempt for the fee; returns the gateway's address. Raises FeeNotPayable
    for a fee paid or a dossier finished, and when an attempt was started less than a minute
    ago (a double submit: the user finishes that one, or waits). The fee row is locked while
    deciding, so two submits at the same moment start one attempt."""
    with transaction.atomic():
        fees = DossierFee.objects.select_for_update(of=("self",)).select_related("dossier")
        locked = fees.get(pk=fee.pk)
        _payable(locked)
        if fee_payment_recent(fee=locked):
            raise FeeNotPayable(
                _(
                    "A payment of this fee was started less than a minute ago. Finish it on "
                    "the payment page, or try again in a minute."
                )
            )
        code = locked.dossier.code or str(locked.dossier_id)
        try:
            return payments.payment_start(
                reference=fee_reference(locked),
                amount=locked.amount,
                order_info=f"Thanh toan phi ho so {code}",
                back_url=back_url,
                client_ip=client_ip,
                locale=locale,
            )
        except PaymentAlreadyPaid:
            raise FeeNotPayable(
                _("This fee is paid already; the dossier is updated in a moment.")
            ) from None
        except PaymentUnavailable as unavailable:
            raise FeeNotPayable(str(unavailable)) from None


def fee_counter_officer(*, user: Any, dossier: Dossier) -> bool:
    """A reception or result-desk officer of the receiving agency (or an agency above it)."""
    return any(
        user_has_role(user, role, dossier.receiving_agency, inherited=True)
        for role in COUNTER_ROLES
    )


def fee_counter_payment_record(
    *, fee: DossierFee, amount: int, receipt_number: str, by: Any
) -> None:
    """Cash taken at the counter: the amount must be the fee's, with the receipt's number.
    Raises FeeNotPayable (a message for the officer), also when the fee is paid already (a
    double submit, or two officers at once: the fee row is locked while deciding), and
    PermissionError for someone who is no counter officer here."""
    if not fee_counter_officer(user=by, dossier=fee.dossier):
        raise PermissionError("not a reception or result desk officer of the receiving agency")
    receipt_number = receipt_number.strip()
    if not receipt_number:
        raise FeeNotPayable(_("Enter the number of the receipt given to the applicant."))
    if amount != fee.amount:
        raise FeeNotPayable(
            _("The amount must be the fee's: %(amount)s VND.") % {"amount": vnd_figures(fee.amount)}
        )
    with transaction.atomic():
        fees = DossierFee.objects.select_for_update(of=("self",)).select_related("dossier")
        locked = fees.get(pk=fee.pk)
        _payable(locked)
        reference = fee_reference(locked)
        if payments.payment_state(reference=reference) == "paid":  # not applied to the fee yet
            raise FeeNotPayable(_("This fee is paid already; the dossier is updated in a moment."))
        payments.payment_counter_record(
            reference=reference,
            amount=amount,
            receipt_number=receipt_number,
            recorded_by=by.get_username(),
        )
