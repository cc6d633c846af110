from django.urls import path

from . import views

app_name = "track"
urlpatterns = [
    path("", views.track_form, name="form"),
    path("access/", views.track_access, name="access"),
    path("<str:code>/", views.track_status, name="status"),
]
