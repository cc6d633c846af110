"""The verification page."""

from django.urls import URLPattern

app_name = "verify"
urlpatterns: list[URLPattern] = []
