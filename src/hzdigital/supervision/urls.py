"""Supervision pages; mounted at /supervision/ by hzdigital.urls."""

from django.urls import path

from hzdigital.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("tasks/<int:task_id>/", views.task_detail, name="task"),
    path("review/", views.review_list, name="review"),
    path("reports/<int:report_id>/review/", views.report_review, name="report_review"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("points/", views.work_points, name="points"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
]
