"""The enterprise table from warehouse rows: one year, core by the cube's rule (unknown for a
partial class without evidence), R&D intensity = rd_expense / revenue × 100, and the profile
attributes joined by USCC (absent profile → missing)."""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd
import pytest

from hzdigital.eligibility.enterprises import attach_profiles, warehouse_attributes

ROWS = pd.DataFrame(
    {
        "uscc": ["A", "B", "C", "D", "A"],
        "year": [2023, 2023, 2023, 2023, 2022],
        "name": ["甲", "乙", "丙", "丁", "甲"],
        "division_code": ["330108", "330106", "330127", "330110", "330108"],
        "revenue": [2000.0, 0.0, 500.0, 800.0, 1.0],
        "employees": [120, 3, 40, 60, 1],
        "rd_expense": [100.0, 5.0, None, 8.0, 0.0],
        "de_sub": ["010101", None, "050101", None, "010101"],
        "de_medium": ["0101", None, "0501", None, "0101"],
        "de_major": ["01", None, "05", None, "01"],
        "de_status": ["full", "none", "text", "partial_unresolved", "full"],
        "synthetic": [True] * 5,
    }
)


@pytest.fixture
def frame() -> pd.DataFrame:
    con = ibis.duckdb.connect()
    t = con.create_table("enterprise_year", ROWS)
    return con.execute(warehouse_attributes(t, 2023)).set_index("uscc")


def test_it_reads_one_year_one_row_per_enterprise(frame: pd.DataFrame) -> None:
    assert list(frame.index) == ["A", "B", "C", "D"]
    assert frame.loc["A", "revenue_wan_yuan"] == 2000.0


def test_core_follows_the_cube_and_an_unresolved_partial_class_is_unknown(frame) -> None:
    assert bool(frame.loc["A", "core"])
    assert not frame.loc["B", "core"]
    assert not frame.loc["C", "core"]  # 05 is never core
    assert pd.isna(frame.loc["D", "core"])


def test_rd_intensity_is_a_percent_of_revenue_and_missing_without_revenue(frame) -> None:
    assert frame.loc["A", "rd_intensity_percent"] == pytest.approx(100.0 / 2000.0 * 100, 1e-12)
    assert frame.loc["D", "rd_intensity_percent"] == pytest.approx(1.0, 1e-12)
    assert pd.isna(frame.loc["B", "rd_intensity_percent"])  # revenue 0
    assert pd.isna(frame.loc["C", "rd_intensity_percent"])  # rd_expense not reported


def test_profiles_join_by_uscc_and_an_enterprise_without_one_has_them_missing(frame) -> None:
    profiles = pd.DataFrame(
        {
            "uscc": ["A", "Z"],
            "founded_on": [date(2019, 3, 1), date(2000, 1, 1)],
            "high_tech": [True, False],
            "listed": [False, True],
            "talent_founded": [True, False],
            "project_stage": ["building", None],
        }
    )
    merged = attach_profiles(frame.reset_index(), profiles, date(2023, 12, 31)).set_index("uscc")
    assert merged.loc["A", "age_years"] == 4.0
    assert bool(merged.loc["A", "high_tech"]) and merged.loc["A", "project_stage"] == "building"
    assert pd.isna(merged.loc["B", "age_years"]) and pd.isna(merged.loc["B", "high_tech"])
    assert "Z" not in merged.index
