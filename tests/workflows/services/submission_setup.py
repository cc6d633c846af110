"""A procedure published province-wide with a form and a case, the agencies that receive it,
a citizen and a counter officer: what the submission tests file dossiers against."""

import copy
from dataclasses import dataclass
from typing import Any

from workflows.definitions.loader import dump
from workflows.models import Agency, ProcedureCase, ProcedureVersion
from workflows.services.procedure_versions import procedure_version_publish
from workflows.services.submission import ConsentGiven, SubmittedDocument

from ..engine.helpers import ensure_roles, reception_flow
from ..factories import (
    PDF_BYTES,
    PNG_BYTES,
    AgencyFactory,
    MembershipFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    RoleFactory,
    UserFactory,
)

NOTICE = "Dữ liệu cá nhân của học sinh được xử lý để giải quyết thủ tục (Nghị định 13/2023/NĐ-CP)."
FORM: dict[str, Any] = {
    "format": "motcua/form@1",
    "title": "Tờ khai đề nghị cấp bản sao văn bằng",
    "fields": [
        {
            "id": "owner_name",
            "type": "text",
            "label": "Họ và tên",
            "required": True,
            "personal": "owner.full_name",
        },
        {
            "id": "owner_id_number",
            "type": "id_number",
            "label": "Số định danh cá nhân",
            "required": True,
            "personal": "owner.id_number",
        },
        {"id": "phone", "type": "phone", "label": "Số điện thoại", "personal": "owner.phone"},
        {
            "id": "graduation_year",
            "type": "integer",
            "label": "Năm tốt nghiệp",
            "min": 1950,
            "max": 2026,
        },
        {
            "id": "school",
            "type": "agency",
            "label": "Trường cấp văn bằng",
            "agency_kinds": ["school"],
            "route": "competent",
        },
    ],
}
CHILD_PRIVACY = {"children": True, "version": "2026-01", "notice": NOTICE}
DOCUMENTS = [
    {"code": "request_form", "name": "Đơn đề nghị", "originals": 1, "required": True},
    {"code": "identity_document", "name": "Căn cước", "copies": 1, "required": True},
    {"code": "power_of_attorney", "name": "Giấy ủy quyền", "originals": 1, "required": False},
]
DATA = {
    "owner_name": "Trần Thị Mai",
    "owner_id_number": "001203004567",
    "phone": "0912 345 678",
    "graduation_year": 2010,
}
FILES = [
    SubmittedDocument("request_form", "don-de-nghi.pdf", PDF_BYTES),
    SubmittedDocument("identity_document", "can-cuoc.png", PNG_BYTES),
]
PARENT = ConsentGiven(full_name="Trần Văn Bình", relationship="father", notice_version="2026-01")


@dataclass
class Desk:
    province: Agency
    centre: Agency
    school: Agency
    version: ProcedureVersion
    case: ProcedureCase
    citizen: Any
    officer: Any


def publish(form: dict[str, Any], agency: Agency | None = None) -> ProcedureCase:
    definition = reception_flow()
    ensure_roles(definition)
    version = ProcedureVersionFactory(
        procedure=ProcedureFactory(), agency=agency, definition=dump(definition), form_schema=form
    )
    case = ProcedureCaseFactory(version=version, required_documents=copy.deepcopy(DOCUMENTS))
    procedure_version_publish(version=version, by=None)
    version.refresh_from_db()
    case.refresh_from_db()
    return case


def desk(*, privacy: dict[str, Any] | None = None) -> Desk:
    province = AgencyFactory(code="000.00.00.H56", name="UBND tỉnh", kind=Agency.Kind.PROVINCE)
    commune = AgencyFactory(
        code="000.00.20.H56", name="UBND xã", kind=Agency.Kind.COMMUNE, parent=province
    )
    centre = AgencyFactory(
        code="000.20.20.H56", name="Trung tâm PVHCC xã", kind=Agency.Kind.CENTRE, parent=commune
    )
    school = AgencyFactory(
        code="000.30.20.H56", name="Trường THCS", kind=Agency.Kind.SCHOOL, parent=commune
    )
    form = {**copy.deepcopy(FORM), **({"privacy": privacy} if privacy else {})}
    case = publish(form)
    officer = UserFactory(first_name="Đức", last_name="Trần Văn")
    MembershipFactory(user=officer, agency=centre, role=RoleFactory(code="reception"))
    return Desk(
        province=province,
        centre=centre,
        school=school,
        version=case.version,
        case=case,
        citizen=UserFactory(),
        officer=officer,
    )
