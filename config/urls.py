"""URLs. Nothing is served from storage directly: files go through views that check access."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("portal.urls")),
    path("api/v1/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dossiers/", include("workflows.urls")),
    path("payments/", include("integrations.payments.urls")),
    path("postal/", include("integrations.postal.urls")),
    path("notify/", include("integrations.notify.urls")),
    path("portal-sync/", include("integrations.portal_sync.urls")),
    path("soap/", include("api.soap.urls")),
    path("verify/", include("portal.verify.urls")),
    path("signing-fake/", include("signing.fake_remote.urls")),
    path("admin/", admin.site.urls),
]
