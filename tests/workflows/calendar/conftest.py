import pytest

from workflows.calendar import forget


@pytest.fixture(autouse=True)
def _fresh_calendars():  # type: ignore[no-untyped-def]
    """A test's calendar rows roll back with it: the memo built from them must go too."""
    forget()
    yield
    forget()
