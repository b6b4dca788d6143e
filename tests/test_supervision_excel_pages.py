"""The Excel pages of supervision: who downloads and uploads the template, and exports that
hold exactly the rows the user's pages show, with a source line and demo rows labelled."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from cast import MEMBERS, make_cast
from hzdigital.lib.xlsx import export_sheet_rows
from hzdigital.supervision import selectors
from hzdigital.supervision.excel_views import XLSX
from hzdigital.supervision.models import Task, WorkPoint
from supervision_world import World, make_world
from test_supervision_excel import POINT, TASK, _with, filled

TODAY = date(2024, 5, 20)


@pytest.fixture
def world(db, hzdigital_home, monkeypatch) -> World:
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    return make_world(make_cast())


def _client(world: World, member: str) -> Client:
    client = Client()
    user = world.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


def _expect(response, allowed: bool, member: str) -> None:
    if allowed:
        assert response.status_code == 200
    elif member == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("member", MEMBERS)
def test_only_the_office_downloads_the_template(world: World, member) -> None:
    response = _client(world, member).get("/supervision/excel/template/")
    _expect(response, member == "city_officer", member)
    if member == "city_officer":
        assert response["Content-Type"] == XLSX
        assert "attachment" in response["Content-Disposition"]
        assert "说明" in load_workbook(io.BytesIO(response.content)).sheetnames


@pytest.mark.parametrize("member", MEMBERS)
def test_only_the_office_may_post_an_upload(world: World, member) -> None:
    upload = io.BytesIO(filled())
    upload.name = "要点.xlsx"
    points = WorkPoint.objects.count()
    response = _client(world, member).post("/supervision/excel/upload/", {"file": upload})
    if member == "city_officer":
        assert response.status_code == 302 and response["Location"] == "/supervision/points/"
        assert WorkPoint.objects.count() == points + 1
    else:
        _expect(response, False, member)
        assert WorkPoint.objects.count() == points


def test_a_refused_upload_lists_each_error_and_offers_the_workbook_back(world: World) -> None:
    upload = io.BytesIO(filled(points=[POINT], tasks=[_with(TASK, 8, "年底")]))
    upload.name = "要点.xlsx"
    response = _client(world, "city_officer").post("/supervision/excel/upload/", {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        'data-testid="upload-errors"' in page and "截止日期" in page and "<code>date</code>" in page
    )
    assert 'data-testid="error-workbook"' in page
    assert not WorkPoint.objects.filter(year=2025).exists()


def test_a_file_that_is_not_xlsx_is_refused_before_reading(world: World) -> None:
    upload = io.BytesIO(b"a,b\n")
    upload.name = "要点.csv"
    response = _client(world, "city_officer").post("/supervision/excel/upload/", {"file": upload})
    assert response.status_code == 200 and ".xlsx" in response.content.decode()
    assert WorkPoint.objects.count() == 1


# Which tasks each member's export holds (by lead unit): the workspace's rows.
EXPORTED_TASKS = {
    "city_officer": {"滨江区人民政府", "淳安县人民政府", "市经信局"},
    "auditor": {"滨江区人民政府", "淳安县人民政府", "市经信局"},
    "binjiang_officer": {"滨江区人民政府"},
    "chunan_officer": {"淳安县人民政府"},
    "department_officer": {"滨江区人民政府", "市经信局"},  # co-unit of 滨江's task
    "enterprise_user": set(),
}


@pytest.mark.parametrize("member", MEMBERS)
def test_a_task_export_holds_only_what_the_member_may_see(world: World, member) -> None:
    response = _client(world, member).get("/supervision/excel/tasks.xlsx")
    _expect(response, member in EXPORTED_TASKS, member)
    if member not in EXPORTED_TASKS:
        return
    headers, rows = export_sheet_rows(response.content, "任务进度")
    lead = headers.index("牵头单位")
    assert {row[lead] for row in rows} == EXPORTED_TASKS[member]
    # The status is the one the workspace computes today.
    status = headers.index("状态")
    tasks = {t.title_zh: t for t in Task.objects.all()}
    for row in rows:
        (expected,) = selectors.task_rows([tasks[row[1]]], on=TODAY)
        assert row[status] == f"{expected.label_zh} {expected.label_en}"


@pytest.mark.parametrize("member", ["binjiang_officer", "chunan_officer", "city_officer"])
def test_a_report_export_holds_only_reports_of_visible_tasks(world: World, member) -> None:
    response = _client(world, member).get("/supervision/excel/reports.xlsx")
    headers, rows = export_sheet_rows(response.content, "进度报告")
    expected = [] if member == "chunan_officer" else [("新增规上数字安防企业", "2024Q1", 20.0)]
    assert [(r[0], r[2], r[3]) for r in rows] == expected


def test_the_public_exports_published_work_points_only_with_demo_rows_labelled(world) -> None:
    office = world.cast.city_officer
    from hzdigital.supervision.services import work_point_create

    work_point_create(by=office, year=2024, ident="2", title_zh="公开要点", published=True)
    work_point_create(
        by=office, year=2024, ident="3", title_zh="演示要点", published=True, is_demo=True
    )
    response = Client().get("/supervision/excel/work-points.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["工作要点"]
    assert "来源" in sheet["A2"].value and "截至" in sheet["A2"].value
    assert "1 行为演示数据" in sheet["A2"].value
    headers, rows = export_sheet_rows(response.content, "工作要点")
    titles = {row[headers.index("工作要点")]: row[headers.index("演示数据")] for row in rows}
    assert titles == {"公开要点": None, "演示要点": "演示 demo"}
