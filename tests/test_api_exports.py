"""Exports over /api/: every export for every role; a download holds exactly the rows the
member's pages show, and is the same workbook the page's export button gives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from cast import MEMBERS, make_cast
from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.api.messages import SIGN_IN_REQUIRED
from hzdigital.lib.xlsx import export_sheet_rows
from hzdigital.projects import services as project_services
from hzdigital.supervision import selectors
from hzdigital.supervision.excel_views import XLSX
from supervision_world import World, make_world

TODAY = date(2024, 5, 20)


@pytest.fixture
def world(db, hzdigital_home, monkeypatch) -> World:
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    world = make_world(make_cast())
    for code, name in (("330108", "滨江物联网产业园"), ("330127", "千岛湖数据中心")):
        project_services.project_create(
            by=world.cast.city_officer, name_zh=name, district_code=code, nbs_category="0101",
            investor="某公司", total_investment_wan_yuan=Decimal(1000),
        )  # fmt: skip
    return world


def _client(world: World, member: str) -> Client:
    client = Client()
    user = world.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


EVERYONE = set(MEMBERS)
TASK_READERS = {
    "city_officer", "auditor", "binjiang_officer", "chunan_officer", "department_officer",
    "enterprise_user",
}  # fmt: skip
PROJECT_READERS = {"city_officer", "auditor", "binjiang_officer", "chunan_officer"}

# export → (url, members who get the workbook)
EXPORTS = {
    "work points": ("/api/exports/work-points.xlsx", EVERYONE),
    "tasks": ("/api/exports/tasks.xlsx", TASK_READERS),
    "reports": ("/api/exports/reports.xlsx", TASK_READERS),
    "projects": ("/api/exports/projects.xlsx", PROJECT_READERS),
    "balances": ("/api/exports/balances.xlsx?year=2024", PROJECT_READERS),
    "tech list": ("/api/exports/techlist.xlsx", EVERYONE),
}


@pytest.mark.parametrize(("export", "member"), [(e, m) for e in EXPORTS for m in MEMBERS])
def test_each_role_downloads_exactly_the_exports_the_table_says(world, export, member) -> None:
    url, allowed = EXPORTS[export]
    response = _client(world, member).get(url)
    if member in allowed:
        assert response.status_code == 200 and response["Content-Type"] == XLSX
        assert "attachment" in response["Content-Disposition"]
    elif member == "anonymous":
        assert response.status_code == 401 and response.json()["detail"] == SIGN_IN_REQUIRED
    else:
        assert response.status_code == 403 and response.json()["detail"] == NOT_ALLOWED


PROJECTS_SEEN = {
    "city_officer": {"滨江物联网产业园", "千岛湖数据中心"},
    "auditor": {"滨江物联网产业园", "千岛湖数据中心"},
    "binjiang_officer": {"滨江物联网产业园"},
    "chunan_officer": {"千岛湖数据中心"},
}


@pytest.mark.parametrize("member", sorted(PROJECTS_SEEN))
def test_a_project_export_holds_only_the_members_districts(world, member) -> None:
    response = _client(world, member).get("/api/exports/projects.xlsx")
    _, rows = export_sheet_rows(response.content, "重大项目")
    assert {row[0] for row in rows} == PROJECTS_SEEN[member]
    # The page's export button gives the same rows.
    page = _client(world, member).get("/projects/excel/projects.xlsx")
    assert export_sheet_rows(page.content, "重大项目")[1] == rows


@pytest.mark.parametrize(
    ("member", "tasks"),
    [("chunan_officer", {"建设千岛湖数据中心"}), ("enterprise_user", set())],
)
def test_a_task_export_holds_only_the_members_tasks(world, member, tasks) -> None:
    response = _client(world, member).get("/api/exports/tasks.xlsx")
    _, rows = export_sheet_rows(response.content, "任务进度")
    assert {row[1] for row in rows} == tasks


def test_a_year_outside_the_range_is_refused(world) -> None:
    response = _client(world, "city_officer").get("/api/exports/balances.xlsx?year=1900")
    assert response.status_code == 422
