"""Major-project pages; mounted at /projects/ by hzdigital.urls."""

from django.urls import path

from hzdigital.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:project_id>/", views.project_detail, name="detail"),
    path("<int:project_id>/advance/", views.project_advance, name="advance"),
    path("blockers/<int:blocker_id>/escalate/", views.blocker_escalate, name="escalate"),
    path("balances/", views.balance_list, name="balances"),
]
