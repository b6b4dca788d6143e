"""The index page in Chromium: the rank bands draw, one per unit, and a click opens a profile.

Screenshots go to var/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard_warehouse import FixtureWarehouse, build_warehouse
from hzdigital.index import selectors

TIMEOUT_MS = 60_000
BANDS_READY = "#rank-bands[data-ready='1']"
# The chart's band series as ECharts holds it: (lo − 0.4, width) per unit, bottom row first.
BANDS_JS = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById('rank-bands'));
  const option = chart.getOption();
  return {names: option.yAxis[0].data, base: option.series[0].data, width: option.series[1].data};
}"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> FixtureWarehouse:
    home = tmp_path_factory.mktemp("browser-index-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HZDIGITAL_HOME", str(home))
        yield build_warehouse(home)


def test_the_index_page_draws_a_rank_band_for_every_unit(
    page: Page, live_server, warehouse, screenshot
):
    report = selectors.report(2023)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/index/?year=2023")
    page.wait_for_selector(BANDS_READY, timeout=TIMEOUT_MS)
    screenshot(page, "index-zh")
    drawn = page.evaluate(BANDS_JS)
    bottom_up = list(reversed(report.units))
    assert drawn["names"] == [u.name_zh for u in bottom_up]
    lows = [round(b + 0.4, 6) for b in drawn["base"]]
    highs = [round(lo + w - 0.8, 6) for lo, w in zip(lows, drawn["width"], strict=True)]
    assert lows == [u.rank_interval[0] for u in bottom_up]
    assert highs == [u.rank_interval[1] for u in bottom_up]
    expect(page.get_by_test_id("synthetic-banner")).to_be_visible()


def test_clicking_a_units_band_opens_its_profile(page: Page, live_server, warehouse, screenshot):
    report = selectors.report(2023)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/index/?year=2023")
    page.wait_for_selector(BANDS_READY, timeout=TIMEOUT_MS)
    top = report.units[0]
    x, y = page.evaluate(
        """(rank) => {
          const el = document.getElementById('rank-bands');
          const chart = echarts.getInstanceByDom(el);
          const [px, py] = chart.convertToPixel({seriesIndex: 3}, [rank, 12]);
          const box = el.getBoundingClientRect();
          return [box.left + px, box.top + py];
        }""",
        top.rank,
    )
    page.mouse.click(x, y)
    page.wait_for_url(f"**/index/unit/{top.code}/**", timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("profile-table")).to_be_visible()
    screenshot(page, "index-unit-zh")


def test_the_method_page_shows_every_step_in_english(
    page: Page, live_server, warehouse, screenshot
):
    report = selectors.report(2023)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/index/method/?year=2023")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    for step in report.result.steps:
        expect(page.get_by_test_id(f"step-{step['step']}")).to_be_visible()
    expect(page.get_by_text("Steps and parameters (reference run)")).to_be_visible()
    screenshot(page, "index-method-en")
