"""The city benchmark page, mounted at ``/benchmark/`` by ``hzdigital.urls``."""

from django.urls import path

from hzdigital.benchmark import views

app_name = "benchmark"

urlpatterns = [path("", views.benchmark, name="page")]
