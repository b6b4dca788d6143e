"""The API docs page in Debian's Chromium with the network closed: Swagger UI draws the
endpoints, and every request the page makes goes to this server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT_MS = 30_000  # Swagger UI's bundle is 1.5 MB of JavaScript; generous on 2 busy cores


def test_the_docs_page_draws_the_endpoints_from_local_files_only(page, live_server):
    origin = urlsplit(live_server.url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "hzdigital API", timeout=TIMEOUT_MS
    )
    expect(page.locator(".opblock-summary-path", has_text="/api/monitor").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/tasks").first).to_be_visible()
    hosts = {urlsplit(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts == {origin}, requested
    assert any(url.endswith("/api/openapi.json") for url in requested)
