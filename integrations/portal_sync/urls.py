"""Inbound endpoints of this integration (callbacks, the fake's pages)."""

from django.urls import path

from . import views

app_name = "portal_sync"
urlpatterns = [
    path("fake/<str:operation>", views.fake_portal, name="fake"),
]
