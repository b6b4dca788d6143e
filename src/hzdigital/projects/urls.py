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
    path("balances/quota/", views.quota_set, name="quota_set"),
    path("<int:project_id>/investment/", views.investment_record, name="investment"),
    path("<int:project_id>/blockers/", views.blocker_raise, name="blocker_raise"),
    path("blockers/<int:blocker_id>/resolve/", views.blocker_resolve, name="resolve"),
    path("<int:project_id>/requests/", views.factor_request_create, name="request_create"),
    path("requests/<int:request_id>/decide/", views.factor_request_decide, name="decide"),
]
