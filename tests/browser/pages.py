"""The site's main pages, as the browser tests reach them: who is signed in, and the path
(some paths need the server's data: a published version, a demo dossier's code, an open task)."""

from collections.abc import Callable
from dataclasses import dataclass

from .server import Server

DIPLOMA_CODE = "1.010020"  # the seed procedure "copy of a diploma from the original register"


def published_version_id(server: Server, procedure_code: str = DIPLOMA_CODE) -> int:
    return int(
        server.shell(
            "from workflows.models import ProcedureVersion as V;"
            f"print(V.objects.get(procedure__code={procedure_code!r},"
            " status=V.Status.PUBLISHED).pk)"
        )
    )


def demo_dossier_code(server: Server, key: str) -> str:
    """The code of a demo dossier (workflows/demo_dossiers.py) by its submission key."""
    return server.shell(
        "from workflows.models import Dossier;"
        f"print(Dossier.objects.get(submission_key={key!r}).code)"
    )


@dataclass(frozen=True)
class MainPage:
    name: str
    path: Callable[[Server], str]
    user: str | None = None  # a demo account signed in, or nobody


MAIN_PAGES = [
    MainPage("home", lambda server: "/"),
]
