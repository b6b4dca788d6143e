"""URLs of the index pages, mounted at ``/index/`` by ``hzdigital.urls``."""

from django.urls import path

from hzdigital.index import views

app_name = "index"

urlpatterns = [
    path("", views.index_page, name="index"),
    path("method/", views.method_page, name="method"),
    path("unit/<str:code>/", views.unit_page, name="profile"),
]
