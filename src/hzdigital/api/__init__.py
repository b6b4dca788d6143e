"""The django-ninja API at /api/: spec at /api/openapi.json, docs at /api/docs (offline).

Reads of the plan, the classification and the monitoring are open to everyone (anonymous =
the public); supervision needs a signed-in session, like its pages, and the same access
helpers decide. Errors are JSON ``{"detail": "中文 / English"}``:

- 401 not signed in, 403 the role may not (``accounts.access.NOT_ALLOWED``),
- 404 no such object, 400 bad input (with ``errors`` per field where there are fields),
- 503 reference data not loaded yet (the plan, a damaged classification edition).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.api import benchmark as benchmark_api
from hzdigital.api import exports as exports_api
from hzdigital.api import index, reads, supervision, supervision_writes
from hzdigital.api import projects as projects_api
from hzdigital.api import support as support_api
from hzdigital.api import talent as talent_api
from hzdigital.api import techlist as techlist_api
from hzdigital.api.docs import ASSETS_ROUTE, OfflineSwagger, docs_asset
from hzdigital.api.messages import NOT_FOUND, SIGN_IN_REQUIRED
from hzdigital.middleware import RETRY_AFTER_SECONDS
from hzdigital.warehouse.errors import WarehouseBusy
from hzdigital.warehouse.messages import WAREHOUSE_BUSY_WEB

api = NinjaAPI(
    title="hzdigital API",
    version="1",
    description="杭州市数字经济“十四五”规划 as data: plan, classification, monitoring, supervision.",
    urls_namespace="api",
    docs=OfflineSwagger(),
)
api.add_router("", reads.router)
api.add_router("", benchmark_api.router)
api.add_router("", supervision.router)
api.add_router("", projects_api.router)
api.add_router("", techlist_api.router)
api.add_router("", exports_api.router)
api.add_router("", index.router)
api.add_router("", support_api.router)
api.add_router("", talent_api.router)
api.add_router("", supervision_writes.router)


@api.get(ASSETS_ROUTE, include_in_schema=False, url_name="docs_asset")
def _docs_asset(request: HttpRequest, name: str):
    return docs_asset(name)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(error) or NOT_ALLOWED}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    # get_object_or_404's message names the model in English only; ours is bilingual.
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


@api.exception_handler(WarehouseBusy)
def _warehouse_busy(request: HttpRequest, error: WarehouseBusy) -> HttpResponse:
    detail = WAREHOUSE_BUSY_WEB.render(**error.values)
    response = api.create_response(request, {"detail": detail}, status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": SIGN_IN_REQUIRED}, status=401)


__all__ = ["api"]
