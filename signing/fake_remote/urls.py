"""/signing-fake/: the fake remote-signing service (development CA only)."""

from django.urls import path

from signing.fake_remote import views

app_name = "signing_fake"
urlpatterns = [
    path("", views.phone, name="phone"),
    path("<str:tx>/<str:decision>/", views.answer, name="answer"),
    path("api/v1/certificates/<str:user_id>", views.certificate, name="certificate"),
    path("api/v1/signatures", views.signature_create, name="signature_create"),
    path("api/v1/signatures/<str:tx>", views.signature_status, name="signature_status"),
]
