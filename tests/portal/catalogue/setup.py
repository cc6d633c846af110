"""Published procedures for the catalogue tests: two fields, a province-wide version and one
scoped to a commune, a retired one, a draft."""

from dataclasses import dataclass

from django.core.cache import cache

from workflows.models import Agency, Procedure, ProcedureCase
from workflows.services.procedure_versions import procedure_version_publish

from ...workflows.factories import (
    AgencyFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    PublishedCaseFactory,
    RoleFactory,
    minimal_definition,
)


@dataclass
class Shelf:
    province: Agency
    commune: Agency
    centre: Agency
    other_commune: Agency
    diploma: ProcedureCase
    transfer: ProcedureCase
    local: ProcedureCase


def named_definition() -> dict:
    definition = minimal_definition()
    definition["nodes"][1]["name"] = "Tiếp nhận hồ sơ"
    definition["nodes"][1]["outcomes"] = {"accept": "review"}
    definition["nodes"].insert(
        2,
        {
            "id": "review",
            "kind": "user_task",
            "name": "Thẩm định và phê duyệt",
            "role": "reception",
            "outcomes": {"approve": "done"},
        },
    )
    definition["sources"] = [
        {"about": ["fee"], "title": "Thông tư 106/2021/TT-BTC", "url": "https://example.vn/tt106"}
    ]
    return definition


def shelf() -> Shelf:
    cache.clear()
    RoleFactory(code="reception")
    province = AgencyFactory(code="000.00.00.H56", name="UBND tỉnh", kind=Agency.Kind.PROVINCE)
    commune = AgencyFactory(
        code="000.00.20.H56", name="UBND xã An Bình", kind=Agency.Kind.COMMUNE, parent=province
    )
    centre = AgencyFactory(
        code="000.20.20.H56",
        name="Trung tâm PVHCC xã An Bình",
        kind=Agency.Kind.CENTRE,
        parent=commune,
    )
    other = AgencyFactory(
        code="000.00.30.H56", name="UBND xã Đông Hải", kind=Agency.Kind.COMMUNE, parent=province
    )
    diploma = PublishedCaseFactory(
        version=ProcedureVersionFactory(
            procedure=ProcedureFactory(
                code="3.000467.H18",
                name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc (bằng tốt nghiệp)",
                field="Văn bằng, chứng chỉ",
                legal_basis="Nghị định 23/2015/NĐ-CP",
                deciding_authority="Hiệu trưởng nhà trường",
            ),
            definition=named_definition(),
        ),
        code="copy",
        name="Cấp bản sao",
        fee_amount=50000,
        fee_name="Phí cấp bản sao",
        cutoff_applies=True,
    )
    transfer = PublishedCaseFactory(
        version=ProcedureVersionFactory(
            procedure=ProcedureFactory(
                code="1.005097",
                name="Chuyển trường đối với học sinh trung học cơ sở",
                field="Giáo dục trung học",
                online_level=Procedure.OnlineLevel.PARTLY_ONLINE,
            )
        ),
        deadline_amount=3,
    )
    local = PublishedCaseFactory(
        version=ProcedureVersionFactory(
            procedure=ProcedureFactory(code="2.000001", name="Đăng ký hộ kinh doanh"),
            agency=commune,
        ),
        deadline_unit=ProcedureCase.DeadlineUnit.WORKING_HOURS,
        deadline_amount=8,
    )
    # a draft and a retired version are not in the catalogue
    ProcedureCaseFactory(
        version=ProcedureVersionFactory(procedure=ProcedureFactory(name="Bản nháp"))
    )
    retired = PublishedCaseFactory(
        version=ProcedureVersionFactory(procedure=ProcedureFactory(name="Đã bãi bỏ"))
    )
    from workflows.services.procedure_versions import procedure_version_retire

    procedure_version_retire(version=retired.version, by=None)
    assert procedure_version_publish  # imported for the scoped tests
    return Shelf(province, commune, centre, other, diploma, transfer, local)
