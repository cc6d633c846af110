"""Reading document templates and signer profiles."""

from typing import Any

from signing.models import DocumentTemplate, SignerProfile


def document_template_current(code: str) -> DocumentTemplate:
    """The latest revision of ``code``; raises DocumentTemplate.DoesNotExist."""
    template = DocumentTemplate.objects.filter(code=code).order_by("-revision").first()
    if template is None:
        raise DocumentTemplate.DoesNotExist(f"no document template with code {code!r}")
    return template


def document_template_get(code: str, revision: int) -> DocumentTemplate:
    """One revision, the one a published procedure version points to."""
    return DocumentTemplate.objects.get(code=code, revision=revision)


def signer_for(*, kind: str, user: Any = None, agency_code: str = "") -> SignerProfile | None:
    """The active profile that signs as ``kind`` (personal: ``user``'s in ``agency_code``,
    or any of theirs when no code is given; agency: the agency's seal). Production profiles
    before development ones, the newest first."""
    profiles = SignerProfile.objects.filter(kind=kind, active=True)
    if kind == SignerProfile.Kind.PERSONAL:
        if user is None or not getattr(user, "pk", None):
            return None
        profiles = profiles.filter(user=user)
    if agency_code:
        profiles = profiles.filter(agency_code=agency_code)
    elif kind == SignerProfile.Kind.AGENCY:
        return None
    return profiles.order_by("development", "-updated_at", "-pk").first()
