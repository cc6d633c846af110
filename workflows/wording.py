"""How the pages and the API word a case's legal deadline, in the reader's language ("05 ngày
làm việc", "05 working days"). Forms 01-07 word it in Vietnamese whatever the language
(workflows.documents.texts)."""

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
