"""The portal's URLs: one module per area, each owning its paths and its namespace."""

from django.urls import include, path

from portal.catalogue.views import home

urlpatterns = [
    # the home page is the catalogue; named "home" without a namespace (templates/base.html)
    path("", home, name="home"),
    path("", include("portal.catalogue.urls")),
    path("apply/", include("portal.apply.urls")),
    path("track/", include("portal.track.urls")),
    path("my/", include("portal.mine.urls")),
    path("accounts/", include("portal.accounts.urls")),
    path("workspace/", include("portal.workspace.urls")),
]
