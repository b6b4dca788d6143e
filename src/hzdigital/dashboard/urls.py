"""URLs of the monitoring pages, mounted at ``/monitor/`` by ``hzdigital.urls``.

The fixed words (structure, import, enterprises) come before ``<division>``, which would
otherwise take them for a division code.
"""

from django.urls import path

from hzdigital.dashboard import edition_views, import_views, views

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
    path("editions/", edition_views.edition_list, name="editions"),
    path("editions/publish/", edition_views.edition_publish, name="edition_publish"),
    path(
        "editions/<str:old>/<str:new>/", edition_views.edition_revisions, name="edition_revisions"
    ),
    path("<str:division>/", views.division, name="division"),
    path("<str:division>/<str:de_code>/", views.category, name="category"),
]
