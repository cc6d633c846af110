"""The application page's context: the rendered form, the documents, the consent, the
receiving agency, and every error (the form's next to its fields, the others by key)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from forms import privacy_notice
from portal.apply.consent import RELATIONSHIPS, consent_shown
from portal.apply.receivers import receiving_agencies
from portal.apply.uploads import ACCEPT, max_bytes
from portal.formrender import ErrorLink, form_render
from portal.mine.notifications import CHOICES as NOTIFY_CHOICES
from portal.mine.notifications import channels_from_post
from portal.models import ApplicationDraft
from workflows.models import ProcedureCase, ProcedureVersion

# the keys of a submission's problems that are not form fields
PAGE_KEYS = ("documents.", "consent", "receiving_agency", "version", "case")


@dataclass(frozen=True)
class DocumentInput:
    code: str
    name: str
    required: bool
    note: str
    kept: str  # the name of the draft's file for it, if any
    errors: list[str]

    @property
    def input_id(self) -> str:
        return f"doc-{self.code}"


def _is_page_key(key: str) -> bool:
    return any(key == k or key.startswith(k) for k in PAGE_KEYS)


def apply_context(
    *,
    version: ProcedureVersion,
    case: ProcedureCase,
    data: Mapping[str, Any] | None,
    errors: Mapping[str, list[str]],
    draft: ApplicationDraft | None,
    key: str,
    post: Mapping[str, Any] | None,
    refresh_url: str,
) -> dict[str, Any]:
    schema = version.form_schema or {}
    form_errors = {k: v for k, v in errors.items() if not _is_page_key(k)}
    rendered = form_render(schema, data=data, errors=form_errors, refresh_url=refresh_url)
    kept = {f.document_code: f.original_name for f in draft.files.all()} if draft else {}
    documents = [
        DocumentInput(
            code=str(item["code"]),
            name=str(item.get("name", item["code"])),
            required=bool(item.get("required")),
            note=str(item.get("note") or ""),
            kept=kept.get(str(item["code"]), ""),
            errors=list(errors.get(f"documents.{item['code']}", ())),
        )
        for item in case.required_documents or []
    ]
    summary = list(rendered.summary)
    for document in documents:
        summary += [ErrorLink("#" + document.input_id, document.name, m) for m in document.errors]
    for key_name, anchor, label in (
        ("consent", "#consent-agree", _("Consent")),
        ("receiving_agency", "#receiving-agency", _("Receiving agency")),
        ("version", "#main", _("Procedure")),
        ("case", "#main", _("Procedure")),
    ):
        summary += [ErrorLink(anchor, str(label), m) for m in errors.get(key_name, ())]
    notice = privacy_notice(schema)
    return {
        "version": version,
        "procedure": version.procedure,
        "case": case,
        "form_fields": rendered.html,
        "form_errors": summary,
        "documents": documents,
        "accept": ACCEPT,
        "max_mib": max_bytes() // 2**20,
        "notice": notice,
        "consent": consent_shown(post),
        "consent_errors": list(errors.get("consent", ())),
        "relationships": [
            (code, label)
            for code, label in RELATIONSHIPS
            if not (notice and notice.children and code == "self")
        ],
        "receivers": receiving_agencies(version),
        "receiver_chosen": (post or {}).get("_receiving_agency", ""),
        "receiver_errors": list(errors.get("receiving_agency", ())),
        "draft": draft,
        "submission_key": key,
        "notify_choices": [(code, label, "") for code, label in NOTIFY_CHOICES],
        "notify_chosen": channels_from_post(post) if post else ["email"],
    }
