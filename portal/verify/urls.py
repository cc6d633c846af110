"""The verification page: /verify/ (upload) and /verify/<token>/ (the QR code's address)."""

from django.urls import path

from . import views

app_name = "verify"
urlpatterns = [
    path("", views.verify_upload, name="upload"),
    path("<str:token>/", views.verify_token, name="token"),
]
