"""Reading the agency tree: each answer is one query on the materialised path."""

from django.db.models import QuerySet

from workflows.models import Agency


def agency_descendants(*, agency: Agency, include_self: bool = True) -> QuerySet[Agency]:
    """The agency's subtree (itself first, then in path order), in one indexed query."""
    subtree = Agency.objects.filter(path__startswith=agency.path)
    return subtree if include_self else subtree.exclude(pk=agency.pk)


def agency_ancestors(*, agency: Agency, include_self: bool = False) -> QuerySet[Agency]:
    """The agencies above this one, from the root down, in one query."""
    ids = agency.ancestor_ids() + ([agency.pk] if include_self else [])
    return Agency.objects.filter(pk__in=ids).order_by("depth")


def agency_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def agency_active_kind(code: str) -> str | None:
    """The kind of the active agency with ``code`` (the forms layer's agency directory)."""
    return Agency.objects.filter(code=code, active=True).values_list("kind", flat=True).first()
