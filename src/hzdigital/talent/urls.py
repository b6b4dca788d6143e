"""Talent URLs, mounted at /talent/ (before the plan app, whose /talent/ page this replaces)."""

from django.urls import path

from hzdigital.talent import reporting, views

app_name = "talent"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("report/", reporting.report, name="report"),
    path("report/template.xlsx", reporting.report_excel, name="report_excel"),
    path("report/upload/", reporting.report_upload, name="report_upload"),
    path("review/", reporting.review, name="review"),
    path("review/<int:unit_id>/<int:year>/", reporting.review_batch, name="review_batch"),
]
