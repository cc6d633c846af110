"""How the catalogue words a legal deadline and a fee ("05 ngày làm việc", "50.000 đồng")."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from workflows.wording import deadline_text

__all__ = ["cutoff_note", "deadline_text", "fee_text"]


def cutoff_note() -> str:
    return _("Dossiers received after 15:00 count from the next working day.")


def fee_text(amount: int, name: str = "") -> str:
    if not amount:
        return _("Free of charge")
    text = _("%(amount)s VND") % {"amount": number_format(amount, force_grouping=True)}
    return f"{text} ({name})" if name else text
