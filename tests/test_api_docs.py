"""The API's docs page works offline: everything it loads comes from this server."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from ninja import Schema

import hzdigital.api
from hzdigital.api.docs import DOCS_ASSETS, NINJA_STATIC

LINKED = re.compile(r'(?:src|href)="([^"]+)"')


def test_the_docs_page_loads_nothing_from_another_host(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    links = LINKED.findall(page)
    assert links, page
    assert all(link.startswith("/api/docs/assets/") for link in links), links
    assert "//" not in "".join(links)
    assert '"url": "/api/openapi.json"' in page


def test_every_file_the_docs_page_links_is_served(client, db):
    page = client.get("/api/docs").content.decode()
    for link in LINKED.findall(page):
        response = client.get(link)
        assert response.status_code == 200, link
        name = link.rsplit("/", 1)[1]
        assert b"".join(response.streaming_content) == (NINJA_STATIC / name).read_bytes()


@pytest.mark.parametrize("name", ["swagger-ui.css.map", "..%2Fsettings.py", "redoc.html"])
def test_files_outside_the_list_are_not_served(client, db, name):
    assert name not in DOCS_ASSETS
    assert client.get(f"/api/docs/assets/{name}").status_code == 404


def test_the_spec_lists_every_endpoint(client, db):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths == {
        "/api/plan",
        "/api/plan/units/{code}",
        "/api/classification/code/{code}",
        "/api/classification/text",
        "/api/monitor",
        "/api/targets",
        "/api/index",
        "/api/benchmark",
        "/api/tasks",
        "/api/tasks/{task_id}",
        "/api/tasks/{task_id}/reports",
        "/api/reports/{report_id}/review",
        "/api/work-points",
        "/api/work-points/{point_id}",
        "/api/work-points/{point_id}/publish",
        "/api/work-points/{point_id}/tasks",
        "/api/work-points/{point_id}/tasks/{task_id}",
        "/api/implementation-plans",
        "/api/implementation-plans/{plan_id}",
        "/api/implementation-plans/{year}/units/{unit_slug}",
        "/api/implementation-plans/{plan_id}/submit",
        "/api/implementation-plans/{plan_id}/review",
        "/api/notices",
        "/api/notices/{notice_id}/read",
        "/api/notices/read-all",
        "/api/talent/directions",
        "/api/talent/figures",
        "/api/talent/figures/submit",
        "/api/talent/figures/{figure_id}/review",
        "/api/talent/targets",
        "/api/support/policies",
        "/api/support/policies/{code}",
        "/api/support/policies/{code}/enterprises",
        "/api/support/policies/{code}/push",
        "/api/support/matches",
        "/api/support/enterprises/{uscc}/matches",
        "/api/support/applications",
        "/api/support/applications/{application_id}/decision",
        "/api/support/funds",
        "/api/support/ic-fund-dockings",
        "/api/projects",
        "/api/projects/{project_id}",
        "/api/projects/{project_id}/advance",
        "/api/projects/{project_id}/investment",
        "/api/projects/{project_id}/blockers",
        "/api/projects/{project_id}/factor-requests",
        "/api/blockers/{blocker_id}/escalate",
        "/api/blockers/{blocker_id}/resolve",
        "/api/factor-requests/{request_id}/decision",
        "/api/balances",
        "/api/techlist/editions",
        "/api/techlist/editions/{year}",
        "/api/techlist/editions/{year}/diff",
        "/api/techlist/items/{item_id}/trend",
        "/api/exports/work-points.xlsx",
        "/api/exports/tasks.xlsx",
        "/api/exports/reports.xlsx",
        "/api/exports/projects.xlsx",
        "/api/exports/balances.xlsx",
        "/api/exports/techlist.xlsx",
    }


def test_no_two_api_modules_name_a_schema_alike():
    # Two schema classes of one name share one component in the spec, and one silently
    # replaces the other there (the projects' milestones once showed supervision's fields).
    seen: dict[str, str] = {}
    clashes = []
    for info in pkgutil.iter_modules(hzdigital.api.__path__):
        module = importlib.import_module(f"hzdigital.api.{info.name}")
        for name, value in vars(module).items():
            if not (isinstance(value, type) and issubclass(value, Schema)):
                continue
            if value.__module__ != module.__name__:
                continue
            if name in seen:
                clashes.append((name, seen[name], module.__name__))
            seen[name] = module.__name__
    assert len(seen) > 50
    assert clashes == []
