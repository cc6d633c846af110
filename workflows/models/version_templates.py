"""The document templates a procedure version uses (frozen with the version)."""

from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from workflows.errors import ProcedureVersionLocked

from .procedures import ProcedureVersion, refuse_unless_draft


class ProcedureVersionTemplate(models.Model):
    """A document template revision used by a version (a template in use is kept)."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure version"),
        on_delete=models.CASCADE,
        related_name="template_links",
    )
    template = models.ForeignKey(
        "signing.DocumentTemplate",
        verbose_name=_("document template"),
        on_delete=models.PROTECT,
        related_name="procedure_version_links",
    )

    class Meta:
        verbose_name = _("document template of a version")
        verbose_name_plural = _("document templates of a version")
        constraints = [
            models.UniqueConstraint(fields=["version", "template"], name="procver_template")
        ]

    def __str__(self) -> str:
        return str(self.template)

    def save(self, *args: Any, **kwargs: Any) -> None:
        refuse_unless_draft(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        refuse_unless_draft(self.version_id)
        return super().delete(*args, **kwargs)


@receiver(m2m_changed, sender=ProcedureVersionTemplate)
def _templates_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    """``version.document_templates.add/remove/clear`` (or the reverse) on a locked version."""
    if action not in {"pre_add", "pre_remove", "pre_clear"}:
        return
    if not reverse:
        version_ids: set[Any] = {instance.pk}
    elif pk_set is not None:
        version_ids = set(pk_set)
    else:
        links = ProcedureVersionTemplate.objects.filter(template_id=instance.pk)
        version_ids = set(links.values_list("version_id", flat=True))
    locked = ProcedureVersion._base_manager.filter(pk__in=version_ids).exclude(
        status=ProcedureVersion.Status.DRAFT
    )
    if locked.exists():
        raise ProcedureVersionLocked("the document templates of a published version cannot change")
