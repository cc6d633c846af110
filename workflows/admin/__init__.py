"""The admin site's pages for the domain, one module per area."""

from . import agencies, calendar, dossiers, procedures, users  # noqa: F401  (registrations)
