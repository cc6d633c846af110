"""Access log entries: append-only, no personal data beyond who acted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("xem")
        ADD = "add", _("thêm")
        CHANGE = "change", _("sửa")
        DELETE = "delete", _("xóa")
        DOWNLOAD = "download", _("tải xuống")
        ADMIN = "admin", _("thao tác quản trị")

    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=12, choices=Action.choices)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")
        indexes = [models.Index(fields=["object_type", "object_id", "at"], name="access_obj_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
