"""A dossier at reception, with its agencies, officers and process, for the reception tests."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.definitions.loader import dump
from workflows.definitions.model import Definition
from workflows.engine import process_start
from workflows.models import Agency, Dossier, DossierDocument, ProcedureVersionTemplate
from workflows.services.procedure_versions import procedure_version_publish

from ...signing.pdf import text
from ..engine.helpers import dossier_on, ensure_roles, reception_flow
from ..factories import (
    AgencyFactory,
    MembershipFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    RoleFactory,
    UserFactory,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "000.00.20.H56-260212-0001"
OWNER = {
    "full_name": "Nguyễn Thị Minh Hằng",
    "id_number": "001203004567",
    "phone": "0912345678",
    "email": "minhhang@example.vn",
    "address": "Số 12, thôn Đông Hải, xã An Bình",
}


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=HANOI)  # type: ignore[misc]


def officer(agency: Agency, role: str, first: str = "Đức", last: str = "Trần Văn") -> Any:
    user = UserFactory(first_name=first, last_name=last)
    MembershipFactory(user=user, agency=agency, role=RoleFactory(code=role))
    return get_user_model().objects.get(pk=user.pk)


@dataclass
class Reception:
    dossier: Dossier
    receptionist: Any
    specialist: Any

    def task(self, step: str = "reception") -> Task:
        """The open task of ``step`` (exactly one)."""
        tasks = Task.objects.filter(
            process__artifact_object_id=self.dossier.pk,
            flow_task_type="HUMAN",
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        [task] = [task for task in tasks if task.flow_task.name == step]
        return task

    def refresh(self) -> Dossier:
        self.dossier.refresh_from_db()
        return self.dossier


def reception(
    form_schema: dict[str, Any] | None = None,
    templates: Sequence[Any] = (),
    code: str = CODE,
    definition: Definition | None = None,
    **case: Any,
) -> Reception:
    """A dossier with a code, submitted to the public service centre of xã An Bình (under its
    people's committee, in a province), its process waiting at reception."""
    province = AgencyFactory(
        code="000.00.00.H56", name="Ủy ban nhân dân tỉnh Hòa Bình", kind=Agency.Kind.PROVINCE
    )
    commune = AgencyFactory(
        code="000.00.20.H56",
        name="Ủy ban nhân dân xã An Bình",
        kind=Agency.Kind.COMMUNE,
        parent=province,
    )
    centre = AgencyFactory(
        code="000.20.20.H56",
        name="Trung tâm Phục vụ hành chính công xã An Bình",
        kind=Agency.Kind.CENTRE,
        parent=commune,
        address="Thôn Đông, xã An Bình",
    )
    procedure = ProcedureFactory(
        code="3.000467.H18", name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"
    )
    flow = definition or reception_flow()
    version = _published(flow, procedure, case, form_schema or {}, templates)
    dossier = dossier_on(
        version,
        code=code,
        receiving_agency=centre,
        competent_agency=centre,
        personal={"owner": dict(OWNER)},
        submitted_at=local(2026, 2, 11, 16, 30),
    )
    state = Reception(
        dossier=dossier,
        receptionist=officer(centre, "reception"),
        specialist=officer(centre, "specialist", "Lan", "Phạm Thị"),
    )
    process_start(dossier=dossier, by=None)
    return state


def _published(
    definition: Definition,
    procedure: Any,
    case: dict[str, Any],
    form_schema: dict[str, Any],
    templates: Sequence[Any],
) -> Any:
    """``definition`` published with one case (5 working days unless ``case`` says)."""
    ensure_roles(definition)
    version = ProcedureVersionFactory(
        procedure=procedure, definition=dump(definition), form_schema=form_schema
    )
    ProcedureCaseFactory(version=version, **case)
    for template in templates:
        ProcedureVersionTemplate.objects.create(version=version, template=template)
    procedure_version_publish(version=version, by=None)
    version.refresh_from_db()
    return version


def pdf_text(dossier: Dossier, kind: str) -> str:
    document = DossierDocument.objects.get(dossier=dossier, kind=kind)
    with document.file.open("rb") as handle:
        return text(handle.read())


__all__ = ["CODE", "OWNER", "AgencyFactory", "local", "officer", "pdf_text", "reception"]
