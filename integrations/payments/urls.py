"""Inbound endpoints of this integration (callbacks, the fake's pages)."""

from django.urls import URLPattern

app_name = "payments"
urlpatterns: list[URLPattern] = []
