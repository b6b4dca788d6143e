"""Supervision pages; mounted at /supervision/ by hzdigital.urls."""

from django.urls import path

from hzdigital.supervision import office_views, plan_views, views

app_name = "supervision"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("tasks/<int:task_id>/", views.task_detail, name="task"),
    path("review/", views.review_list, name="review"),
    path("reports/<int:report_id>/review/", views.report_review, name="report_review"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("points/", views.work_points, name="points"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("points/new/", office_views.point_new, name="point_new"),
    path("points/<int:point_id>/edit/", office_views.point_edit, name="point_edit"),
    path("points/<int:point_id>/publish/", office_views.point_publish, name="point_publish"),
    path("points/<int:point_id>/tasks/new/", office_views.task_new, name="task_new"),
    path("tasks/<int:task_id>/edit/", office_views.task_edit, name="task_edit"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/<int:plan_id>/submit/", plan_views.plan_submit, name="plan_submit"),
    path("plans/<int:plan_id>/review/", plan_views.plan_review, name="plan_review"),
    # After submit/ and review/: a unit slug could otherwise be read as those words.
    path("plans/<int:year>/<slug:unit_slug>/", plan_views.plan_edit, name="plan_edit"),
    path("notices/<int:notice_id>/read/", plan_views.notice_read, name="notice_read"),
    path("notices/read/", plan_views.notices_read_all, name="notices_read_all"),
]
