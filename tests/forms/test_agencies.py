"""The agency directory workflows registers at startup reads the agencies table: active
agencies only, with their kind."""

import pytest

from forms import form_data_clean
from forms.agencies import agency_kind, agency_lookup_set
from tests.workflows.factories import AgencyFactory
from workflows.models import Agency

from .helpers import error_one

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_lookup() -> None:
    agency_lookup_set(None)


def test_active_agencies_are_found_with_their_kind() -> None:
    school = AgencyFactory(kind=Agency.Kind.SCHOOL)
    closed = AgencyFactory(kind=Agency.Kind.SCHOOL, active=False)
    assert agency_kind(school.code) == "school"
    assert agency_kind(closed.code) is None
    assert agency_kind("no-such-code") is None


def test_an_agency_field_against_the_table() -> None:
    school = AgencyFactory(kind=Agency.Kind.SCHOOL)
    office = AgencyFactory(kind=Agency.Kind.OFFICE)
    schema = {
        "format": "motcua/form@1",
        "fields": [{"id": "f", "type": "agency", "label": "x", "agency_kinds": ["school"]}],
    }
    assert form_data_clean(schema, {"f": school.code}) == {"f": school.code}
    assert error_one("agency", office.code, agency_kinds=["school"]) == (
        "This agency cannot be chosen here."
    )


def test_without_a_directory_every_code_is_refused() -> None:
    from forms.agencies import _default, agency_directory_ready, agency_directory_set

    registered = _default[0]
    school = AgencyFactory(kind=Agency.Kind.SCHOOL)
    try:
        agency_directory_set(None, default=True)
        assert not agency_directory_ready()
        assert agency_kind(school.code) is None
    finally:
        agency_directory_set(registered, default=True)
    assert agency_kind(school.code) == "school"
