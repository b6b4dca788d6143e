"""The API's URLs, for ``include("hzdigital.api.urls")`` at /api/ in ``hzdigital.urls``."""

from hzdigital.api import api

# ninja's api.urls is (patterns, app name, namespace); the namespace "api" is the app name here.
urlpatterns, _ninja_app_name, app_name = api.urls
