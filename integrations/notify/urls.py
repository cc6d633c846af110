"""Inbound endpoints of this integration (callbacks, the fake's pages)."""

from django.urls import URLPattern, path

from .views import sms_delivery

app_name = "notify"
urlpatterns: list[URLPattern] = [
    path("sms/delivery/", sms_delivery, name="sms_delivery"),
]
