import pytest

from workflows.calendar import forget

# the engine tests' fixture: flow classes built for a test's versions go with the test
from ..engine.conftest import _fresh_flow_classes  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_calendars():  # type: ignore[no-untyped-def]
    """A test's calendar rows roll back with it: the memo built from them must go too."""
    forget()
    yield
    forget()
