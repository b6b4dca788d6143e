"""In a real browser: 滨江's officer clears the reminders in the header, writes and submits the
district's 实施方案; the office returns it with a reason, which the officer reads in English."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cast import make_cast
from chromium_support import TEST_PASSWORD, sign_in
from hzdigital.supervision import selectors
from hzdigital.supervision.models import ImplementationPlan, Notice
from hzdigital.supervision.reminders import send_reminders
from supervision_world import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = date(2024, 5, 20)  # 滨江's task is behind schedule that day: a reminder goes out
REASON = "请补充分季度的时间表"


@pytest.fixture
def world(settings, hzdigital_home: Path, monkeypatch: pytest.MonkeyPatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    world = make_world(make_cast())
    for user in (world.cast.binjiang_officer, world.cast.city_officer):
        user.set_password(TEST_PASSWORD)
        user.save()
    send_reminders(on=TODAY)
    return world


def _sign_in(page: Page, base: str, username: str) -> None:
    sign_in(page, base, username, then="/supervision/")
    expect(page.get_by_role("heading", name="我的任务", exact=False)).to_be_visible()


def test_a_district_submits_its_plan_and_reads_the_offices_reason_in_english(
    page: Page, live_server, world, screenshot
) -> None:
    base = live_server.url
    unread = Notice.objects.filter(recipient=world.cast.binjiang_officer, read_at=None).count()
    assert unread > 0

    # The header counts the reminders; marking all read clears the badge.
    _sign_in(page, base, "binjiang")
    expect(page.get_by_test_id("unread-notices")).to_contain_text(str(unread))
    screenshot(page, "supervision-workspace-notices")
    page.get_by_role("button", name="全部标为已读").click()
    expect(page.get_by_test_id("unread-notices")).to_have_count(0)

    # The district writes its plan, linked to the work point, and submits it.
    page.get_by_role("navigation", name="督查落实").get_by_role("link", name="实施方案").click()
    page.get_by_role("link", name="编写本单位实施方案").click()
    form = page.get_by_test_id("plan-form")
    form.get_by_role("button", name="保存草稿").click()
    expect(page.locator("[data-error-for='title_zh']")).to_have_text("这个字段是必填项。")
    form = page.get_by_test_id("plan-form")
    form.get_by_label("方案名称").fill("滨江区数字安防产业实施方案")
    form.get_by_label("主要内容").fill("分三步推进:招引、培育、认定。")
    form.get_by_role("checkbox", name=world.work_point.title_zh, exact=False).check()
    form.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("status")).to_contain_text("实施方案已保存为草稿")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_role("status")).to_contain_text("实施方案已提交")
    screenshot(page, "supervision-plan-submitted")
    page.get_by_role("button", name="退出").click()

    # The office returns it with a reason.
    _sign_in(page, base, "city")
    page.goto(f"{base}/supervision/plans/?year=2024")
    review = page.get_by_test_id("plan-review")
    review.get_by_label("退回理由").fill(REASON)
    review.get_by_role("button", name="退回").click()
    expect(page.get_by_role("status")).to_contain_text("已退回该实施方案")
    page.get_by_role("button", name="退出").click()

    # The officer switches to English and reads the state and the reason.
    _sign_in(page, base, "binjiang")
    page.get_by_role("button", name="English").click()
    page.goto(f"{base}/supervision/plans/?year=2024")
    expect(page.get_by_role("heading", name="Implementation plans", exact=False)).to_be_visible()
    expect(page.locator("[data-plan] .sv-state")).to_have_text("returned")
    expect(page.get_by_test_id("plan-return-reason")).to_have_text(REASON)
    screenshot(page, "supervision-plan-returned-en")
    plan = ImplementationPlan.objects.get()
    assert (plan.state, plan.return_reason) == ("returned", REASON)
