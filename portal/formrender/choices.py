"""The agencies an ``agency`` field offers: the active ones of its kinds, by name."""

from forms.language import Field
from workflows.models import Agency


def agency_choices(field: Field) -> list[tuple[str, str]]:
    agencies = Agency.objects.filter(active=True)
    if field.agency_kinds:
        agencies = agencies.filter(kind__in=field.agency_kinds)
    return list(agencies.order_by("name").values_list("code", "name"))
