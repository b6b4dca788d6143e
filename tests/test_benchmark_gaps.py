"""Gap analysis and radar values against hand computation; missing stays missing."""

from __future__ import annotations

import io

import pytest

from hzdigital.evaluation.benchmark import COLUMNS, load_benchmark, parse_benchmark

ROWS = [
    "hangzhou,杭州,Hangzhou,core_share_of_gdp_percent,2021,27.1,yes,verified,s,n",
    "hangzhou,杭州,Hangzhou,core_share_of_gdp_percent,2024,28.8,yes,verified,s,n",
    "hangzhou,杭州,Hangzhou,core_value_added_yi_yuan,2024,6305,yes,verified,s,n",
    "shenzhen,深圳,Shenzhen,core_share_of_gdp_percent,2020,30.5,yes,verified,s,n",
    "shenzhen,深圳,Shenzhen,core_value_added_yi_yuan,2020,8446,yes,verified,s,n",
    "beijing,北京,Beijing,core_share_of_gdp_percent,2023,25.3,no,secondary,s,own method",
    "london,伦敦,London,core_share_of_gdp_percent,2020,,no,missing,,not published",
]


@pytest.fixture
def bench():
    text = "\n".join([",".join(COLUMNS), *ROWS]) + "\n"
    return parse_benchmark(io.StringIO(text), name="t.csv")


def gap(bench, city, indicator):
    (found,) = [g for g in bench.gaps() if g.city_code == city and g.indicator == indicator]
    return found


def test_the_gap_uses_each_citys_latest_value_and_matches_hand_arithmetic(bench):
    g = gap(bench, "shenzhen", "core_share_of_gdp_percent")
    assert (g.reference_year, g.year, g.status) == (2024, 2020, "comparable")
    assert g.ratio == pytest.approx(28.8 / 30.5, rel=1e-12)
    assert g.difference == pytest.approx(-1.7, abs=1e-9)
    assert not g.same_year
    money = gap(bench, "shenzhen", "core_value_added_yi_yuan")
    assert money.ratio == pytest.approx(6305 / 8446, rel=1e-12)
    assert money.difference == pytest.approx(-2141, abs=1e-9)


def test_a_value_outside_the_definition_gets_no_ratio(bench):
    g = gap(bench, "beijing", "core_share_of_gdp_percent")
    assert (g.status, g.value, g.ratio, g.difference) == ("not_comparable", 25.3, None, None)


def test_a_missing_value_stays_none_with_its_reason_and_is_never_zero(bench):
    g = gap(bench, "london", "core_share_of_gdp_percent")
    assert (g.status, g.value, g.ratio) == ("missing", None, None)
    assert bench.value("london", "core_share_of_gdp_percent") is None
    assert bench.missing_notes("london", "core_share_of_gdp_percent") == ["not published"]
    (point,) = [p for p in bench.radar("london") if p.indicator == "core_share_of_gdp_percent"]
    assert point.value is None and point.normalised is None


def test_the_radar_divides_by_the_largest_value_of_any_city(bench):
    points = {p.indicator: p for p in bench.radar("hangzhou")}
    assert points["core_share_of_gdp_percent"].normalised == pytest.approx(28.8 / 30.5)
    assert points["core_value_added_yi_yuan"].normalised == pytest.approx(6305 / 8446)
    shenzhen = {p.indicator: p for p in bench.radar("shenzhen")}
    assert shenzhen["core_share_of_gdp_percent"].normalised == pytest.approx(1.0)


def test_the_shipped_benchmark_compares_hangzhou_with_shenzhen_by_hand():
    bench = load_benchmark()
    hz = bench.latest("hangzhou", "core_share_of_gdp_percent")
    sz = bench.latest("shenzhen", "core_share_of_gdp_percent")
    g = gap(bench, "shenzhen", "core_share_of_gdp_percent")
    assert g.difference == pytest.approx(hz.value - sz.value)
    assert g.ratio == pytest.approx(hz.value / sz.value)
    assert {g.status for g in bench.gaps() if g.city_code == "tokyo"} == {"missing"}


def test_the_json_shape_keeps_missing_values_as_null():
    payload = load_benchmark().to_dict()
    assert set(payload) >= {"cities", "indicators", "values", "gaps"}
    missing = [v for v in payload["values"] if v["status"] == "missing"]
    assert missing and all(v["value"] is None for v in missing)


def test_a_value_outside_the_definition_has_no_place_on_the_radar(bench):
    (point,) = [p for p in bench.radar("beijing") if p.indicator == "core_share_of_gdp_percent"]
    assert point.value == 25.3 and point.normalised is None and not point.comparable
