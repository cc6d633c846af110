import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.workflows.factories import AgencyFactory, DossierFactory
from workflows.models import Agency, AgencyTreeError
from workflows.selectors.agencies import agency_ancestors, agency_descendants
from workflows.selectors.dossiers import dossiers_in_subtree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Agency]:
    """province -> department -> (office, school); province -> commune."""
    province = AgencyFactory(code="000.00.00.H98", kind=Agency.Kind.PROVINCE)
    department = AgencyFactory(code="000.00.20.H98", parent=province)
    office = AgencyFactory(code="000.01.20.H98", parent=department)
    school = AgencyFactory(code="000.11.20.H98", parent=department, kind=Agency.Kind.SCHOOL)
    commune = AgencyFactory(code="000.31.00.H98", parent=province, kind=Agency.Kind.COMMUNE)
    return {"province": province, "department": department, "office": office,
            "school": school, "commune": commune}  # fmt: skip


def test_paths_and_depths_follow_the_tree(tree):
    p, d, o = tree["province"], tree["department"], tree["office"]
    o.refresh_from_db()
    assert p.path == f"{p.pk}/"
    assert o.path == f"{p.pk}/{d.pk}/{o.pk}/"
    assert (p.depth, d.depth, o.depth) == (0, 1, 2)
    assert o.ancestor_ids() == [p.pk, d.pk]


def test_descendants_are_one_query(tree):
    with CaptureQueriesContext(connection) as queries:
        codes = [a.code for a in agency_descendants(agency=tree["department"])]
    assert len(queries) == 1
    assert sorted(codes) == ["000.00.20.H98", "000.01.20.H98", "000.11.20.H98"]
    assert tree["department"] not in agency_descendants(
        agency=tree["department"], include_self=False
    )


def test_ancestors_are_one_query_from_the_root_down(tree):
    with CaptureQueriesContext(connection) as queries:
        ancestors = list(agency_ancestors(agency=tree["school"]))
    assert len(queries) == 1
    assert ancestors == [tree["province"], tree["department"]]
    assert list(agency_ancestors(agency=tree["school"], include_self=True))[-1] == tree["school"]


def test_a_prefix_of_digits_is_not_a_subtree():
    # ids 1 and 10..19 share a leading digit; paths end every id with "/".
    roots = [AgencyFactory() for _ in range(12)]
    first = roots[0]
    assert list(agency_descendants(agency=first)) == [first]


def test_moving_an_agency_moves_its_subtree(tree):
    department, commune, office = tree["department"], tree["commune"], tree["office"]
    department.parent = commune
    department.save()
    office.refresh_from_db()
    assert office.path == f"{tree['province'].pk}/{commune.pk}/{department.pk}/{office.pk}/"
    assert office.depth == 3
    assert set(agency_descendants(agency=commune)) == {commune, department, office, tree["school"]}


def test_an_agency_cannot_move_under_its_own_subtree(tree):
    department = tree["department"]
    department.parent = tree["office"]
    with translation.override("en"), pytest.raises(ValidationError, match="its own subtree"):
        department.full_clean()
    with pytest.raises(AgencyTreeError):
        department.save()
    department.refresh_from_db()
    assert department.parent == tree["province"]


def test_dossiers_of_a_subtree(tree):
    in_school = DossierFactory(receiving_agency=tree["school"])
    received_at_centre_for_office = DossierFactory(
        receiving_agency=tree["commune"], competent_agency=tree["office"]
    )
    DossierFactory(receiving_agency=tree["commune"])
    found = set(dossiers_in_subtree(agency=tree["department"]))
    assert found == {in_school, received_at_centre_for_office}


def test_bulk_writes_that_would_break_the_tree_are_refused(tree):
    with pytest.raises(TypeError):
        Agency.objects.bulk_create([Agency(code="X1", name="X", kind=Agency.Kind.OFFICE)])
    with pytest.raises(TypeError):
        Agency.objects.filter(pk=tree["office"].pk).update(parent=tree["commune"])
    assert Agency.objects.filter(pk=tree["office"].pk).update(active=False) == 1
