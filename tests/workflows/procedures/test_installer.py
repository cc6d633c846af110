"""package_install: the procedure, a new published version with its cases, form, workflow and
the statutory templates; the same package again creates nothing; a bad package saves nothing."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from signing.defaults import DEFAULT_TEMPLATES
from tests.workflows.factories import AgencyFactory, UserFactory
from workflows.errors import ProcedurePackageInvalid
from workflows.models import Procedure, ProcedureCase, ProcedureVersion
from workflows.procedures import package_install, package_read, seed_packages

pytestmark = pytest.mark.django_db
Status = ProcedureVersion.Status


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """Messages are asserted in English (the msgids)."""
    with translation.override("en"):
        yield


def package(**changes: Any) -> dict[str, Any]:
    return {
        "format": "motcua/procedure@1",
        "procedure": {"code": "9.000001", "name": "Thủ tục thử", "online_level": "full_online"},
        "scope": None,
        "cases": [
            {
                "code": "standard",
                "name": "Trường hợp thường",
                "documents": [{"code": "request_form", "name": "Đơn", "required": True}],
                "fee": {"amount": 20000, "name": "Lệ phí"},
                "deadline": {"amount": 3, "unit": "working_days"},
                "cutoff": True,
            },
            {"code": "fast", "name": "Trong ngày", "deadline": {"unit": "same_day"}},
        ],
        "form": {
            "format": "motcua/form@1",
            "fields": [{"id": "purpose", "type": "text", "label": "Mục đích"}],
        },
        "workflow": {
            "format": "motcua/workflow@1",
            "sources": [{"about": ["fee"], "title": "Quyết định công bố"}],
            "nodes": [
                {"id": "submitted", "kind": "start", "next": "reception"},
                {
                    "id": "reception",
                    "kind": "user_task",
                    "role": "reception",
                    "outcomes": {"accept": "review", "refuse": "refused"},
                },
                {
                    "id": "review",
                    "kind": "user_task",
                    "role": "specialist",
                    "status": "processing",
                    "outcomes": {"propose": "done"},
                },
                {"id": "done", "kind": "end", "result": "returned"},
                {"id": "refused", "kind": "end", "result": "refused"},
            ],
        },
        **changes,
    }


def test_install_creates_the_procedure_and_publishes_a_version():
    officer = UserFactory()
    installed = package_install(source=package(), by=officer)
    assert installed.created
    version = installed.version
    assert version.status == Status.PUBLISHED and version.published_by == officer
    assert version.agency is None and version.created_by == officer
    procedure = Procedure.objects.get(code="9.000001")
    assert installed.procedure == procedure and procedure.online_level == "full_online"
    standard, fast = version.cases.order_by("order")
    assert (standard.code, standard.fee_amount, standard.deadline_amount) == ("standard", 20000, 3)
    assert standard.cutoff_applies and standard.required_documents[0]["code"] == "request_form"
    assert (fast.deadline_unit, fast.deadline_amount, fast.fee_amount) == ("same_day", 0, 0)
    assert version.definition["sources"] == [{"about": ["fee"], "title": "Quyết định công bố"}]
    assert version.definition["nodes"][1]["agency"] == {"from": "receiving"}  # canonical
    assert version.form_schema == package()["form"]
    codes = set(version.document_templates.values_list("code", flat=True))
    assert codes == {default.code for default in DEFAULT_TEMPLATES}


def test_installing_the_same_package_again_creates_nothing():
    first = package_install(source=package())
    counts = (ProcedureVersion.objects.count(), ProcedureCase.objects.count())
    again = package_install(source=copy.deepcopy(package()))
    assert not again.created and again.version == first.version
    assert (ProcedureVersion.objects.count(), ProcedureCase.objects.count()) == counts


def test_a_changed_package_publishes_a_new_version_and_retires_the_old():
    first = package_install(source=package()).version
    changed = package()
    changed["cases"][0]["fee"]["amount"] = 25000
    second = package_install(source=changed).version
    first.refresh_from_db()
    assert (first.status, second.status) == (Status.RETIRED, Status.PUBLISHED)
    assert second.number == 2 and second.cases.get(code="standard").fee_amount == 25000
    renamed = {**changed, "procedure": {"code": "9.000001", "name": "Tên mới"}}
    third = package_install(source=renamed)
    assert not third.created and third.procedure.name == "Tên mới"  # same contents


def test_a_draft_install_and_a_scope():
    agency = AgencyFactory()
    draft = package_install(source=package(), scope=agency, publish=False)
    assert draft.version.status == Status.DRAFT and draft.version.agency == agency
    again = package_install(source=package(), scope=agency, publish=False)
    assert not again.created and again.version == draft.version
    scoped = package_install(source=package(scope=agency.code))
    assert scoped.created and scoped.version.agency == agency
    assert scoped.version.status == Status.PUBLISHED


def test_from_a_file_and_from_text(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(package(), allow_unicode=True), encoding="utf-8")
    assert package_install(source=path).created
    assert not package_install(source=str(path)).created
    assert not package_install(source=path.read_text(encoding="utf-8")).created


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"format": "motcua/procedure@2"}, "format: 'motcua/procedure@1' was expected"),
        ({"cases": []}, "cases: [] should be non-empty"),
        (
            {"cases": [{"code": "a", "name": "A", "deadline": {"unit": "weeks"}}]},
            "cases[1].deadline.unit: 'weeks' is not one of",
        ),
        (
            {"cases": [{"code": "a", "name": "A", "deadline": {"unit": "working_days"}}]},
            "cases[1].deadline.amount: at least 1 for working_days",
        ),
        (
            {"cases": [{"code": "a", "name": "A", "deadline": {"unit": "same_day"}}] * 2},
            "cases: two cases have the same code",
        ),
        ({"procedure": {"code": "9 1", "name": "x"}}, "procedure.code: '9 1' does not match"),
        ({"scope": "000.00.77.H77"}, "scope: there is no agency with the code 000.00.77.H77"),
    ],
)
def test_a_bad_package_is_refused_with_nothing_saved(changes, expected):
    with pytest.raises(ProcedurePackageInvalid) as caught:
        package_install(source=package(**changes))
    assert any(error.startswith(expected) for error in caught.value.errors), caught.value.errors
    assert not Procedure.objects.exists() and not ProcedureVersion.objects.exists()


def test_the_workflow_and_the_form_are_checked_by_their_languages():
    bad = package()
    bad["workflow"]["nodes"][1]["outcomes"]["refuse"] = "done"
    bad["form"]["fields"][0]["type"] = "colour"
    with pytest.raises(ProcedurePackageInvalid) as caught:
        package_install(source=bad)
    errors = caught.value.errors
    assert any(e.startswith("form: ") for e in errors)
    assert (
        "workflow: Node reception: the outcome refuse must lead to an end with the result "
        "refused (it leads to done)."
    ) in errors
    assert not Procedure.objects.exists()


def test_yaml_that_does_not_parse():
    with pytest.raises(ProcedurePackageInvalid) as caught:
        package_read("format: [motcua\nprocedure: x\n")
    assert caught.value.errors[0].startswith("The definition is not valid YAML or JSON")


def test_the_command_installs_the_seed_packages_once(capsys):
    call_command("install_procedures")
    out = capsys.readouterr().out
    assert out.count("installed") == len(seed_packages()) == 5
    call_command("install_procedures")
    assert capsys.readouterr().out.count("unchanged") == 5
    assert ProcedureVersion.objects.filter(status=Status.PUBLISHED).count() == 5


def test_the_command_reports_a_bad_package(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("format: motcua/procedure@1\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.yaml: the package is invalid"):
        call_command("install_procedures", str(path))
    with pytest.raises(CommandError, match="no agency"):
        call_command("install_procedures", "--scope", "000.00.77.H77")
