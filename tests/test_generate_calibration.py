"""Calibrated totals equal the published figures, computed here independently with pandas.

"Core" follows the classification rule of DESIGN.md: a GB/T class mapping fully to NBS majors
01-04 counts; a partial (*) class counts only where the business scope names the NBS
sub-category. Tolerance: 0.1% of the published figure (the generator is exact to rounding).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from hzdigital.demo.generate import calibration_report, generate_records
from hzdigital.lib.uscc import is_valid_uscc

DATA = Path(__file__).resolve().parents[1] / "src" / "hzdigital" / "data"
TOLERANCE = 0.001  # relative
WAN_YUAN_PER_YI_YUAN = 10_000


def _published() -> pd.DataFrame:
    """Hangzhou's full-year figures from 2021 on (earlier years follow the provincial caliber)."""
    table = pd.read_csv(
        DATA / "published_statistics.csv", dtype={"division_code": str, "period": str}
    )
    hangzhou = table["division_code"].str.startswith("3301")
    table = table[table["period"].str.fullmatch(r"\d{4}") & hangzhou]
    return table[table["period"].astype(int) >= 2021]


def _core_mask(frame: pd.DataFrame) -> pd.Series:
    nbs = pd.read_csv(DATA / "nbs_digital_economy_2021_reconstructed.csv", dtype=str).fillna("")
    core = nbs[nbs["major_code"].isin(["01", "02", "03", "04"])]
    full = set(core.loc[core["partial"] == "0", "gbt4754_code"]) - {""}
    mask = frame["industry_code"].isin(full)
    for row in core[core["partial"] == "1"].itertuples():
        named = frame["business_scope"].str.contains(row.sub_name, regex=False)
        mask |= (frame["industry_code"] == row.gbt4754_code) & named
    return mask


def _accepted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows an import keeps, by the contract's rules, checked one by one."""
    counties = pd.read_csv(DATA / "hangzhou_admin_divisions_2023.csv", dtype=str)
    counties = set(counties.loc[counties["level"] == "county_level", "code6"])
    gb = pd.read_csv(DATA / "gbt4754_2017_industry_classification.csv", dtype=str)
    classes = set(gb.loc[gb["level"] == "class", "code"])
    keep = (
        frame["uscc"].map(is_valid_uscc)
        & frame["division_code"].isin(counties)
        & frame["industry_code"].isin(classes)
        & (frame["revenue"] >= 0)
        & frame["year"].between(2015, dt.date.today().year)
        & ~frame.duplicated(subset=["uscc", "year"])
    )
    return frame[keep]


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return generate_records(30_000, 2024)


@pytest.fixture(scope="module")
def core_totals(records) -> pd.DataFrame:
    core = records[_core_mask(records)]
    by_district = core.groupby(["division_code", "year"])[["revenue", "value_added"]].sum()
    city = core.groupby("year")[["revenue", "value_added"]].sum()
    city.index = pd.MultiIndex.from_product([["330100"], city.index], names=by_district.index.names)
    return pd.concat([by_district, city])


PUBLISHED_CELLS = [
    ("core_value_added", "330100", 2021, 4905),
    ("core_value_added", "330100", 2024, 6305),
    ("core_revenue", "330100", 2021, 16300),
    ("core_value_added", "330108", 2021, 1596.2),
    ("core_revenue", "330108", 2021, 4758.7),
    ("core_value_added", "330110", 2023, 1998.5),
    ("core_value_added", "330110", 2024, 2298),
    ("core_value_added", "330114", 2023, 155.86),
    ("core_value_added", "330105", 2022, 80.4),
]


@pytest.mark.parametrize(("indicator", "division", "year", "yi_yuan"), PUBLISHED_CELLS)
def test_core_totals_equal_the_published_figure(core_totals, indicator, division, year, yi_yuan):
    published = _published()
    row = published[
        (published["indicator"] == indicator)
        & (published["division_code"] == division)
        & (published["period"] == str(year))
    ]
    assert row["value"].tolist() == [yi_yuan]  # the brief's figure is the shipped one
    column = "revenue" if indicator == "core_revenue" else "value_added"
    achieved = core_totals.loc[(division, year), column]
    assert achieved == pytest.approx(yi_yuan * WAN_YUAN_PER_YI_YUAN, rel=TOLERANCE)


