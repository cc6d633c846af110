"""The five seed packages: each installs, and has what the brief of a seed procedure asks:
reception, review, approval, issue and return steps, statuses, sources for its facts."""

import pytest

from forms import load_form, privacy_notice
from workflows.definitions import load
from workflows.definitions.model import AgencySource, NodeKind
from workflows.procedures import package_install, package_read, seed_packages

PACKAGES = {path.stem: package_read(path) for path in seed_packages()}
CHILDREN = {"2-school-transfer", "3-grade-6-enrolment"}


def test_the_five_procedures_are_shipped():
    assert sorted(PACKAGES) == [
        "1-diploma-copy",
        "2-school-transfer",
        "3-grade-6-enrolment",
        "4-staff-transfer",
        "5-civil-status-extract",
    ]
    codes = [p.procedure["code"] for p in PACKAGES.values()]
    assert codes[:2] == ["1.010020", "2.002481"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_each_installs_published(name):
    installed = package_install(source=seed_path(name))
    assert installed.created and installed.version.status == "published"


def seed_path(name):  # type: ignore[no-untyped-def]
    return next(p for p in seed_packages() if p.stem == name)


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_each_has_the_steps_of_a_one_stop_procedure(name):
    definition = load(PACKAGES[name].workflow)
    reception = definition.node("reception")
    assert list(dict(reception.outcomes)) == ["accept", "supplement", "refuse"]
    tasks = [n for n in definition.nodes if n.kind is NodeKind.USER_TASK]
    roles = {n.role for n in tasks}
    assert roles == {"reception", "specialist", "leader", "result_desk"}
    approval = definition.node("approval")
    assert set(dict(approval.outcomes)) == {"approve", "send_back", "stop"}
    assert dict(definition.node("issue").outcomes) == {"issued": "result_desk"}
    result_desk = definition.node("result_desk")
    assert result_desk.status == "processed" and result_desk.agency.source is AgencySource.RECEIVING
    # a procedure whose form offers the result by post ships it and waits for the delivery
    by_post = {"delivery"} <= {f["id"] for f in PACKAGES[name].form.get("fields", [])}
    shipped = {"shipped": "wait_delivery"} if by_post else {}
    assert dict(result_desk.outcomes) == {"returned": "returned", **shipped}
    if by_post:
        waiting = definition.node("wait_delivery")
        assert (waiting.event, waiting.next) == ("shipment_delivered", "returned")
    assert definition.node("returned").result == "returned"
    # the first step after the reception takes the dossier to "processing"
    after = definition.node(dict(reception.outcomes)["accept"])
    firsts = (
        [definition.node(b.next) for b in after.branches] + [definition.node(after.default)]
        if after.kind is NodeKind.EXCLUSIVE_GATEWAY
        else [after]
    )
    assert all(step.status == "processing" for step in firsts)
    assert all(n.budget is not None for n in tasks if n.id != "result_desk")


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_each_names_the_sources_of_its_documents_fee_and_deadline(name):
    definition = load(PACKAGES[name].workflow)
    about = {topic for source in definition.sources for topic in source.about}
    assert {"documents", "fee", "deadline", "workflow"} <= about
    assert all(source.title for source in definition.sources)


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_budgets_stay_inside_the_legal_deadline(name):
    """The working-day budgets along the longest path fit in the longest case's deadline."""
    package = PACKAGES[name]
    definition = load(package.workflow)
    days = sum(
        n.budget.amount if n.budget.unit == "working_days" else n.budget.amount / 8
        for n in definition.nodes
        if n.kind is NodeKind.USER_TASK and n.budget and n.id not in ("bulk_review",)
    )
    longest = max(case["deadline_amount"] for case in package.cases) or 1
    assert days <= longest


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_children_s_data_needs_a_parent_s_consent(name):
    notice = privacy_notice(PACKAGES[name].form)
    if name in CHILDREN:
        assert notice is not None and notice.children and notice.version == "2026-01"
        assert "13/2023/NĐ-CP" in notice.text
    else:
        assert notice is None


def test_inter_agency_steps_read_their_agency_from_the_form():
    for name, paths in {
        "2-school-transfer": {"education_office"},
        "4-staff-transfer": {"sending_unit", "receiving_unit"},
    }.items():
        package = PACKAGES[name]
        definition = load(package.workflow)
        fields = {n.agency.value for n in definition.nodes if n.agency.source is AgencySource.FIELD}
        assert fields == paths
        form = {field.id: field for field in load_form(package.form).fields}
        assert all(form[path].type == "agency" for path in paths)
    routes = {
        name: [f.id for f in load_form(p.form).fields if getattr(f, "route", "")]
        for name, p in PACKAGES.items()
    }
    assert routes == {
        "1-diploma-copy": [],
        "2-school-transfer": ["receiving_school"],
        "3-grade-6-enrolment": ["school"],
        "4-staff-transfer": ["managing_department"],
        "5-civil-status-extract": [],
    }


def test_the_diploma_copy_has_a_same_day_and_a_bulk_case():
    standard, bulk = PACKAGES["1-diploma-copy"].cases
    assert (standard["deadline_unit"], standard["cutoff_applies"]) == ("same_day", True)
    assert (bulk["code"], bulk["deadline_unit"], bulk["deadline_amount"]) == (
        "bulk",
        "working_days",
        2,
    )
    volume = load(PACKAGES["1-diploma-copy"].workflow).node("volume")
    assert volume.branches[0].condition == "data.copies > 10"
