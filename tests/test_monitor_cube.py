"""The cube against an independent pandas computation on a small hand-checked fixture.

Tolerance: 1e-9 relative for every sum and ratio (the engine and pandas add the same few
doubles in different orders); counts are exact.
"""

from __future__ import annotations

import math

import ibis
import pandas as pd
import pyarrow as pa
import pytest

from hzdigital.monitoring.cube import (
    CORE,
    LEVELS,
    PARTIAL_UNRESOLVED,
    RECORD_FIELDS,
    build_cube,
    records,
)
from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.published import gdp_wan_yuan

REL_TOLERANCE = 1e-9
CITY = "330100"

# (year, division, de_major, de_medium, de_status, revenue, value_added, employees, rd_expense)
FIXTURE_ROWS = [
    (2022, "330108", "01", "0101", "full", 1000.0, 300.0, 50, 40.0),
    (2022, "330108", "03", "0301", "full", 800.0, 200.0, 30, 20.0),
    (2022, "330106", "04", "0401", "partial_resolved", 500.0, 120.0, 20, None),
    (2022, "330106", None, None, "none", 900.0, 150.0, 60, 5.0),
    (2022, "330110", "03", "0302", "partial_unresolved", 300.0, 60.0, 10, 3.0),
    (2023, "330108", "01", "0101", "full", 1200.0, 330.0, 55, 50.0),
    (2023, "330108", "01", "0102", "full", 400.0, 90.0, 12, 8.0),
    (2023, "330108", "03", "0301", "partial_resolved", 900.0, 250.0, 32, None),
    (2023, "330108", "05", "0501", "text", 700.0, 140.0, 40, 1.0),
    (2023, "330106", "04", "0401", "full", 650.0, 150.0, 22, 12.0),
    (2023, "330106", None, None, "none", 1000.0, -20.0, 70, None),
    (2023, "330110", "03", "0302", "partial_unresolved", 350.0, 70.0, 11, 4.0),
    (2023, "330110", "02", "0201", "full", 200.0, None, 5, 2.0),
    (2023, "330110", None, None, "none", 500.0, 80.0, 25, None),
]
COLUMNS = [
    "year",
    "division_code",
    "de_major",
    "de_medium",
    "de_status",
    "revenue",
    "value_added",
    "employees",
    "rd_expense",
]
GDP_WAN_YUAN = {(2023, "330108"): 2_000_000.0, (2023, CITY): 9_000_000.0}


def fixture_frame() -> pd.DataFrame:
    return pd.DataFrame(FIXTURE_ROWS, columns=COLUMNS)


def fixture_table() -> ibis.Table:
    return ibis.memtable(pa.Table.from_pandas(fixture_frame(), preserve_index=False))


def gdp_table() -> ibis.Table:
    return ibis.memtable(
        pa.table(
            {
                "year": [y for y, _ in GDP_WAN_YUAN],
                "division_code": [d for _, d in GDP_WAN_YUAN],
                "gdp_wan_yuan": list(GDP_WAN_YUAN.values()),
            }
        )
    )


# --- the independent computation: plain pandas, written from the rules, not from cube.py ----


def reference_code(row: pd.Series, level: str) -> str | None:
    if row.de_status == "partial_unresolved":
        return PARTIAL_UNRESOLVED
    if level == "core":
        core = row.de_status in ("full", "partial_resolved") and row.de_major in (
            "01",
            "02",
            "03",
            "04",
        )
        return CORE if core else None
    if row.de_status in ("full", "partial_resolved", "text"):
        return row.de_major if level == "major" else row.de_medium
    return None


def sum_or_none(values: pd.Series) -> float | None:
    total = values.sum(min_count=1)
    return None if pd.isna(total) else float(total)


def safe_ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def reference_cube(frame: pd.DataFrame, level: str) -> dict[tuple, dict]:
    frame = frame.copy()
    frame["de_code"] = frame.apply(reference_code, axis=1, level=level)
    city = frame.assign(division_code=CITY)
    both = pd.concat([frame, city])
    all_value_added = {
        key: sum_or_none(g.value_added) for key, g in both.groupby(["year", "division_code"])
    }
    cells: dict[tuple, dict] = {}
    for key, g in both.dropna(subset=["de_code"]).groupby(["year", "division_code", "de_code"]):
        cells[key] = {
            "enterprises": len(g),
            "revenue": sum_or_none(g.revenue),
            "value_added": sum_or_none(g.value_added),
            "employees": sum_or_none(g.employees),
            "rd_expense": sum_or_none(g.rd_expense),
        }
    for (year, division, code), cell in cells.items():
        previous = cells.get((year - 1, division, code), {}).get("value_added")
        city_cell = cells[(year, CITY, code)]
        growth = safe_ratio(cell["value_added"], previous)
        cell["yoy_value_added"] = None if growth is None else (growth - 1) * 100
        share = safe_ratio(cell["value_added"], city_cell["value_added"])
        cell["share_of_city"] = None if share is None else share * 100
        share_gdp = safe_ratio(cell["value_added"], GDP_WAN_YUAN.get((year, division)))
        cell["share_of_gdp"] = None if share_gdp is None else share_gdp * 100
        cell["lq"] = safe_ratio(
            safe_ratio(cell["value_added"], all_value_added[(year, division)]),
            safe_ratio(city_cell["value_added"], all_value_added[(year, CITY)]),
        )
        cell["rd_intensity"] = (
            None
            if safe_ratio(cell["rd_expense"], cell["revenue"]) is None
            else cell["rd_expense"] / cell["revenue"] * 100
        )
    return cells


