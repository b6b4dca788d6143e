"""In a real browser: the enterprise user opens its portal, reads why it qualifies for one
policy (every condition with its value and result), sees that another one needs documents
because a fact is unknown, applies for it, and finds the application listed."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from cast import make_cast
from chromium_support import TEST_PASSWORD, sign_in
from hzdigital.support.models import Application, Policy
from support_world import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings, hzdigital_home):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = make_world(make_cast())
    talent = Policy(
        code="talent-startup", title_zh="人才创业扶持(测试)", issuer=world.cast.department,
        published_on=date(2024, 1, 1), valid_from=date(2024, 1, 1), text_zh="测试",
        conditions=[{"attribute": "talent_founded", "operator": "is_true"},
                    {"attribute": "employees", "operator": "le", "value": 300, "unit": "人"}],
        documents=[{"name_zh": "创始人人才认定证明", "name_en": "founder's talent certification"}],
    )  # fmt: skip
    talent.full_clean()
    talent.save()
    world.cast.enterprise_user.set_password(TEST_PASSWORD)
    world.cast.enterprise_user.save()
    return world


def test_the_enterprise_user_sees_each_condition_and_applies_where_data_is_missing(
    page: Page, live_server, world, screenshot
) -> None:
    sign_in(page, live_server.url, "enterprise", then="/support/portal/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("（合成）测试科技")

    granted = page.get_by_test_id("match-rd-reward")
    expect(granted).to_have_attribute("data-status", "eligible")
    expect(granted).to_contain_text("免申即享")
    rows = granted.get_by_role("row")
    expect(rows.filter(has_text="营业收入 ≥ 1000 万元")).to_contain_text("5,000.00 万元")
    expect(rows.filter(has_text="营业收入 ≥ 1000 万元")).to_contain_text("满足")
    expect(rows.filter(has_text="高新技术企业")).to_contain_text("满足")
    expect(granted.get_by_role("button", name="提交申请")).to_have_count(0)

    pending = page.get_by_test_id("match-talent-startup")
    expect(pending).to_have_attribute("data-status", "unknown")
    expect(pending).to_contain_text("创始人人才认定证明")
    expect(pending.get_by_role("row").filter(has_text="人才创办企业")).to_contain_text("无数据")
    screenshot(page, "support-portal")

    pending.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("status")).to_contain_text("申请已提交")
    expect(page.get_by_test_id("applications")).to_contain_text("人才创业扶持(测试)")
    assert Application.objects.get().match_status == "unknown"
