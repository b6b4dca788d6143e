"""The monitoring dashboard in a real browser: the map and charts draw, the measure picker
recolours the map, and a person can drill from the city to a district, a category and its
enterprises by clicking. Screenshots go to var/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboard_warehouse import FixtureWarehouse, build_warehouse
from hzdigital.lib.divisions import county_codes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAP_READY = "#monitor-map[data-ready='1']"
TIMEOUT_MS = 30_000  # ECharts parses a 340 kB GeoJSON; generous on a busy 2-core machine
BINJIANG = "330108"
# The drill-down clicks 余杭: a large region, so its centre lies under no neighbour's label
# (滨江 is small and its centre sat under a neighbour's label in some runs).
YUHANG = "330110"

SERIES_JS = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById('monitor-map'));
  return chart.getOption().series[0].data.map(d => [d.name, Number.isFinite(d.value) ? d.value : null]);
}"""
REGION_CENTRE_JS = """(code) => {
  const chart = echarts.getInstanceByDom(document.getElementById('monitor-map'));
  const series = chart.getModel().getSeriesByIndex(0);
  const centre = series.coordinateSystem.getRegion(code).getCenter();
  return chart.convertToPixel({seriesIndex: 0}, centre);
}"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> FixtureWarehouse:
    home = tmp_path_factory.mktemp("browser-dashboard-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HZDIGITAL_HOME", str(home))
        yield build_warehouse(home)


def _open_dashboard(page: Page, live_server) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/monitor/")
    page.wait_for_selector(MAP_READY, timeout=TIMEOUT_MS)


def test_the_dashboard_draws_the_district_map_and_the_target_charts(
    page: Page, live_server, warehouse, screenshot
):
    _open_dashboard(page, live_server)
    screenshot(page, "monitor-zh")
    values = dict(page.evaluate(SERIES_JS))
    assert set(values) == set(county_codes())
    (binjiang,) = warehouse.sql(
        """SELECT sum(value_added) / 10000 FROM enterprise_year WHERE year = 2023
        AND division_code = ? AND de_status IN ('full', 'partial_resolved')
        AND de_major IN ('01', '02', '03', '04')""",
        [BINJIANG],
    )[0]
    assert values[BINJIANG] == pytest.approx(binjiang, rel=1e-9)
    for key in ("core_value_added", "core_revenue"):
        page.wait_for_selector(f"#trajectory-{key}[data-ready='1']", timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("synthetic-banner")).to_be_visible()


def test_the_measure_picker_recolours_the_map_by_location_quotient(
    page: Page, live_server, warehouse
):
    _open_dashboard(page, live_server)
    before = dict(page.evaluate(SERIES_JS))
    page.get_by_test_id("map-measure").select_option("lq")
    expect(page.locator("#monitor-map")).to_have_attribute("data-measure", "lq")
    after = dict(page.evaluate(SERIES_JS))
    assert after != before
    assert all(v is None or 0 <= v < 50 for v in after.values())


def test_a_person_drills_from_the_city_to_a_districts_enterprises(
    page: Page, live_server, warehouse, screenshot
):
    _open_dashboard(page, live_server)
    page.locator("#monitor-map").scroll_into_view_if_needed()
    # The charts above the map finish loading their data after the map is ready; clicking
    # before the layout settles can land beside the region the coordinates were taken for.
    page.wait_for_load_state("networkidle")
    x, y = page.evaluate(REGION_CENTRE_JS, YUHANG)
    box = page.locator("#monitor-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(re.compile(rf"/monitor/{YUHANG}/\?year=2023$"), timeout=TIMEOUT_MS)
    expect(page.locator("h1")).to_contain_text("余杭区")
    screenshot(page, "monitor-district-zh")

    page.get_by_test_id("breakdown").locator("tr[data-de-code='03'] a").click()
    page.wait_for_url(re.compile(rf"/monitor/{YUHANG}/03/\?year=2023$"))
    screenshot(page, "monitor-category-zh")
    rows = page.get_by_test_id("enterprise-list").locator("tbody tr")
    (expected,) = warehouse.sql(
        """SELECT count(*) FROM enterprise_year WHERE year = 2023 AND division_code = ?
        AND de_major = '03' AND de_status IN ('full', 'partial_resolved', 'text')""",
        [YUHANG],
    )[0]
    assert expected > 0
    expect(rows).to_have_count(min(expected, 25))
    expect(rows.first.get_by_test_id("de-evidence")).to_contain_text("rule=")
    expect(page.get_by_test_id("breadcrumbs")).to_contain_text("余杭区")


def test_the_dashboard_switches_to_english(page: Page, live_server, warehouse, screenshot):
    _open_dashboard(page, live_server)
    page.get_by_role("button", name="English").click()
    page.wait_for_selector(MAP_READY, timeout=TIMEOUT_MS)
    expect(page.locator("h1")).to_contain_text("Digital-economy monitoring")
    expect(page.get_by_test_id("synthetic-banner")).to_contain_text("synthetic")
    screenshot(page, "monitor-en")


def test_the_structure_page_draws_the_similarity_heat_map(
    page: Page, live_server, warehouse, screenshot
):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/monitor/structure/")
    page.wait_for_selector("#similarity[data-ready='1']", timeout=TIMEOUT_MS)
    cells = page.evaluate(
        """() => echarts.getInstanceByDom(document.getElementById('similarity'))
             .getOption().series[0].data.length"""
    )
    units = page.get_by_test_id("structure-units").locator("tbody tr")
    expect(units).to_have_count(13)
    labels = page.evaluate(
        """() => echarts.getInstanceByDom(document.getElementById('similarity'))
             .getOption().xAxis[0].data.length"""
    )
    assert cells == labels * labels
    screenshot(page, "monitor-structure-zh")
