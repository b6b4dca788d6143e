"""Hangzhou county-level divisions."""

import csv
from pathlib import Path

import pytest

import hzdigital
from hzdigital.lib.divisions import (
    ABOLISHED_DIVISIONS,
    CITY_CODE,
    county_codes,
    county_divisions,
    division_name,
    is_hangzhou_county,
)

DATA = Path(hzdigital.__file__).parent / "data"


def test_there_are_thirteen_county_level_units():
    assert len(county_divisions()) == 13


def test_the_units_match_the_geojson_districts():
    # An independent source for the same list: the district polygons shipped for maps.
    import json

    geo = json.loads((DATA / "hangzhou_districts_cnmaps_amap.geojson").read_text("utf-8"))
    assert {str(f["properties"]["adcode"]) for f in geo["features"]} == county_codes()


def test_the_abolished_districts_are_not_current():
    for code in ABOLISHED_DIVISIONS:
        assert not is_hangzhou_county(code)


def test_the_successors_of_abolished_districts_are_current():
    for abolished in ABOLISHED_DIVISIONS.values():
        assert set(abolished.successors) <= county_codes()


@pytest.mark.parametrize(
    "code,name", [("330113", "临平区"), ("330114", "钱塘区"), ("330182", "建德市")]
)
def test_it_names_a_division(code, name):
    assert division_name(code) == name


def test_it_names_the_city():
    assert division_name(CITY_CODE) == "杭州市"


def test_it_refuses_to_name_a_code_outside_hangzhou():
    with pytest.raises(KeyError):
        division_name("330201")


def test_the_city_itself_is_not_a_county():
    assert not is_hangzhou_county(CITY_CODE)


def test_every_county_row_of_the_csv_is_exposed():
    with (DATA / "hangzhou_admin_divisions_2023.csv").open(encoding="utf-8") as handle:
        expected = {
            r["code6"]: r["name"] for r in csv.DictReader(handle) if r["level"] == "county_level"
        }
    assert {d.code: d.name for d in county_divisions()} == expected
