"""The report page and its downloads; mounted at /reports/ by hzdigital.urls."""

from django.urls import path

from hzdigital.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="page"),
    path("download/", views.report_download, name="download"),
]
