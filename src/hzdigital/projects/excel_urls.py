"""Excel pages of major projects (template, upload, exports); mounted at /projects/excel/."""

from django.urls import path

from hzdigital.projects import excel_views

app_name = "projects_excel"

urlpatterns = [
    path("template/", excel_views.project_template, name="template"),
    path("upload/", excel_views.project_upload, name="upload"),
    path("projects.xlsx", excel_views.export_projects, name="projects"),
    path("balances.xlsx", excel_views.export_balances, name="balances"),
]
