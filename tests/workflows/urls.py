"""The project's URLs plus the workflow app's (until config/urls.py includes them)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dossiers/", include("workflows.urls")),
]
