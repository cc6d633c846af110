import pytest
from viewflow.workflow import fields

from workflows.engine import flows


@pytest.fixture(autouse=True)
def _fresh_flow_classes():  # type: ignore[no-untyped-def]
    """SQLite reuses primary keys after a test's rollback: version 1 of the next test is
    another version, so the classes built for this one must go with it."""
    yield
    flows._built.clear()
    for cached in (
        fields.import_flow_by_ref,
        fields.get_flow_ref,
        fields.import_task_by_ref,
        fields.get_task_ref,
    ):
        cached.cache_clear()
