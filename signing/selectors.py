"""Reading document templates."""

from signing.models import DocumentTemplate


def document_template_current(code: str) -> DocumentTemplate:
    """The latest revision of ``code``; raises DocumentTemplate.DoesNotExist."""
    template = DocumentTemplate.objects.filter(code=code).order_by("-revision").first()
    if template is None:
        raise DocumentTemplate.DoesNotExist(f"no document template with code {code!r}")
    return template


def document_template_get(code: str, revision: int) -> DocumentTemplate:
    """One revision, the one a published procedure version points to."""
    return DocumentTemplate.objects.get(code=code, revision=revision)