def test_every_published_full_year_figure_since_2021_is_met(core_totals):
    published = _published()
    published = published[published["indicator"].isin(["core_value_added", "core_revenue"])]
    assert len(published) == len(PUBLISHED_CELLS)
    for row in published.itertuples():
        column = "revenue" if row.indicator == "core_revenue" else "value_added"
        achieved = core_totals.loc[(row.division_code, int(row.period)), column]
        assert achieved == pytest.approx(row.value * WAN_YUAN_PER_YI_YUAN, rel=TOLERANCE)


def test_city_2022_value_added_is_the_published_share_of_published_gdp(core_totals):
    published = _published().set_index(["indicator", "division_code", "period"])["value"]
    derived = (
        published[("core_value_added_share_gdp", "330100", "2022")]
        / 100
        * published[("gdp", "330100", "2022")]
    )
    assert core_totals.loc[("330100", 2022), "value_added"] == pytest.approx(
        derived * WAN_YUAN_PER_YI_YUAN, rel=TOLERANCE
    )


def test_districts_add_up_to_the_city(core_totals):
    for year in (2021, 2022, 2023, 2024):
        districts = core_totals.drop(index="330100", level="division_code").xs(year, level="year")
        assert districts.sum()["value_added"] == pytest.approx(
            core_totals.loc[("330100", year), "value_added"], rel=1e-9
        )


def test_the_report_agrees_with_an_independent_count(records, core_totals):
    cells = calibration_report(records)
    assert len(cells) == 2 * 14 * 4
    for cell in cells:
        column = "revenue" if cell.indicator == "core_revenue" else "value_added"
        assert cell.achieved_wan_yuan == pytest.approx(
            core_totals.loc[(cell.division_code, cell.year), column], rel=1e-9
        )
        assert cell.achieved_wan_yuan == pytest.approx(cell.target_wan_yuan, rel=TOLERANCE)


def test_the_report_labels_every_unpublished_cell_as_an_assumption_with_its_rule(records):
    published = _published()
    published_keys = {
        (r.indicator, r.division_code, int(r.period))
        for r in published.itertuples()
        if r.indicator in {"core_value_added", "core_revenue"}
    }
    for cell in calibration_report(records):
        key = (cell.indicator, cell.division_code, cell.year)
        if key in published_keys:
            assert cell.basis == "published" and cell.source.startswith("http")
        elif cell.basis == "assumption":
            assert cell.source.startswith("assumption: ")
        else:
            assert (cell.basis, cell.division_code, cell.year) == ("derived", "330100", 2022)


def test_calibration_holds_on_the_rows_an_import_accepts_when_bad_rows_are_injected():
    frame = generate_records(10_000, 3, bad_share=0.06)
    accepted = _accepted(frame)
    assert len(accepted) < len(frame)
    core = accepted[_core_mask(accepted)]
    city_2021 = core.loc[core["year"] == 2021, "value_added"].sum()
    assert city_2021 == pytest.approx(4905 * WAN_YUAN_PER_YI_YUAN, rel=TOLERANCE)
    binjiang = core[(core["year"] == 2021) & (core["division_code"] == "330108")]
    assert binjiang["revenue"].sum() == pytest.approx(4758.7 * WAN_YUAN_PER_YI_YUAN, rel=TOLERANCE)


def test_even_a_small_file_is_calibrated_when_every_district_has_a_core_enterprise():
    frame = generate_records(13 * 4, 8)
    core = frame[_core_mask(frame)]
    assert core.loc[core["year"] == 2024, "value_added"].sum() == pytest.approx(
        6305 * WAN_YUAN_PER_YI_YUAN, rel=TOLERANCE
    )
