"""How the catalogue words a legal deadline and a fee ("05 ngày làm việc", "50.000 đồng")."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflows.models import ProcedureCase

Unit = ProcedureCase.DeadlineUnit


def deadline_text(amount: int, unit: str) -> str:
    """The legal deadline as the national catalogue writes it: two digits and the unit."""
    if unit == Unit.SAME_DAY:
        return _("Within the same day")
    if unit == Unit.WORKING_HOURS:
        text = ngettext("%(amount)s working hour", "%(amount)s working hours", amount)
    else:
        text = ngettext("%(amount)s working day", "%(amount)s working days", amount)
    return text % {"amount": f"{amount:02d}"}


def cutoff_note() -> str:
    return _("Dossiers received after 15:00 count from the next working day.")


def fee_text(amount: int, name: str = "") -> str:
    if not amount:
        return _("Free of charge")
    text = _("%(amount)s VND") % {"amount": number_format(amount, force_grouping=True)}
    return f"{text} ({name})" if name else text
