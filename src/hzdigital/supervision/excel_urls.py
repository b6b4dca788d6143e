"""Excel pages of supervision (template, upload, exports); mounted at /supervision/excel/."""

from django.urls import path

from hzdigital.supervision import excel_views

app_name = "supervision_excel"

urlpatterns = [
    path("template/", excel_views.work_point_template, name="template"),
    path("upload/", excel_views.work_point_upload, name="upload"),
    path("work-points.xlsx", excel_views.export_work_points, name="work_points"),
    path("tasks.xlsx", excel_views.export_tasks, name="tasks"),
    path("reports.xlsx", excel_views.export_reports, name="reports"),
]
