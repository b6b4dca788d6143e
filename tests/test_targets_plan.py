"""The plan's city targets: baselines and targets from the published series, actuals from the
published series first and the warehouse for the other years."""

from __future__ import annotations

import math

import pandas as pd
import pyarrow as pa
import pytest

from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.plan_targets import (
    MSG_NO_BASELINE,
    WAREHOUSE_SOURCE,
    plan_target_reports,
    reports_payload,
    warehouse_actuals,
)
from hzdigital.monitoring.published import annual_figures

REL = 1e-9


def by_indicator(reports):
    return {r.spec.indicator: r for r in reports}


def warehouse_rows() -> pa.Table:
    frame = pd.DataFrame(
        {
            "uscc": [f"U{i:017d}" for i in range(6)],
            "year": [2021, 2022, 2022, 2023, 2023, 2023],
            "division_code": ["330108", "330108", "330106", "330108", "330110", "330110"],
            "de_major": ["01", "01", "03", "04", "03", None],
            "de_medium": ["0101", "0101", "0301", "0401", "0302", None],
            "de_status": ["full", "full", "partial_resolved", "full", "partial_unresolved", "none"],
            "revenue": [9.0e7, 9.5e7, 8.0e7, 2.0e8, 5.0e7, 1.0e6],
            "value_added": [3.0e7, 3.2e7, 2.3e7, 6.0e7, 1.0e7, 3.0e5],
            "employees": [100, 110, 90, 300, 50, 5],
            "rd_expense": [1.0e6, 1.1e6, None, 2.0e6, 1.0e5, None],
            "synthetic": [False, True, True, False, False, False],
        }
    )
    return pa.Table.from_pandas(frame, preserve_index=False)


@pytest.fixture
def warehouse():
    engine = Engine.duckdb()
    engine.load("enterprise_year", warehouse_rows())
    return engine


def test_core_value_added_runs_from_the_published_2021_baseline_to_7000_yi_yuan_in_2025():
    report = by_indicator(plan_target_reports())["core_value_added"]
    assert report.target is not None
    assert (report.target.baseline_year, report.target.baseline_value) == (2021, 4905.0)
    assert (report.target.target_year, report.target.target_value) == (2025, 7000.0)
    assert report.target.comparison == "above"
    assert report.target.unit == "亿元"


def test_revenue_target_is_two_wan_yi_yuan_above():
    report = by_indicator(plan_target_reports())["core_revenue"]
    assert report.target is not None
    assert report.target.target_value == 20000.0
    assert report.target.baseline_value == annual_figures("core_revenue")[2021].value


def test_a_published_figure_is_the_actual_with_its_source():
    points = {p.year: p for p in by_indicator(plan_target_reports())["core_value_added"].points}
    published_2024 = annual_figures("core_value_added")[2024]
    assert points[2024].actual is not None
    assert points[2024].actual.value == published_2024.value
    assert points[2024].actual.origin == "published"
    assert points[2024].actual.source == published_2024.source


def test_years_without_a_published_figure_or_a_warehouse_have_no_actual():
    points = {p.year: p for p in by_indicator(plan_target_reports())["core_value_added"].points}
    assert points[2022].status == "no_actual"


def test_the_warehouse_fills_the_other_years_in_yi_yuan_marked_synthetic(warehouse):
    reports = plan_target_reports(warehouse_actuals(warehouse))
    points = {p.year: p for p in by_indicator(reports)["core_value_added"].points}
    rows = warehouse_rows().to_pandas()
    core_2022 = rows[(rows.year == 2022) & rows.de_status.isin(["full", "partial_resolved"])]
    assert points[2022].actual is not None
    assert math.isclose(
        points[2022].actual.value, core_2022.value_added.sum() / 10_000, rel_tol=REL
    )
    assert points[2022].actual.origin == "warehouse"
    assert points[2022].actual.source == WAREHOUSE_SOURCE
    assert points[2022].actual.synthetic is True
    assert points[2023].actual is not None and points[2023].actual.synthetic is False


def test_partial_unresolved_rows_do_not_count_towards_the_core_target(warehouse):
    actuals = warehouse_actuals(warehouse)["value_added"]
    assert math.isclose(actuals[2023].value, 6.0e7 / 10_000, rel_tol=REL)


def test_published_figures_win_over_the_warehouse(warehouse):
    reports = plan_target_reports(warehouse_actuals(warehouse))
    points = {p.year: p for p in by_indicator(reports)["core_value_added"].points}
    assert points[2021].actual is not None
    assert points[2021].actual.origin == "published"
    assert points[2021].actual.value == 4905.0


def test_a_target_without_a_published_baseline_is_listed_without_a_path():
    report = by_indicator(plan_target_reports())["rd_intensity"]
    assert report.target is None and report.points == []
    assert MSG_NO_BASELINE in report.notes
    assert report.target_figure.value == 4.0


def test_the_payload_names_origin_source_and_status_of_each_point(warehouse):
    payload = reports_payload(plan_target_reports(warehouse_actuals(warehouse)))
    core = next(t for t in payload if t["indicator"] == "core_value_added")
    assert core["baseline"]["value"] == 4905.0
    origins = {p["year"]: p["actual_origin"] for p in core["trajectory"]}
    assert origins[2021] == "published" and origins[2022] == "warehouse"
    assert {p["status"] for p in core["trajectory"]} <= {
        "on_track",
        "ahead",
        "behind",
        "no_actual",
        "before_baseline",
    }