def close(actual: object, expected: float | None) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    return actual is not None and math.isclose(float(actual), expected, rel_tol=REL_TOLERANCE)


def engine_cube(level: str, **kwargs: object) -> dict[tuple, dict]:
    frame = Engine.duckdb().execute(
        build_cube(fixture_table(), level=level, gdp=gdp_table(), **kwargs)  # type: ignore[arg-type]
    )
    return {(r["year"], r["division_code"], r["de_code"]): r for r in records(frame)}


INDICATORS = [
    "enterprises",
    "revenue",
    "value_added",
    "employees",
    "rd_expense",
    "rd_intensity",
    "yoy_value_added",
    "share_of_city",
    "share_of_gdp",
    "lq",
]


@pytest.mark.parametrize("level", LEVELS)
def test_it_has_exactly_the_cells_of_the_independent_computation(level):
    assert set(engine_cube(level)) == set(reference_cube(fixture_frame(), level))


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("indicator", INDICATORS)
def test_each_indicator_matches_pandas_within_1e_9(level, indicator):
    expected = reference_cube(fixture_frame(), level)
    actual = engine_cube(level, extra=("rd_intensity",))
    mismatches = {
        key: (actual[key][indicator], cell[indicator])
        for key, cell in expected.items()
        if not close(actual[key][indicator], cell[indicator])
    }
    assert mismatches == {}


def test_partial_unresolved_is_its_own_bucket_and_never_core():
    cube = engine_cube("core")
    unresolved_2023 = cube[(2023, "330110", PARTIAL_UNRESOLVED)]
    assert unresolved_2023["value_added"] == 70.0
    # 330110 has no confirmed core enterprise with value added: its only core row (02) has none.
    assert cube[(2023, "330110", CORE)]["value_added"] is None
    assert cube[(2023, "330110", CORE)]["enterprises"] == 1


def test_text_assigned_05_counts_in_its_major_but_not_in_core():
    assert engine_cube("major")[(2023, "330108", "05")]["value_added"] == 140.0
    assert engine_cube("core")[(2023, "330108", CORE)]["value_added"] == 330.0 + 90.0 + 250.0


def test_the_city_row_sums_its_districts():
    cube = engine_cube("medium")
    for (year, division, code), cell in cube.items():
        if division != CITY:
            continue
        districts = [c for (y, d, k), c in cube.items() if y == year and k == code and d != CITY]
        assert cell["enterprises"] == sum(c["enterprises"] for c in districts)


def test_a_year_keeps_only_that_year_but_still_fills_growth_from_the_year_before():
    cube = engine_cube("core", year=2023)
    assert {year for year, _, _ in cube} == {2023}
    expected = reference_cube(fixture_frame(), "core")[(2023, "330108", CORE)]["yoy_value_added"]
    assert close(cube[(2023, "330108", CORE)]["yoy_value_added"], expected)


def test_growth_of_any_sum_is_available_from_the_registry():
    cube = engine_cube("core", extra=("yoy_revenue", "yoy_enterprises"))
    cell = cube[(2023, "330108", CORE)]
    assert close(cell["yoy_revenue"], ((1200 + 400 + 900) / (1000 + 800) - 1) * 100)
    assert close(cell["yoy_enterprises"], (3 / 2 - 1) * 100)


def test_records_carry_exactly_the_contract_fields():
    frame = Engine.duckdb().execute(build_cube(fixture_table(), level="major", gdp=gdp_table()))
    assert all(tuple(row) == RECORD_FIELDS for row in records(frame))


def test_share_of_gdp_uses_the_published_gdp_converted_from_yi_to_wan_yuan():
    frame = Engine.duckdb().execute(build_cube(fixture_table(), level="core", year=2022))
    cell = frame[(frame.division_code == CITY) & (frame.de_code == CORE)].iloc[0]
    published = gdp_wan_yuan()
    city_gdp_2022 = published[(published.year == 2022) & (published.division_code == CITY)]
    assert city_gdp_2022.gdp_wan_yuan.item() == 18753 * 10_000
    assert close(cell.share_of_gdp, cell.value_added / (18753 * 10_000) * 100)


def test_share_of_gdp_is_null_where_no_gdp_is_published():
    frame = Engine.duckdb().execute(build_cube(fixture_table(), level="core", year=2023))
    # 2023 has a published city GDP but none for 滨江 (330108).
    district = frame[(frame.division_code == "330108") & (frame.de_code == CORE)].iloc[0]
    assert pd.isna(district.share_of_gdp)


def test_it_rejects_an_unknown_level():
    with pytest.raises(ValueError, match="unknown level"):
        build_cube(fixture_table(), level="sub")  # type: ignore[arg-type]


def test_it_rejects_an_unknown_derived_indicator():
    with pytest.raises(ValueError, match="yoy_happiness"):
        build_cube(fixture_table(), extra=("yoy_happiness",))
