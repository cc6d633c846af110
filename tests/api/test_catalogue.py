"""The catalogue (search, filters) and a procedure with its cases and form schema: public."""

import pytest
from django.test import Client

from tests.workflows.factories import (
    AgencyFactory,
    MembershipFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    PublishedCaseFactory,
    RoleFactory,
    UserFactory,
)
from tests.workflows.services.submission_setup import FORM
from workflows.models import Agency, Procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue() -> dict[str, object]:
    province = AgencyFactory(code="000.00.00.H56", kind=Agency.Kind.PROVINCE)
    centre = AgencyFactory(code="000.20.20.H56", kind=Agency.Kind.CENTRE, parent=province)
    MembershipFactory(user=UserFactory(), agency=centre, role=RoleFactory(code="reception"))
    diploma = ProcedureFactory(
        code="1.005092",
        name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        field="Văn bằng, chứng chỉ",
        online_level=Procedure.OnlineLevel.FULL_ONLINE,
        legal_basis="Nghị định 23/2015/NĐ-CP",
    )
    case = PublishedCaseFactory(
        version=ProcedureVersionFactory(procedure=diploma, form_schema=FORM),
        code="copy",
        fee_amount=20000,
        deadline_amount=3,
    )
    transfer = ProcedureFactory(
        code="1.004831",
        name="Chuyển trường đối với học sinh trung học cơ sở",
        field="Giáo dục trung học",
        online_level=Procedure.OnlineLevel.PARTLY_ONLINE,
    )
    PublishedCaseFactory(
        version=ProcedureVersionFactory(procedure=transfer, agency=centre), code="in-province"
    )
    ProcedureVersionFactory(procedure=ProcedureFactory(name="Bằng tốt nghiệp nháp"))  # a draft
    return {"centre": centre, "diploma": diploma, "case": case, "transfer": transfer}


def codes(response: object) -> list[str]:
    return [item["code"] for item in response.json()["items"]]  # type: ignore[attr-defined]


def test_the_catalogue_lists_published_procedures(catalogue: dict[str, object]) -> None:
    response = Client().get("/api/v1/procedures", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert codes(response) == ["1.004831", "1.005092"]
    diploma = body["items"][1]
    assert diploma["deadline"] == "03 working days"
    assert (diploma["fee_amount"], diploma["scope"]) == (20000, None)
    assert diploma["online_level_label"] == "Fully online"
    assert body["items"][0]["scope"]["code"] == "000.20.20.H56"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=bang+tot+nghiep", []),
        ("q=BAN+SAO+van+bang", ["1.005092"]),
        ("q=so+goc+cap", ["1.005092"]),
        ("q=chuyen+truong", ["1.004831"]),
        ("q=1.004831", ["1.004831"]),
        ("field=Giáo+dục+trung+học", ["1.004831"]),
        ("online_level=full_online", ["1.005092"]),
        # what applies at the centre: its own version and the province-wide one
        ("agency=000.20.20.H56", ["1.004831", "1.005092"]),
        ("agency=000.00.00.H56&q=chuyen", ["1.004831"]),  # a version scoped under it counts
        ("agency=999.99.99.X", []),
        ("limit=1&offset=1", ["1.005092"]),
    ],
)
def test_search_and_filters(catalogue: dict[str, object], query: str, expected: list[str]) -> None:
    response = Client().get(f"/api/v1/procedures?{query}")

    assert response.status_code == 200
    assert codes(response) == expected


def test_bad_filters_are_422(catalogue: dict[str, object]) -> None:
    response = Client().get("/api/v1/procedures?limit=500")

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["query.limit"]


def test_a_procedure_with_its_cases_and_form(catalogue: dict[str, object]) -> None:
    response = Client().get("/api/v1/procedures/1.005092", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.json()
    assert body["legal_basis"] == "Nghị định 23/2015/NĐ-CP"
    version = body["version"]
    assert version["form_schema"] == FORM
    [case] = version["cases"]
    assert (case["code"], case["fee_amount"], case["deadline"]) == (
        "copy",
        20000,
        "03 working days",
    )
    assert [d["code"] for d in case["documents"]] == ["request_form", "identity_document"]
    assert case["documents"][0] == {
        "code": "request_form",
        "name": "Đơn đề nghị",
        "originals": 1,
        "copies": 0,
        "required": True,
        "note": "",
    }
    assert version["receiving_agencies"] == [
        {"code": "000.20.20.H56", "name": catalogue["centre"].name}  # type: ignore[attr-defined]
    ]
    assert body["other_versions"] == []


def test_a_procedure_scoped_to_an_agency(catalogue: dict[str, object]) -> None:
    client = Client()

    scoped = client.get("/api/v1/procedures/1.004831?agency=000.20.20.H56")
    unscoped = client.get("/api/v1/procedures/1.004831")  # its only version

    assert scoped.status_code == unscoped.status_code == 200
    assert scoped.json()["version"]["scope"]["code"] == "000.20.20.H56"
    assert unscoped.json()["version"]["id"] == scoped.json()["version"]["id"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/procedures/9.999999",
        "/api/v1/procedures/1.005092?agency=999.99.99.X",
        "/api/v1/procedures/1.004831?agency=000.00.00.H56",  # scoped below the province only
    ],
)
def test_unknown_procedures_or_agencies_are_404(catalogue: dict[str, object], path: str) -> None:
    response = Client().get(path)

    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_procedure_without_a_published_version_is_404(catalogue: dict[str, object]) -> None:
    draft = Procedure.objects.get(name="Bằng tốt nghiệp nháp")

    assert Client().get(f"/api/v1/procedures/{draft.code}").status_code == 404
