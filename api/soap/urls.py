"""The SOAP endpoint and its WSDL."""

from django.urls import URLPattern, path

from .views import endpoint

app_name = "soap"
urlpatterns: list[URLPattern] = [path("", endpoint, name="endpoint")]
