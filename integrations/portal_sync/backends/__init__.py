"""Portal backends: the DVCQG-style JSON API over HTTPS (``dvcqg_http``) and an in-process
fake portal speaking the same messages (``fake``). Imported by the app's ``ready`` only: they
register in ``integrations.portal_sync.protocol.backends``."""


def load() -> None:
    """Import the backends so that they register."""
    from . import dvcqg_http, fake  # noqa: F401
