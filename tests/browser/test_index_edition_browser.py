"""The index pages under a published edition with demo talent figures, in Chromium: the banner
names the edition, the method page lists the talent indicator with its source, and the
notes say the talent figures are demo. Screenshots go to var/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard_warehouse import build_warehouse
from hzdigital.monitoring import editions
from hzdigital.plan.services import plan_load
from hzdigital.talent.demo_seed import seed_talent

TIMEOUT_MS = 60_000
YEAR = 2022


@pytest.fixture
def world(tmp_path, monkeypatch, transactional_db):
    monkeypatch.setenv("HZDIGITAL_HOME", str(tmp_path))
    build_warehouse(tmp_path)
    plan_load()
    seed_talent(seed=2021)
    return editions.publish_edition(by="test").edition


def test_the_index_names_its_edition_and_the_demo_talent_figures(
    page: Page, live_server, world, screenshot
):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/index/?year={YEAR}")
    banner = page.get_by_test_id("edition-banner")
    expect(banner).to_have_attribute("data-edition", world.edition_id, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("index-note").filter(has_text="演示")).to_have_count(1)
    screenshot(page, "index-edition-zh")
    page.goto(f"{live_server.url}/index/method/?year={YEAR}&edition={world.edition_id}")
    expect(page.get_by_text("每万名企业从业人员引进人才数").first).to_be_visible()
    expect(page.get_by_text("talent:people_introduced").first).to_be_visible()
    screenshot(page, "index-method-talent-zh")
