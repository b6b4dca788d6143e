"""The Excel pages of major projects and the tech list: template and upload rights, and exports
holding exactly the rows the user's pages show (a district officer never gets another
district's projects or balances), with a source line and demo rows labelled."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from cast import MEMBERS, make_cast
from hzdigital.lib.xlsx import export_sheet_rows
from hzdigital.projects import services
from hzdigital.projects.models import MajorProject
from hzdigital.techlist import services as techlist
from test_projects_excel import filled

YEAR = 2025


@pytest.fixture
def cast(db, hzdigital_home):
    cast = make_cast()
    office = cast.city_officer
    for code, name, stage, demo in (
        ("330108", "滨江云计算中心", "signed", False),
        ("330108", "滨江演示项目", "building", True),
        ("330127", "千岛湖数据中心", "started", False),
    ):
        project = services.project_create(
            by=office, name_zh=name, district_code=code, nbs_category="0101",
            investor="某公司", total_investment_wan_yuan=Decimal(1000), stage=stage, is_demo=demo,
        )  # fmt: skip
        services.investment_record(
            by=office, project=project, year=YEAR, planned_wan_yuan=Decimal(400),
            completed_wan_yuan=Decimal(100),
        )  # fmt: skip
    for code in ("330108", "330127"):
        services.quota_set(by=office, district_code=code, year=YEAR, factor="land", amount=100)
    request = services.factor_request_create(
        by=office, project=MajorProject.objects.get(name_zh="千岛湖数据中心"), year=YEAR,
        factor="land", requested=Decimal(30),
    )  # fmt: skip
    services.factor_request_decide(by=office, request=request, approved=Decimal(20))
    return cast


def _client(cast, member: str) -> Client:
    client = Client()
    user = cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


SEES_PROJECTS = {"city_officer", "auditor", "binjiang_officer", "chunan_officer"}
UPLOADS = {"city_officer", "binjiang_officer", "chunan_officer"}
EXPORTED = {
    "city_officer": {"滨江云计算中心", "滨江演示项目", "千岛湖数据中心"},
    "auditor": {"滨江云计算中心", "滨江演示项目", "千岛湖数据中心"},
    "binjiang_officer": {"滨江云计算中心", "滨江演示项目"},
    "chunan_officer": {"千岛湖数据中心"},
}


def _refused(response, member: str) -> bool:
    if member == "anonymous":
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("member", MEMBERS)
def test_template_and_upload_are_for_those_who_write_projects(cast, member) -> None:
    client = _client(cast, member)
    template = client.get("/projects/excel/template/")
    upload = io.BytesIO(filled(investments=[]))
    upload.name = "p.xlsx"
    before = MajorProject.objects.count()
    posted = client.post("/projects/excel/upload/", {"file": upload})
    if member not in UPLOADS:
        assert _refused(template, member) and _refused(posted, member)
        assert MajorProject.objects.count() == before
        return
    assert template.status_code == 200
    if member == "chunan_officer":  # the file holds a 滨江 project: refused, row by row
        assert posted.status_code == 200 and "<code>permission</code>" in posted.content.decode()
        assert MajorProject.objects.count() == before
    else:
        assert posted.status_code == 302 and posted["Location"] == "/projects/"
        assert MajorProject.objects.count() == before + 1


@pytest.mark.parametrize("member", MEMBERS)
def test_a_project_export_holds_only_the_members_districts(cast, member) -> None:
    response = _client(cast, member).get("/projects/excel/projects.xlsx")
    if member not in SEES_PROJECTS:
        assert _refused(response, member)
        return
    headers, rows = export_sheet_rows(response.content, "重大项目")
    assert {row[0] for row in rows} == EXPORTED[member]
    demo = headers.index("演示数据")
    assert {row[0] for row in rows if row[demo]} == EXPORTED[member] & {"滨江演示项目"}


def test_the_project_export_applies_the_pages_filters_and_computes_completion(cast) -> None:
    client = _client(cast, "city_officer")
    response = client.get("/projects/excel/projects.xlsx?district=330108&stage=signed")
    headers, rows = export_sheet_rows(response.content, "重大项目")
    (row,) = rows
    assert row[0] == "滨江云计算中心" and row[headers.index("区县")] == "滨江区"
    # 100 of 1000 万元 completed: 10 %.
    assert row[headers.index("投资完成率(%)")] == pytest.approx(100 / 1000 * 100)
    sheet = load_workbook(io.BytesIO(response.content))["重大项目"]
    assert sheet["A2"].value.startswith("来源") and "截至" in sheet["A2"].value


@pytest.mark.parametrize(
    ("member", "districts"),
    [
        ("city_officer", {"滨江区", "淳安县"}),
        ("binjiang_officer", {"滨江区"}),
        ("chunan_officer", {"淳安县"}),
    ],
)
def test_a_balance_export_holds_only_the_members_districts(cast, member, districts) -> None:
    response = _client(cast, member).get(f"/projects/excel/balances.xlsx?year={YEAR}")
    headers, rows = export_sheet_rows(response.content, f"要素保障{YEAR}")
    assert {row[0] for row in rows} == districts
    land = {row[0]: row for row in rows if row[headers.index("单位")] == "亩"}
    if "淳安县" in districts:
        chunan = land["淳安县"]
        assert chunan[headers.index("已批准")] == 20 and chunan[headers.index("剩余")] == 80


def test_the_public_exports_only_published_tech_lists(cast) -> None:
    office = cast.city_officer
    published = techlist.edition_create(by=office, year=2024, title_zh="2024 清单", published=True)
    draft = techlist.edition_create(by=office, year=2025, title_zh="2025 清单", is_demo=True)
    for edition, key in ((published, "ai-chip"), (draft, "quantum")):
        techlist.item_add(
            by=office, edition=edition, key=key, technology_zh=key, domain_zh="芯片", lead_zh="某所"
        )
    public = export_sheet_rows(Client().get("/techlist/items.xlsx").content, "攻关清单")[1]
    assert [(row[0], row[1]) for row in public] == [(2024, "ai-chip")]
    response = _client(cast, "binjiang_officer").get("/techlist/items.xlsx")
    headers, rows = export_sheet_rows(response.content, "攻关清单")
    assert [(row[0], row[1], row[headers.index("演示数据")]) for row in rows] == [
        (2025, "quantum", "演示 demo"),
        (2024, "ai-chip", None),
    ]
    one_year = _client(cast, "city_officer").get("/techlist/items.xlsx?year=2024")
    assert [row[1] for row in export_sheet_rows(one_year.content, "攻关清单2024")[1]] == ["ai-chip"]


def test_a_refused_upload_reads_in_english_for_an_english_reader(cast) -> None:
    client = _client(cast, "binjiang_officer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    upload = io.BytesIO(
        filled(
            projects=[[None, "滨江物联网产业园", "滨江区", "0101", "某公司", "", "很多", ""]],
            investments=[],
        )
    )
    upload.name = "p.xlsx"
    page = client.post("/projects/excel/upload/", {"file": upload}).content.decode()
    assert "Not imported: fix these errors and upload again" in page
    assert "&#x27;很多&#x27; is not a number" in page and "不是数字" not in page
