"""The API docs page (/api/docs) served entirely from this server: the network is closed.

django-ninja ships Swagger UI's files in its package, but it only renders its local template
when ``ninja`` is in INSTALLED_APPS; otherwise it writes a page that loads Swagger UI from a
CDN, which an offline government network cannot reach. Rather than make ninja an installed app
(and collectstatic part of every deployment), the page below links to ``/api/docs/assets/…``,
a route that reads the few files straight from ninja's package directory.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import escape
from ninja.openapi.docs import DocsBase

NINJA_STATIC = Path(ninja.__file__).parent / "static" / "ninja"
# Only these files are served: the page needs nothing else.
DOCS_ASSETS = frozenset(
    {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.svg", "favicon.png"}
)
ASSETS_ROUTE = "/docs/assets/{name}"

PAGE = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="{assets}swagger-ui.css">
<link rel="icon" href="{assets}favicon.svg" type="image/svg+xml">
<title>{title}</title>
</head>
<body data-csrf-token="{csrf}" data-api-csrf="true">
<script type="application/json" id="swagger-settings">{settings}</script>
<div id="swagger-ui"></div>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="{assets}swagger-ui-init.js"></script>
</body>
</html>
"""


class OfflineSwagger(DocsBase):
    """Swagger UI from local files; writes from the page carry the session's CSRF token."""

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        openapi_url = self.get_openapi_url(api, kwargs)
        settings = {"url": openapi_url, "layout": "BaseLayout", "deepLinking": True}
        # The asset route's URL with a placeholder name, cut back to its folder.
        asset_url = reverse(f"{api.urls_namespace}:docs_asset", kwargs={"name": "x"})[:-1]
        # "</" cannot close the script element early once escaped this way.
        settings_json = json.dumps(settings).replace("</", "<\\/")
        page = PAGE.format(
            assets=escape(asset_url),
            title=escape(api.title),
            csrf=escape(get_token(request)),
            settings=settings_json,
        )
        return HttpResponse(page)


def docs_asset(name: str) -> FileResponse:
    """One of Swagger UI's files from ninja's package; anything else is 404."""
    if name not in DOCS_ASSETS:
        raise Http404(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse((NINJA_STATIC / name).open("rb"), content_type=content_type)
