"""The site's main pages, as the browser tests reach them: who is signed in, and the path.
Some paths need the server's data (a published version, a demo dossier's code, an open task):
``site_data`` reads them once from the server's database."""

import json
from dataclasses import dataclass

from .server import Server

# Read in the server's own environment (manage.py shell): ids and codes, nothing personal.
_SITE_DATA = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from workflows.demo_dossiers import open_task
from workflows.models import Dossier, ProcedureVersion as V
from workflows.services.submission import submission_key_hash
users = get_user_model().objects
def demo(key, by, channel):
    hashed = submission_key_hash(key=key, submitter=users.get(username=by), channel=channel)
    return Dossier.objects.get(submission_key=hashed)
new = demo("demo-diploma-new", "demo_citizen", Dossier.Channel.ONLINE)
returned = demo("demo-diploma-returned", "demo_reception", Dossier.Channel.IN_PERSON)
fee_owed = demo("demo-civil-extract-fee-owed", "demo_citizen", Dossier.Channel.ONLINE)
print(json.dumps({
    "version": V.objects.get(procedure__code="1.010020", status=V.Status.PUBLISHED).pk,
    "new_code": new.code,
    "returned_code": returned.code,
    "reception_task": open_task(new, "reception"),
    "fee_code": fee_owed.code,
    "register_agency": returned.receiving_agency_id,
    "register_start": (timezone.localdate() - timedelta(days=30)).isoformat(),
    "register_end": timezone.localdate().isoformat(),
}))
"""


def site_data(server: Server) -> dict[str, str]:
    return {key: str(value) for key, value in json.loads(server.shell(_SITE_DATA)).items()}


@dataclass(frozen=True)
class MainPage:
    name: str
    path: str  # formatted with site_data()
    user: str = ""  # a demo account signed in, or nobody
    screenshots: tuple[str, ...] = ()  # docs/screenshots/<name>-<width>.png: "desktop", "phone"


MAIN_PAGES = [
    MainPage("catalogue", "/", screenshots=("desktop", "phone")),
    MainPage("catalogue-search", "/?q=bang+tot+nghiep"),
    MainPage("procedure", "/procedures/1.010020/", screenshots=("desktop",)),
    MainPage("sign-in", "/accounts/login/"),
    MainPage("sign-up", "/accounts/signup/"),
    MainPage(
        "apply", "/apply/{version}/standard/", "demo_citizen", screenshots=("desktop", "phone")
    ),
    MainPage(
        "acknowledgement", "/apply/submitted/{new_code}/", "demo_citizen", screenshots=("desktop",)
    ),
    MainPage("my-dossiers", "/my/", "demo_citizen"),
    MainPage("my-dossier", "/my/dossiers/{new_code}/", "demo_citizen"),
    # the demo's fee owed (no browser test pays it: the payment test pays a dossier of its own)
    MainPage("pay", "/my/dossiers/{fee_code}/#fees", "demo_citizen", screenshots=("desktop",)),
    MainPage("track", "/track/"),
    MainPage("track-status", "/track/{returned_code}/", screenshots=("desktop", "phone")),
    MainPage("verify", "/verify/", screenshots=("desktop",)),
    MainPage("workspace", "/workspace/", "demo_reception", screenshots=("desktop",)),
    MainPage("queue", "/workspace/queues/unclaimed/", "demo_reception"),
    MainPage(
        "task", "/workspace/tasks/{reception_task}/", "demo_reception", screenshots=("desktop",)
    ),
    MainPage(
        "register",
        "/workspace/register/?agency={register_agency}&start={register_start}&end={register_end}",
        "demo_reception",
        screenshots=("desktop",),
    ),
]
