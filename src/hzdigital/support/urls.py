"""Enterprise-support pages; mounted at /support/ by hzdigital.urls."""

from django.urls import path

from hzdigital.support import views

app_name = "support"

urlpatterns = [
    path("", views.policy_list, name="policies"),
    path("policies/<slug:code>/", views.policy_detail, name="policy"),
    path("policies/<slug:code>/push/", views.policy_push, name="push"),
    path("portal/", views.portal, name="portal"),
    path("portal/apply/<slug:code>/", views.portal_apply, name="apply"),
    path("enterprises/<str:uscc>/", views.enterprise_matches, name="enterprise"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:application_id>/decide/", views.application_decide, name="decide"),
    path("funds/", views.fund_list, name="funds"),
]
