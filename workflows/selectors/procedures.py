"""Which procedure version applies where."""

from django.db.models import Q

from workflows.models import Agency, Procedure, ProcedureVersion


def procedure_version_current(
    *, procedure: Procedure, agency: Agency | None
) -> ProcedureVersion | None:
    """The published version that governs new dossiers of ``agency``: the one scoped to the
    nearest agency on its path up to the root, else the province-wide one (one query)."""
    ids = [*agency.ancestor_ids(), agency.pk] if agency is not None else []
    rank: dict[int | None, int] = {None: -1, **{pk: depth for depth, pk in enumerate(ids)}}
    candidates = ProcedureVersion.objects.published().filter(
        Q(agency__isnull=True) | Q(agency_id__in=ids), procedure=procedure
    )
    return max(candidates, key=lambda version: rank[version.agency_id], default=None)
