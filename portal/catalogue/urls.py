from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.home, name="home"),
    path("procedures/<str:code>/", views.procedure, name="procedure"),
]
