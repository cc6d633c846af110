import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from workflows.models import (
    Agency,
    Dossier,
    DossierDocument,
    Membership,
    Procedure,
    ProcedureCase,
    ProcedureVersion,
    ProcessingLogEntry,
    Role,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Agency,
    Role,
    Membership,
    Procedure,
    ProcedureVersion,
    ProcedureCase,
    get_user_model(),
    Dossier,
    DossierDocument,
    ProcessingLogEntry,
]
USERNAMES = {
    "demo_reception",
    "demo_specialist",
    "demo_leader",
    "demo_result_desk",
    "demo_admin",
    "demo_citizen",
    "demo_school_specialist",
    "demo_school_leader",
    "demo_sending_leader",
    "demo_receiving_leader",
}


@pytest.fixture(autouse=True)
def _signing_dev(settings, tmp_path):  # type: ignore[no-untyped-def]
    """The demo's results are signed with the development CA, made in a temporary directory."""
    settings.MOTCUA_SIGNING_DEV = True
    settings.MOTCUA_SIGNING_DIR = str(tmp_path / "signing")
    settings.MOTCUA_SIGNING_TSA_URL = ""
    settings.MOTCUA_SIGNING_TRUST_ROOTS = []
    settings.MOTCUA_SIGNING_LT = False


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _run(tmp_path, capsys, *args: str) -> str:  # type: ignore[no-untyped-def]
    call_command("load_demo", "--accounts-file", str(tmp_path / "accounts.txt"), *args)
    return capsys.readouterr().out


@pytest.fixture(autouse=True)
def _debug(settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    monkeypatch.delenv("MOTCUA_DEMO_PASSWORD", raising=False)


def test_running_twice_gives_the_same_data_and_passwords(tmp_path, capsys):
    first = _run(tmp_path, capsys)
    counts = _counts()
    second = _run(tmp_path, capsys)
    assert _counts() == counts
    assert first == second
    assert counts["Agency"] == 10 and counts["Role"] == 5 and counts["Membership"] == 10
    assert counts["ProcedureVersion"] == 5 and counts["ProcedureCase"] == 7
    assert counts["Dossier"] == 12


def test_it_prints_and_keeps_the_accounts(tmp_path, capsys):
    out = _run(tmp_path, capsys)
    accounts_file = tmp_path / "accounts.txt"
    assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600
    saved = dict(
        line.split("\t") for line in accounts_file.read_text().splitlines() if "\t" in line
    )
    assert set(saved) == USERNAMES
    assert out.splitlines()[0].split() == ["username", "role", "agency", "password"]
    for username, password in saved.items():
        assert f"{username} " in out and password in out
        assert get_user_model().objects.get(username=username).check_password(password)
    admin = get_user_model().objects.get(username="demo_admin")
    assert admin.is_superuser and admin.is_staff
    assert not Membership.objects.filter(user__username="demo_citizen").exists()


def test_the_shared_password_comes_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MOTCUA_DEMO_PASSWORD", "demo-pass-123")
    _run(tmp_path, capsys)
    assert get_user_model().objects.get(username="demo_leader").check_password("demo-pass-123")
    assert not (tmp_path / "accounts.txt").exists()


def test_the_seed_procedures_are_published(tmp_path, capsys):
    _run(tmp_path, capsys)
    published = ProcedureVersion.objects.published()
    assert sorted(published.values_list("procedure__code", flat=True)) == [
        "1.010020",
        "2.000635",
        "2.002481",
        "CHUYENCONGTAC.VC",
        "LOP6.TUYENSINH",
    ]
    version = published.get(procedure__code="1.010020")
    assert version.agency is None
    case = version.cases.get(code="standard")
    assert case.deadline_unit == ProcedureCase.DeadlineUnit.SAME_DAY
    assert case.cutoff_applies
    assert "request_form" in case.document_codes()
    case.full_clean()


def test_the_demo_dossiers_are_in_several_states(tmp_path, capsys):
    _run(tmp_path, capsys)
    Status = Dossier.Status
    states = sorted(Dossier.objects.values_list("status", flat=True))
    assert states == [
        Status.NEW,
        Status.NOT_ACCEPTED,
        Status.PROCESSING,
        Status.PROCESSING,
        Status.PROCESSING,
        Status.PROCESSING,  # late, with its apology and new date
        Status.SUPPLEMENTATION_REQUESTED,
        Status.FEE_OWED,
        Status.FEE_OWED,
        Status.STOPPED,
        Status.PROCESSED,  # the result by post, until the fake postal service delivers it
        Status.RESULT_RETURNED,
    ]
    assert all(d.code for d in Dossier.objects.all())
    received = Dossier.objects.filter(received_at__isnull=False)
    assert received.count() == 9 and all(d.appointment_date for d in received)
    kinds = set(DossierDocument.objects.values_list("kind", flat=True))
    assert {"receipt", "supplementation", "refusal", "apology", "stop"} <= kinds
    late = Dossier.objects.get(apology__isnull=False)
    assert late.appointment_date > late.first_appointment_date
    # made through the services: each one's log starts with its submission
    for dossier in Dossier.objects.all():
        first = ProcessingLogEntry.objects.filter(dossier=dossier).order_by("at", "id").first()
        assert first.action == "submitted"


def test_the_tree_and_memberships(tmp_path, capsys):
    _run(tmp_path, capsys)
    department = Agency.objects.get(code="000.00.20.H99")
    assert department.parent.code == "000.00.00.H99"
    assert Agency.objects.filter(parent=department, kind=Agency.Kind.SCHOOL).count() == 3
    assert Agency.objects.filter(kind=Agency.Kind.COMMUNE).exists()
    specialist = Membership.objects.filter(user__username="demo_specialist")
    assert {(m.role.code, m.agency.code) for m in specialist} == {
        ("specialist", "000.02.20.H99"),
        ("specialist", department.code),
    }


def test_it_refuses_to_run_without_debug(tmp_path, capsys, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        _run(tmp_path, capsys)
    assert _counts()["Agency"] == 0
    _run(tmp_path, capsys, "--force")
    assert _counts()["Agency"] == 10
