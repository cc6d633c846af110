"""Inbound endpoints of this integration: the provider's webhook."""

from django.urls import path

from . import views

app_name = "postal"
urlpatterns = [
    path("webhook/<slug:backend>/", views.webhook, name="webhook"),
]
