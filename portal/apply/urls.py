from django.urls import path

from portal.apply import views

app_name = "apply"
urlpatterns: list = [
    path("<int:version_id>/<slug:case_code>/", views.apply, name="apply"),
    path("<int:version_id>/<slug:case_code>/fields/", views.fields, name="fields"),
    path("submitted/<str:code>/", views.submitted, name="submitted"),
]
