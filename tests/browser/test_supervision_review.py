"""In a real browser: 滨江's officer reports progress with evidence, the office returns it with a
reason, and the officer sees the reason on the task page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cast import make_cast
from chromium_support import TEST_PASSWORD, sign_in
from hzdigital.supervision import selectors
from hzdigital.supervision.models import ProgressReport
from supervision_world import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = date(2024, 5, 20)  # a day of 2024Q2 (see test_supervision_pages.py)
REASON = "请附上新增企业名单"


@pytest.fixture
def world(settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    world = make_world(make_cast())
    for user in (world.cast.binjiang_officer, world.cast.city_officer):
        user.set_password(TEST_PASSWORD)
        user.save()
    return world


def _sign_in(page: Page, base: str, username: str) -> None:
    sign_in(page, base, username, then="/supervision/")
    expect(page.get_by_role("heading", name="我的任务", exact=False)).to_be_visible()


def test_a_district_officer_reports_and_the_office_returns_it(
    page: Page, live_server, world, tmp_path: Path, screenshot
) -> None:
    evidence = tmp_path / "新增企业.pdf"
    evidence.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n")

    # 滨江's officer finds the task behind schedule and reports.
    _sign_in(page, live_server.url, "binjiang")
    row = page.get_by_test_id("my-tasks").get_by_role("row").filter(has_text="新增规上数字安防企业")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "behind")
    row.get_by_role("link").click()
    form = page.get_by_test_id("report-form")
    form.get_by_label("报告期").select_option("2024Q2")
    form.get_by_label("完成进度").fill("45")
    form.get_by_label("进展情况").fill("新增 9 家,名单见附件")
    form.get_by_label("证明材料").set_input_files(str(evidence))
    form.get_by_role("button", name="提交报告").click()
    expect(page.get_by_role("status")).to_contain_text("进度报告已提交")
    expect(page.get_by_test_id("reports")).to_contain_text("新增企业.pdf")
    screenshot(page, "supervision-report")
    page.get_by_role("button", name="退出").click()

    # The office returns it with a reason.
    _sign_in(page, live_server.url, "city")
    page.goto(f"{live_server.url}/supervision/review/")
    report = ProgressReport.objects.get(period="2024Q2")
    pending = page.locator(f"tr[data-report='{report.pk}']")
    pending.get_by_label("退回理由").fill(REASON)
    pending.get_by_role("button", name="退回").click()
    expect(page.get_by_role("status")).to_contain_text("已退回该报告")
    expect(page.locator(f"tr[data-report='{report.pk}']")).to_have_count(0)
    screenshot(page, "supervision-review")
    page.get_by_role("button", name="退出").click()

    # 滨江's officer sees the reason and the history names both people.
    _sign_in(page, live_server.url, "binjiang")
    page.goto(f"{live_server.url}/supervision/tasks/{report.task_id}/")
    expect(page.get_by_test_id("return-reason")).to_have_text(REASON)
    review_history = page.get_by_test_id("history").filter(has_text="returned")
    expect(review_history).to_have_count(1)
    expect(review_history).to_contain_text("city")
    report.refresh_from_db()
    assert (report.review, report.return_reason) == ("returned", REASON)
