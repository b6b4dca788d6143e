"""URLs of the foundation pages; mounted at the site root by ``hzdigital.urls``."""

from django.urls import path

from hzdigital.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_list, name="units"),
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("measures/", views.measures, name="measures"),
    path("classification/", views.classification, name="classification"),
    path("map/hangzhou.geojson", views.hangzhou_geojson, name="geojson"),
]
