"""The pipeline of one run: denominate from the cube cells, log every step, rebuild exactly."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from hzdigital.evaluation.area import district_areas_km2
from hzdigital.evaluation.framework import load_framework
from hzdigital.evaluation.inputs import Panel, denominate
from hzdigital.evaluation.pipeline import Choices, goalposts_from, run_pipeline
from hzdigital.evaluation.service import IndexDataError, build_report
from hzdigital.monitoring.published import gdp_wan_yuan
from index_world import make_panel

STEPS = ["denominate", "coverage", "impute", "outliers", "normalise", "weight", "aggregate"]


@pytest.fixture(scope="module")
def panel():
    return make_panel()


def cell(panel, year: int, code: str, category: str, measure: str) -> float:
    c = panel.cells
    row = c[(c.year == year) & (c.division_code == code) & (c.category == category)]
    return float(row[measure].iloc[0])


def test_per_area_indicators_divide_by_the_geojson_area(panel) -> None:
    raw = denominate(panel, load_framework(), 2022)
    expected = cell(panel, 2022, "330108", "core", "value_added") / district_areas_km2()["330108"]
    assert raw.loc["330108", "core_va_per_km2"] == pytest.approx(expected, rel=1e-12)


def test_shares_of_gdp_use_the_published_gdp_in_wan_yuan(panel) -> None:
    raw = denominate(panel, load_framework(), 2022)
    gdp = gdp_wan_yuan()
    binjiang = gdp[(gdp.year == 2022) & (gdp.division_code == "330108")].gdp_wan_yuan.item()
    expected = cell(panel, 2022, "330108", "core", "value_added") / binjiang * 100
    assert raw.loc["330108", "core_va_share_gdp"] == pytest.approx(expected, rel=1e-12)


def test_a_year_without_published_district_gdp_leaves_the_gdp_indicator_out(panel) -> None:
    framework = load_framework()
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    result = run_pipeline(by_year[2023], framework, Choices(), goalposts_from(by_year))
    coverage = next(s for s in result.steps if s["step"] == "coverage")["params"]
    assert "core_va_share_gdp" in coverage["dropped"]
    assert "core_va_share_gdp" not in result.weights


def test_growth_is_the_ratio_to_the_year_before_minus_one(panel) -> None:
    raw = denominate(panel, load_framework(), 2022)
    now = cell(panel, 2022, "330127", "core", "value_added")
    before = cell(panel, 2021, "330127", "core", "value_added")
    assert raw.loc["330127", "core_va_growth"] == pytest.approx((now / before - 1) * 100)


def test_every_step_is_logged_in_order_with_its_parameters(panel) -> None:
    framework = load_framework()
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    result = run_pipeline(by_year[2022], framework, Choices(), goalposts_from(by_year))
    assert [s["step"] for s in result.steps] == STEPS
    assert result.steps[-2]["params"]["weights"] == result.weights
    assert sorted(result.ranks) == list(range(1, 14))


def test_the_logged_weights_rebuild_the_index_exactly(panel) -> None:
    framework = load_framework()
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    goalposts = goalposts_from(by_year)
    choices = Choices(weighting="pca", aggregation="geometric")
    first = run_pipeline(by_year[2022], framework, choices, goalposts)
    logged = first.steps[-2]["params"]["weights"]
    again = run_pipeline(by_year[2022], framework, choices, goalposts, logged)
    pd.testing.assert_series_equal(first.index, again.index)


def test_the_arithmetic_index_is_the_flat_weighted_mean_of_indicator_scores(panel) -> None:
    framework = load_framework()
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    result = run_pipeline(by_year[2022], framework, Choices(), goalposts_from(by_year))
    flat = sum(result.scores[k] * w for k, w in result.weights.items())
    assert result.index.tolist() == pytest.approx(flat.tolist(), rel=1e-12)


def test_without_imputation_a_unit_without_any_value_ranks_last(panel) -> None:
    framework = load_framework()
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    raw = by_year[2022].copy()
    raw.loc["330182"] = float("nan")
    result = run_pipeline(raw, framework, Choices(imputation="none"), goalposts_from(by_year))
    assert pd.isna(result.index["330182"]) and result.ranks["330182"] == 13


def test_a_year_where_no_indicator_covers_half_the_units_is_refused(panel) -> None:
    # Shares of zero enterprises are 0 / 0: with only two units holding enterprises, a
    # framework of shares has no indicator observed for half the units.
    full = load_framework()
    shares = [i for i in full.indicators if i.denominator.startswith("cube:")]
    dimension = replace(full.dimensions[0], indicators=tuple(shares))
    framework = replace(full, dimensions=(dimension,))
    sparse = panel.cells[panel.cells.division_code.isin(["330108", "330106"])]
    thin = Panel(sparse, panel.synthetic_years, panel.years)
    with pytest.raises(IndexDataError, match="half the units"):
        build_report(thin, 2023, framework, runs=10)


def test_distance_to_target_divides_by_the_frameworks_target(panel) -> None:
    full = load_framework()
    dimension = full.dimensions[2]
    targeted = replace(dimension.indicators[0], target=5.0)  # core R&D intensity, %
    framework = replace(
        full,
        dimensions=(
            *full.dimensions[:2],
            replace(dimension, indicators=(targeted, *dimension.indicators[1:])),
            *full.dimensions[3:],
        ),
    )
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    result = run_pipeline(
        by_year[2022], framework, Choices(normalisation="distance"), goalposts_from(by_year)
    )
    key = targeted.key
    expected = result.treated[key] / 5.0 * 100
    assert result.scores[key].tolist() == pytest.approx(expected.tolist())
    normalise = next(s for s in result.steps if s["step"] == "normalise")["params"]
    assert normalise["reference"][key] == 5.0


def test_the_framework_method_picks_the_reference_run_of_the_report(panel) -> None:
    framework = replace(load_framework(), method={**load_framework().method, "weighting": "pca"})
    report = build_report(panel, 2022, framework, runs=20)
    weight_step = next(s for s in report.result.steps if s["step"] == "weight")["params"]
    assert report.choices.weighting == "pca" and weight_step["method"] == "pca"


def test_the_history_holds_each_years_reference_run_on_the_same_goalposts(panel) -> None:
    framework = load_framework()
    report = build_report(panel, 2023, framework, runs=20)
    assert [h.year for h in report.history] == list(panel.years)
    latest = report.history[-1]
    assert latest.scores == pytest.approx({u.code: u.score for u in report.units})
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    earlier = run_pipeline(by_year[2021], framework, Choices(), goalposts_from(by_year))
    assert report.history[0].scores == pytest.approx(earlier.index.to_dict())
