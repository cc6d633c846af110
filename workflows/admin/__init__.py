"""The admin site's pages for the domain, one module per area."""

# registrations
from . import agencies, calendar, deadlines, dossiers, procedures, users  # noqa: F401
