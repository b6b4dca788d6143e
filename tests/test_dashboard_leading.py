"""The leading-group dashboard's panels: projects by stage (counts and investment), factor usage
against each district's quota, overdue tasks; each with its source, and a demo label exactly
when demo projects are behind it. Figures are checked against sums computed here, by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from cast import make_cast
from hzdigital.projects import services
from hzdigital.projects.models import Stage
from hzdigital.supervision import selectors
from supervision_world import make_world

TODAY = date(2025, 2, 1)  # after every world task's deadline (2024-12-31): all are overdue
YEAR = TODAY.year

# (name, district, stages to move through, total investment 万元, completed 万元, demo)
PROJECTS = [
    ("滨江算力中心", "330108", [Stage.SIGNED, Stage.STARTED], "12000", "3000", False),
    ("滨江智能工厂", "330108", [Stage.SIGNED, Stage.STARTED], "8000.5", "0", False),
    ("淳安数据中心", "330127", [], "5000", "0", True),
    ("淳安文旅平台", "330127", [Stage.SIGNED], "1500", "750.25", False),
]


@pytest.fixture
def world(db, hzdigital_home: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    cast = make_cast()
    make_world(cast)
    office = cast.city_officer
    projects = {}
    for name, district, stages, total, completed, demo in PROJECTS:
        project = services.project_create(
            by=office, name_zh=name, district_code=district, nbs_category="0304",
            investor="某公司", total_investment_wan_yuan=Decimal(total), is_demo=demo,
        )  # fmt: skip
        for stage in stages:
            services.project_advance(by=office, project=project, to=stage)
        services.investment_record(
            by=office, project=project, year=YEAR, planned_wan_yuan=Decimal(total),
            completed_wan_yuan=Decimal(completed),
        )  # fmt: skip
        projects[name] = project
    services.quota_set(by=office, district_code="330108", year=YEAR, factor="land", amount=Decimal("80"))  # fmt: skip
    approved = services.factor_request_create(by=office, project=projects["滨江算力中心"], year=YEAR, factor="land", requested=Decimal("30"))  # fmt: skip
    services.factor_request_decide(by=office, request=approved, approved=Decimal("20"))
    services.factor_request_create(by=office, project=projects["滨江智能工厂"], year=YEAR, factor="land", requested=Decimal("15"))  # fmt: skip
    return cast


def _page(user, language: str = "zh-hans"):
    client = Client()
    client.force_login(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("supervision:dashboard"))


def _expected_by_stage() -> dict[str, tuple[int, Decimal, Decimal]]:
    expected: dict[str, tuple[int, Decimal, Decimal]] = {
        s.value: (0, Decimal(0), Decimal(0)) for s in Stage
    }
    for _, _, stages, total, completed, _ in PROJECTS:
        stage = (stages[-1] if stages else Stage.PLANNING).value
        count, total_sum, completed_sum = expected[stage]
        expected[stage] = (
            count + 1,
            total_sum + Decimal(total),
            completed_sum + Decimal(completed),
        )
    return expected


def test_the_stage_panel_counts_projects_and_sums_investment_per_stage(world) -> None:
    panels = _page(world.city_officer).context["panels"]
    shown = {
        s.stage: (s.projects, s.total_investment_wan_yuan, s.completed_wan_yuan)
        for s in panels.stages
    }
    assert shown == _expected_by_stage()
    assert [s.stage for s in panels.stages] == [s.value for s in Stage]  # every stage, in order


def test_the_stage_chart_carries_investment_in_yi_yuan(world) -> None:
    response = _page(world.city_officer)
    html = response.content.decode()
    start = html.index('<script id="stage-chart" type="application/json">') + len(
        '<script id="stage-chart" type="application/json">'
    )
    chart = json.loads(html[start : html.index("</script>", start)])
    expected = _expected_by_stage()
    assert chart["projects"] == [expected[s.value][0] for s in Stage]
    for shown, stage in zip(chart["investment_yi_yuan"], Stage, strict=True):
        assert shown == pytest.approx(float(expected[stage.value][1]) / 10_000, abs=1e-9)
    assert chart["stages"][0] == "谋划"


def test_the_balance_panel_shows_usage_against_the_quota(world) -> None:
    panels = _page(world.city_officer).context["panels"]
    land = {(r.balance.district_code, r.balance.factor): r.balance for r in panels.balances}
    binjiang = land[("330108", "land")]
    assert (binjiang.quota, binjiang.approved, binjiang.pending) == (
        Decimal("80"),
        Decimal("20"),
        Decimal("15"),
    )
    assert binjiang.used_percent == Decimal("25.0")  # 20 of 80 亩
    # A factor with neither quota nor request is left out rather than shown as zeros.
    assert set(land) == {("330108", "land")}


def test_a_request_without_a_quota_shows_no_quota_rather_than_zero(world) -> None:
    from hzdigital.projects.models import MajorProject

    project = MajorProject.objects.get(name_zh="淳安文旅平台")
    services.factor_request_create(by=world.city_officer, project=project, year=YEAR, factor="funds", requested=Decimal("200"))  # fmt: skip
    response = _page(world.city_officer)
    funds = [r.balance for r in response.context["panels"].balances if r.balance.factor == "funds"]
    assert [(b.district_code, b.quota, b.pending) for b in funds] == [
        ("330127", None, Decimal("200"))
    ]
    assert "未设指标" in response.content.decode()


def test_each_panel_names_its_source(world) -> None:
    html = _page(world.city_officer).content.decode()
    assert "来源:本平台重大项目台账" in html
    assert "来源:本平台要素保障台账" in html
    assert "来源:本平台任务台账" in html


def test_the_stage_panel_is_labelled_demo_when_a_demo_project_is_counted(world) -> None:
    html = _page(world.city_officer).content.decode()
    assert 'data-testid="stage-demo"' in html
    # The land requests belong to real (non-demo) projects: that panel carries no demo label.
    assert 'data-testid="balance-demo"' not in html


def test_no_demo_label_without_demo_projects(world) -> None:
    from hzdigital.projects.models import MajorProject

    MajorProject.objects.filter(is_demo=True).delete()
    html = _page(world.city_officer).content.decode()
    assert 'data-testid="stage-demo"' not in html


def test_the_overdue_panel_lists_the_tasks_past_their_deadline(world) -> None:
    response = _page(world.city_officer)
    overdue = response.context["overdue"]
    assert {row.task.title_zh for row in overdue} == {
        "新增规上数字安防企业",
        "建设千岛湖数据中心",
        "出台产业政策",
    }
    assert "(3)" in response.content.decode()


def test_english_pages_name_the_stages_in_english(world) -> None:
    html = _page(world.city_officer, "en").content.decode()
    assert '"stages": ["planning", "signed"' in html


@pytest.mark.parametrize("member", ["binjiang_officer", "department_officer"])
def test_units_do_not_see_the_leading_group_dashboard(world, member) -> None:
    assert _page(getattr(world, member)).status_code == 403


@pytest.mark.parametrize(
    ("label", "language", "shown"),
    [
        ("谋划 planning", "zh-hans", "谋划"),
        ("在建 under construction", "en", "under construction"),
        ("用地 land (亩)", "zh-hans", "用地 (亩)"),  # the unit stays with the Chinese
        ("用能 energy-use quota (吨标准煤)", "en", "energy-use quota (吨标准煤)"),
    ],
)
def test_a_choice_label_shows_the_page_language_and_keeps_its_unit(label, language, shown) -> None:
    from django.utils import translation

    from hzdigital.supervision.leading_panels import choice_label

    with translation.override(language):
        assert choice_label(label) == shown
