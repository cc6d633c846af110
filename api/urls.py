"""/api/v1/ (config/urls.py includes it): the NinjaAPI's operations, namespace "api"."""

from api.api import api

app_name = "api"
urlpatterns = list(api.urls[0])
