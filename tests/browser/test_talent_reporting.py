"""In a real browser: 滨江's officer fills in the year's talent figures and submits them; the
office accepts them; the programme page then draws 滨江 on the map and the figures in its table.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cast import make_cast
from chromium_support import TEST_PASSWORD, sign_in
from hzdigital.plan.services import plan_load
from hzdigital.talent.models import Review, TalentFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POSTDOCS = "v__postdoc-doubling__postdocs"
STATIONS = "v__postdoc-stations__postdoc_stations"


@pytest.fixture
def cast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan_load()
    cast = make_cast()
    for user in (cast.binjiang_officer, cast.city_officer):
        user.set_password(TEST_PASSWORD)
        user.save()
    return cast


def test_a_district_officer_reports_figures_and_the_office_accepts_them(
    page: Page, live_server, cast, screenshot
) -> None:
    # 滨江's officer opens the form for 2024, saves one figure as a draft, then adds another
    # and submits both.
    sign_in(page, live_server.url, "binjiang", then="/talent/report/?year=2024")
    expect(page.get_by_test_id("unit")).to_have_text("滨江区人民政府")
    form = page.get_by_test_id("report-form")
    form.locator(f"input[name='{POSTDOCS}']").fill("186")
    form.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("status")).to_contain_text("已保存草稿")
    assert TalentFigure.objects.get().review == Review.DRAFT
    form.locator(f"input[name='{STATIONS}']").fill("41")
    form.get_by_role("button", name="保存并提交审核").click()
    expect(page.get_by_role("status")).to_contain_text("已提交 2 项数据")
    expect(form.get_by_test_id("locked")).to_have_count(2)  # submitted figures are read-only
    screenshot(page, "talent-report")
    page.context.clear_cookies()  # sign out

    # The office accepts 滨江's 2024 batch.
    sign_in(page, live_server.url, "city", then="/talent/review/")
    batch = page.get_by_test_id("batch-district-330108-2024")
    expect(batch).to_contain_text("186")
    screenshot(page, "talent-review")
    batch.get_by_role("button", name="采纳").click()
    expect(page.get_by_role("status")).to_contain_text("已采纳 2 项数据")
    expect(page.get_by_test_id("nothing-to-review")).to_be_visible()
    assert set(TalentFigure.objects.values_list("review", flat=True)) == {Review.ACCEPTED}

    # Everyone now sees 滨江's figure on the programme page's map and table.
    page.goto(f"{live_server.url}/talent/programmes/postdoc-stations/?year=2024")
    expect(page.get_by_test_id("talent-map")).to_have_attribute("data-ready", "1")
    row = page.get_by_test_id("district-figures").locator("tr[data-code='330108']")
    expect(row).to_contain_text("41")
    screenshot(page, "talent-programme")
