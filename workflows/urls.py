"""The domain's own pages. Included by config/urls.py under a prefix of its choosing."""

from django.urls import path

from workflows import views

app_name = "workflows"

urlpatterns = [
    path(
        "attachments/<int:attachment_id>/download",
        views.attachment_download,
        name="attachment-download",
    ),
]
