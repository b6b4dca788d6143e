"""In a real browser: the office creates a work point and a task for 滨江 (first with a deadline
before the start, which the form refuses on that field), and 滨江's officer finds the task in
the workspace. Screenshots of each form and of the leading-group dashboard's panels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cast import make_cast
from chromium_support import TEST_PASSWORD, sign_in
from hzdigital.projects import services as project_services
from hzdigital.projects.models import Stage
from hzdigital.supervision import selectors
from hzdigital.supervision.models import Task, WorkPoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = date(2024, 5, 20)
TITLE = "打造城市大脑数字底座"
TASK = "建成区级数据共享平台"


@pytest.fixture
def cast(settings, hzdigital_home: Path, monkeypatch: pytest.MonkeyPatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    cast = make_cast()
    for user in (cast.binjiang_officer, cast.city_officer):
        user.set_password(TEST_PASSWORD)
        user.save()
    office = cast.city_officer
    # A few projects, so the dashboard's project panels have something to draw.
    for name, district, stages, total in [
        ("滨江算力中心", "330108", [Stage.SIGNED, Stage.STARTED], "12000"),
        ("淳安数据中心", "330127", [Stage.SIGNED], "5000"),
        ("滨江智能工厂", "330108", [], "3000"),
    ]:
        project = project_services.project_create(
            by=office, name_zh=name, district_code=district, nbs_category="0304",
            investor="某公司", total_investment_wan_yuan=Decimal(total), is_demo=True,
        )  # fmt: skip
        for stage in stages:
            project_services.project_advance(by=office, project=project, to=stage)
        project_services.investment_record(
            by=office, project=project, year=2024, planned_wan_yuan=Decimal(total),
            completed_wan_yuan=Decimal(total) / 4,
        )  # fmt: skip
        project_services.quota_set(by=office, district_code=district, year=2024, factor="land", amount=Decimal("60"))  # fmt: skip
        request = project_services.factor_request_create(by=office, project=project, year=2024, factor="land", requested=Decimal("20"))  # fmt: skip
        project_services.factor_request_decide(by=office, request=request, approved=Decimal("15"))
    return cast


def _sign_in(page: Page, base: str, username: str) -> None:
    sign_in(page, base, username, then="/supervision/")
    expect(page.get_by_role("heading", name="我的任务", exact=False)).to_be_visible()


def test_the_office_creates_a_work_point_with_a_task_and_the_district_sees_it(
    page: Page, live_server, cast, screenshot
) -> None:
    base = live_server.url
    _sign_in(page, base, "city")

    # The office writes the work point.
    page.goto(f"{base}/supervision/points/")
    page.get_by_role("link", name="新建工作要点").click()
    form = page.get_by_test_id("point-form")
    form.get_by_label("编号").fill("5")
    form.get_by_label("标题(中文)").fill(TITLE)
    form.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("工作要点已保存")
    screenshot(page, "supervision-point-form")

    # …and its task, first with a deadline before the start.
    page.get_by_role("link", name="添加任务").click()
    form = page.get_by_test_id("task-form")
    form.get_by_label("任务名称").fill(TASK)
    form.get_by_label("牵头单位").select_option(label="滨江区人民政府")
    form.get_by_role("checkbox", name="市经信局").check()
    form.get_by_label("开始日期").fill("2024-03-01")
    form.get_by_label("截止日期").fill("2024-02-01")
    form.get_by_label("目标值").fill("1")
    form.get_by_label("目标单位").fill("个")
    form.get_by_label("年度 1").fill("2024")
    form.get_by_label("季度 1").select_option("2")
    form.get_by_label("里程碑 1").fill("完成平台招标")
    form.get_by_label("应达进度(%) 1").fill("40")
    form.get_by_role("button", name="保存任务").click()
    deadline_error = page.locator("[data-error-for='deadline']")
    expect(deadline_error).to_have_text("截止日期早于开始日期")
    screenshot(page, "supervision-task-form-error")
    page.get_by_test_id("task-form").get_by_label("截止日期").fill("2024-12-31")
    page.get_by_test_id("task-form").get_by_role("button", name="保存任务").click()
    expect(page.get_by_role("status")).to_contain_text("任务已保存")
    expect(page.get_by_test_id("point-tasks")).to_contain_text(TASK)
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_test_id("published")).to_have_text("已发布")
    screenshot(page, "supervision-point-with-task")

    page.goto(f"{base}/supervision/dashboard/")
    for chart in page.locator("[data-sv-stages], [data-sv-balance]").all():
        expect(chart).to_have_attribute("data-ready", "1")
    screenshot(page, "supervision-leading-dashboard")
    page.get_by_role("button", name="退出").click()

    # 滨江's officer finds the task in the workspace, with its milestone and co-unit.
    _sign_in(page, base, "binjiang")
    row = page.get_by_test_id("my-tasks").get_by_role("row").filter(has_text=TASK)
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", name=TASK)).to_be_visible()
    expect(page.locator("main")).to_contain_text("完成平台招标")
    expect(page.locator("main")).to_contain_text("市经信局")
    screenshot(page, "supervision-district-sees-task")

    task = Task.objects.get(title_zh=TASK)
    assert task.lead_unit == cast.binjiang and task.deadline == date(2024, 12, 31)
    assert WorkPoint.objects.get(title_zh=TITLE).published is True


def test_the_district_requests_land_and_the_office_approves_within_the_quota(
    page: Page, live_server, cast, screenshot
) -> None:
    """滨江 asks for 50 亩; the office tries to approve all of it (beyond the 30 亩 left of
    滨江's 60 亩 quota after two approvals of 15, the form says so on the amount), then
    approves 25."""
    from hzdigital.projects.models import FactorRequest, MajorProject

    base = live_server.url
    project = MajorProject.objects.get(name_zh="滨江算力中心")
    _sign_in(page, base, "binjiang")
    page.goto(f"{base}/projects/{project.pk}/")
    page.get_by_text("申请要素保障").click()
    form = page.get_by_test_id("request-form")
    form.get_by_label("年度").fill("2024")
    form.get_by_label("要素").select_option("land")
    form.get_by_label("申请量").fill("50")
    form.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("status")).to_contain_text("要素保障申请已提交")
    page.get_by_test_id("blocker-form").get_by_label("问题").fill("电力接入滞后")
    page.get_by_role("button", name="登记问题").click()
    expect(page.get_by_test_id("blockers")).to_contain_text("电力接入滞后")
    screenshot(page, "projects-district-forms")
    page.goto(f"{base}/supervision/")
    page.get_by_role("button", name="退出").click()

    _sign_in(page, base, "city")
    page.goto(f"{base}/projects/{project.pk}/")
    request = FactorRequest.objects.get(project=project, requested=50)
    row = page.locator(f"tr[data-request='{request.pk}']")
    row.get_by_label("批准量").fill("50")
    row.get_by_role("button", name="批准", exact=True).click()
    error = page.locator(f"tr[data-request='{request.pk}'] [data-error-for='approved']")
    expect(error).to_contain_text("批准后将超出区县年度指标(剩余 30.00)")
    screenshot(page, "projects-decide-error")
    row = page.locator(f"tr[data-request='{request.pk}']")
    row.get_by_label("批准量").fill("25")
    row.get_by_role("button", name="批准", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("审批结果已保存")
    request.refresh_from_db()
    assert (request.decision, request.approved) == ("approved", Decimal("25"))
