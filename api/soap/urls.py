"""The SOAP endpoint and its WSDL."""

from django.urls import URLPattern

app_name = "soap"
urlpatterns: list[URLPattern] = []
