"""The site's URLs. Pages carry no language prefix: the language is the visitor's choice,
made with Django's ``set_language`` view (``/i18n/setlang/``) and kept in a cookie; zh-Hans
is the default. Other apps add their own ``include`` here, one line each.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("monitor/", include("hzdigital.dashboard.urls")),
    path("accounts/", include("hzdigital.accounts.urls")),
    path("supervision/excel/", include("hzdigital.supervision.excel_urls")),
    path("supervision/", include("hzdigital.supervision.urls")),
    path("projects/excel/", include("hzdigital.projects.excel_urls")),
    path("projects/", include("hzdigital.projects.urls")),
    path("techlist/", include("hzdigital.techlist.urls")),
    path("api/", include("hzdigital.api.urls")),
    path("reports/", include("hzdigital.reports.urls")),
    path("index/", include("hzdigital.index.urls")),
    path("benchmark/", include("hzdigital.benchmark.urls")),
    path("support/", include("hzdigital.support.urls")),
    path("talent/", include("hzdigital.talent.urls")),  # before plan: replaces its /talent/
    path("", include("hzdigital.plan.urls")),
]
