"""JSON kept as text keeps its key order on every database (jsonb would sort the keys)."""

import pytest
from django.db import connection

from tests.workflows.factories import ProcedureVersionFactory

pytestmark = pytest.mark.django_db


def test_a_definition_comes_back_in_the_order_it_was_written():
    outcomes = {"accept": "review", "supplement": "wait", "refuse": "refused"}
    version = ProcedureVersionFactory(definition={"nodes": [{"id": "r", "outcomes": outcomes}]})
    version.refresh_from_db()
    stored = version.definition["nodes"][0]["outcomes"]
    assert list(stored) == ["accept", "supplement", "refuse"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT definition FROM workflows_procedureversion WHERE id = %s", [version.pk]
        )
        (raw,) = cursor.fetchone()
    assert raw.index('"accept"') < raw.index('"supplement"') < raw.index('"refuse"')
