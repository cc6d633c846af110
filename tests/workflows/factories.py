"""factory_boy factories for the workflow models (reused by other apps' tests).

``DossierFactory`` files its dossier under a published version (publishing it through
the service), as the models require; ``DossierAttachmentFactory`` stores its file
through ``dossier_attachment_add``.
"""

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from signing.models import DocumentTemplate
from workflows.models import (
    Agency,
    Dossier,
    DossierAttachment,
    Membership,
    Procedure,
    ProcedureCase,
    ProcedureVersion,
    ProcedureVersionTemplate,
    ProcessingLogEntry,
    Role,
)
from workflows.services.attachments import dossier_attachment_add
from workflows.services.procedure_versions import procedure_version_publish

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("test-password")
    is_active = True


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{n:03d}.00.20.H98")
    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"CQ {n}")
    kind = Agency.Kind.OFFICE
    parent = None


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("code",)

    code = Role.Standard.SPECIALIST
    name = factory.LazyAttribute(lambda role: role.code.replace("_", " ").capitalize())


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = factory.SubFactory(RoleFactory)
    active = True


class ProcedureFactory(DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    field = "Giáo dục và Đào tạo"
    online_level = Procedure.OnlineLevel.FULL_ONLINE


def minimal_definition(name: str = "") -> dict:
    """The smallest workflow that publishes: start, reception, end (canonical source)."""
    return {
        "format": "motcua/workflow@1",
        **({"name": name} if name else {}),
        "nodes": [
            {"id": "start", "kind": "start", "next": "reception"},
            {
                "id": "reception",
                "kind": "user_task",
                "role": "reception",
                "agency": {"from": "receiving"},
                "outcomes": {"accept": "done"},
            },
            {"id": "done", "kind": "end", "result": "processed"},
        ],
    }


class ProcedureVersionFactory(DjangoModelFactory):
    """A draft (publish it with the service, or use PublishedCaseFactory)."""

    class Meta:
        model = ProcedureVersion

    procedure = factory.SubFactory(ProcedureFactory)
    agency = None
    number = factory.Sequence(lambda n: n + 1)
    definition = factory.LazyFunction(minimal_definition)
    form_schema = factory.LazyFunction(dict)


class ProcedureCaseFactory(DjangoModelFactory):
    class Meta:
        model = ProcedureCase

    version = factory.SubFactory(ProcedureVersionFactory)
    code = factory.Sequence(lambda n: f"case-{n}")
    name = factory.Sequence(lambda n: f"Trường hợp {n}")
    required_documents = factory.LazyFunction(
        lambda: [
            {
                "code": "request_form",
                "name": "Đơn đề nghị",
                "originals": 1,
                "copies": 0,
                "required": True,
            },
            {
                "code": "identity_document",
                "name": "Căn cước",
                "originals": 0,
                "copies": 1,
                "required": True,
            },
        ]
    )
    fee_amount = 0
    deadline_amount = 5
    deadline_unit = ProcedureCase.DeadlineUnit.WORKING_DAYS


class PublishedCaseFactory(ProcedureCaseFactory):
    """A case whose version has been published (through the service)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj: ProcedureCase, create: bool, extracted: object, **kwargs: object) -> None:
        if create and obj.version.is_draft:
            procedure_version_publish(version=obj.version, by=None)


class DocumentTemplateFactory(DjangoModelFactory):
    class Meta:
        model = DocumentTemplate

    code = factory.Sequence(lambda n: f"template-{n}")
    revision = 1
    kind = DocumentTemplate.Kind.RECEIPT
    name = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    body = "<p>{{ dossier.code }}</p>"


class ProcedureVersionTemplateFactory(DjangoModelFactory):
    class Meta:
        model = ProcedureVersionTemplate

    version = factory.SubFactory(ProcedureVersionFactory)
    template = factory.SubFactory(DocumentTemplateFactory)


class DossierFactory(DjangoModelFactory):
    class Meta:
        model = Dossier

    case = factory.SubFactory(PublishedCaseFactory)
    version = factory.SelfAttribute("case.version")
    receiving_agency = factory.SubFactory(AgencyFactory)
    competent_agency = factory.SelfAttribute("receiving_agency")
    applicant = factory.SubFactory(UserFactory)
    channel = Dossier.Channel.ONLINE
    personal = factory.LazyFunction(
        lambda: {
            "owner": {
                "full_name": "Trần Thị Mai",
                "id_number": "001203004567",
                "phone": "0912345678",
                "address": "Số 1, thôn Đông, xã Hòa An",
            }
        }
    )
    data = factory.LazyFunction(lambda: {"graduation_year": 2010, "school": "THCS Nguyễn Du"})


class DossierAttachmentFactory(DjangoModelFactory):
    class Meta:
        model = DossierAttachment

    dossier = factory.SubFactory(DossierFactory)
    document_code = "request_form"
    original_name = "don-de-nghi.pdf"
    content = PDF_BYTES
    uploaded_by = None

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> DossierAttachment:
        upload = ContentFile(kwargs["content"], name=str(kwargs["original_name"]))
        return dossier_attachment_add(
            dossier=kwargs["dossier"],  # type: ignore[arg-type]
            document_code=str(kwargs["document_code"]),
            upload=upload,
            uploaded_by=kwargs.get("uploaded_by"),
        )


class ProcessingLogEntryFactory(DjangoModelFactory):
    class Meta:
        model = ProcessingLogEntry

    dossier = factory.SubFactory(DossierFactory)
    actor = None
    step = "reception"
    action = "submitted"
    to_status = Dossier.Status.NEW
