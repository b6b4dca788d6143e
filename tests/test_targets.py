"""Targets and trajectories on constructed cases: both path kinds, both directions."""

from __future__ import annotations

import math

import pytest

from hzdigital.monitoring.targets import (
    MSG_BAD_RATE,
    MSG_BAD_YEARS,
    ON_TRACK_TOLERANCE,
    Actual,
    Target,
    assess,
    required_growth_percent,
    required_yearly_change,
    status_of,
)

REL = 1e-12  # path values are a handful of float operations


def growth_target(**overrides) -> Target:
    fields = dict(
        indicator="core_value_added",
        division_code="330100",
        baseline_year=2020,
        baseline_value=100.0,
        target_year=2025,
        target_value=200.0,
        comparison="above",
        path_kind="constant_rate",
    )
    fields.update(overrides)
    return Target(**fields)


def reduction_target(**overrides) -> Target:
    # Lower is better: e.g. energy use per unit of value added, from 80 down to 50.
    fields = dict(baseline_value=80.0, target_value=50.0, comparison="at_most")
    fields.update(overrides)
    return growth_target(indicator="energy_intensity", **fields)


def actual(year: int, value: float) -> Actual:
    return Actual(year, value, origin="published", source="constructed")


def test_a_linear_path_takes_equal_steps_from_baseline_to_target():
    target = growth_target(path_kind="linear")
    path = target.path()
    steps = [path[y + 1] - path[y] for y in range(2020, 2025)]
    assert list(path) == list(range(2020, 2026))
    assert path[2020] == 100.0 and path[2025] == 200.0
    assert all(math.isclose(step, (200 - 100) / 5, rel_tol=REL) for step in steps)


def test_a_constant_rate_path_grows_by_the_same_ratio_each_year():
    path = growth_target().path()
    ratios = [path[y + 1] / path[y] for y in range(2020, 2025)]
    assert math.isclose(path[2025], 200.0, rel_tol=REL)
    assert all(math.isclose(r, 2 ** (1 / 5), rel_tol=REL) for r in ratios)


@pytest.mark.parametrize("path_kind", ["linear", "constant_rate"])
@pytest.mark.parametrize("make", [growth_target, reduction_target])
def test_a_value_exactly_on_the_path_is_on_track(make, path_kind):
    target = make(path_kind=path_kind)
    for year, expected in target.path().items():
        assert status_of(target, year, expected) == "on_track"


@pytest.mark.parametrize("path_kind", ["linear", "constant_rate"])
def test_above_the_path_is_ahead_and_below_it_behind_when_higher_is_better(path_kind):
    target = growth_target(path_kind=path_kind)
    expected = target.expected(2023)
    assert status_of(target, 2023, expected * 1.05) == "ahead"
    assert status_of(target, 2023, expected * 0.95) == "behind"


@pytest.mark.parametrize("comparison", ["below", "at_most"])
@pytest.mark.parametrize("path_kind", ["linear", "constant_rate"])
def test_lower_is_better_turns_ahead_and_behind_around(comparison, path_kind):
    target = reduction_target(comparison=comparison, path_kind=path_kind)
    expected = target.expected(2022)
    assert expected < 80.0  # the path comes down
    assert status_of(target, 2022, expected * 0.95) == "ahead"
    assert status_of(target, 2022, expected * 1.05) == "behind"


def test_the_on_track_band_is_the_stated_relative_tolerance():
    target = growth_target()
    expected = target.expected(2022)
    inside = expected * (1 + ON_TRACK_TOLERANCE * 0.9)
    outside = expected * (1 + ON_TRACK_TOLERANCE * 1.1)
    assert status_of(target, 2022, inside) == "on_track"
    assert status_of(target, 2022, outside) == "ahead"


def test_a_year_before_the_baseline_has_no_expected_value_and_no_verdict():
    target = growth_target()
    points = assess(target, [actual(2018, 90.0)])
    first = points[0]
    assert first.year == 2018
    assert first.expected is None and first.gap is None
    assert first.status == "before_baseline"


def test_a_year_without_a_figure_says_so():
    points = {p.year: p for p in assess(growth_target(), [actual(2021, 120.0)])}
    assert points[2022].status == "no_actual"
    assert points[2022].actual is None
    assert points[2021].status == "ahead"


def test_the_required_growth_rate_compounds_exactly_to_the_target():
    target = growth_target()
    rate = required_growth_percent(target, 2022, 130.0)
    assert rate is not None
    assert math.isclose(130.0 * (1 + rate / 100) ** 3, 200.0, rel_tol=1e-9)


def test_the_required_yearly_change_steps_exactly_to_the_target():
    target = growth_target()
    step = required_yearly_change(target, 2022, 130.0)
    assert step is not None
    assert math.isclose(130.0 + 3 * step, 200.0, rel_tol=1e-12)


def test_a_reduction_target_needs_a_negative_growth_rate():
    rate = required_growth_percent(reduction_target(), 2021, 75.0)
    assert rate is not None and rate < 0
    assert math.isclose(75.0 * (1 + rate / 100) ** 4, 50.0, rel_tol=1e-9)


def test_no_growth_rate_is_needed_once_the_target_year_has_come():
    assert required_growth_percent(growth_target(), 2025, 150.0) is None
    assert required_growth_percent(growth_target(), 2022, -5.0) is None


@pytest.mark.parametrize(
    ("comparison", "value", "met"),
    [
        ("above", 200.0, False),
        ("above", 200.5, True),
        ("at_least", 200.0, True),
        ("at_least", 199.5, False),
        ("below", 200.0, False),
        ("below", 199.5, True),
        ("at_most", 200.0, True),
        ("at_most", 200.5, False),
    ],
)
def test_the_target_year_reports_whether_the_target_was_met(comparison, value, met):
    target = growth_target(comparison=comparison, path_kind="linear")
    points = {p.year: p for p in assess(target, [actual(2025, value)])}
    assert points[2025].met is met
    assert points[2024].met is None


def test_years_after_the_target_year_still_hold_the_target():
    target = growth_target()
    points = {p.year: p for p in assess(target, [actual(2026, 190.0)])}
    assert points[2026].expected == 200.0
    assert points[2026].status == "behind"


def test_it_rejects_a_target_year_not_after_the_baseline():
    with pytest.raises(ValueError, match="target year") as error:
        growth_target(target_year=2020)
    assert str(error.value) == MSG_BAD_YEARS


def test_it_rejects_a_constant_rate_path_through_zero():
    with pytest.raises(ValueError) as error:
        growth_target(baseline_value=0.0)
    assert str(error.value) == MSG_BAD_RATE
    assert growth_target(baseline_value=0.0, path_kind="linear").expected(2025) == 200.0


def test_it_rejects_an_unknown_comparison():
    with pytest.raises(ValueError, match="comparison"):
        growth_target(comparison="roughly")
