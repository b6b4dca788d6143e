"""URLs of the monitoring pages, mounted at ``/monitor/`` by ``hzdigital.urls``.

The fixed words (structure, import, enterprises) come before ``<division>``, which would
otherwise take them for a division code.
"""

from django.urls import path

from hzdigital.dashboard import import_views, views

app_name = "dashboard"

urlpatterns = [
    path("", views.monitor, name="monitor"),
    path("structure/", views.structure, name="structure"),
    path("import/", import_views.import_page, name="import"),
    path("import/jobs/<uuid:job_id>/", import_views.import_job, name="import_job"),
    path(
        "import/<str:import_id>/rejects.csv",
        import_views.quarantine_download,
        name="quarantine",
    ),
    path("enterprises/", views.enterprise_search, name="enterprises"),
    path("<str:division>/", views.division, name="division"),
    path("<str:division>/<str:de_code>/", views.category, name="category"),
]
