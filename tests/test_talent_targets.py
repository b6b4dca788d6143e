"""The 博士后倍增计划 target: twice the baseline by 2025, its path and each year's status come
from the monitoring module's one implementation of trajectories."""

from __future__ import annotations

import pytest

from cast import make_cast
from hzdigital.monitoring.targets import ON_TRACK_TOLERANCE
from hzdigital.talent import selectors, services
from hzdigital.talent.metrics import DOUBLING_FACTOR, POSTDOC_DOUBLING
from hzdigital.talent.models import CITY_CODE, Review, TalentTarget

PROGRAMME, METRIC = POSTDOC_DOUBLING
BASELINE = {"binjiang": 300, "chunan": 100}  # postdocs in post at the end of 2021


@pytest.fixture
def cast(db):
    return make_cast()


def _accepted(cast, unit, year: int, value: int) -> None:
    officer = cast.binjiang_officer if unit == cast.binjiang else cast.chunan_officer
    services.figure_save(
        by=officer, unit=unit, programme_slug=PROGRAMME, metric=METRIC, year=year, value=value
    )
    figures = services.figures_submit(by=officer, unit=unit, year=year)
    services.figures_review(by=cast.city_officer, figures=figures, decision=Review.ACCEPTED)


def _doubling_target() -> TalentTarget:
    target = TalentTarget(
        programme_slug=PROGRAMME,
        metric=METRIC,
        division_code=CITY_CODE,
        baseline_year=2021,
        target_year=2025,
        baseline_multiple=DOUBLING_FACTOR,
        path_kind="constant_rate",
        source="规划专栏12:深入实施博士后倍增计划",
    )
    target.full_clean()
    target.save()
    return target


@pytest.fixture
def baseline(cast):
    _accepted(cast, cast.binjiang, 2021, BASELINE["binjiang"])
    _accepted(cast, cast.chunan, 2021, BASELINE["chunan"])
    return cast


def test_the_doubling_target_is_twice_the_accepted_city_baseline(baseline) -> None:
    view = selectors.target_view(_doubling_target())
    assert view.problem == ""
    assert view.resolved.baseline_value == 400
    assert view.resolved.target_value == 800


def test_the_path_doubles_at_a_constant_yearly_rate(baseline) -> None:
    view = selectors.target_view(_doubling_target())
    path = {p.year: p.expected for p in view.points}
    for year in range(2021, 2026):
        independent = 400 * 2 ** ((year - 2021) / 4)  # the same growth rate every year
        assert path[year] == pytest.approx(independent, rel=1e-12)


# 2023's path value is 400 × 2^(2/4) ≈ 565.7; on track means within ON_TRACK_TOLERANCE of it.
@pytest.mark.parametrize(
    ("chunan_2023", "status"),
    [(320, "ahead"), (266, "on_track"), (200, "behind")],
)
def test_a_year_is_ahead_on_track_or_behind_the_doubling_path(
    baseline, chunan_2023, status
) -> None:
    _accepted(baseline, baseline.binjiang, 2023, 300)
    _accepted(baseline, baseline.chunan, 2023, chunan_2023)
    view = selectors.target_view(_doubling_target())
    (point,) = [p for p in view.points if p.year == 2023]
    expected = 400 * 2**0.5
    gap = (300 + chunan_2023) - expected
    assert point.actual.value == 300 + chunan_2023
    assert point.gap == pytest.approx(gap)
    within = abs(gap) <= ON_TRACK_TOLERANCE * expected
    assert point.status == status
    assert (status == "on_track") == within


def test_the_city_baseline_waits_for_every_district_then_sets_the_target(cast) -> None:
    _accepted(cast, cast.binjiang, 2021, 250)
    target = _doubling_target()
    assert selectors.target_view(target).resolved is None  # 淳安's 2021 figure is not in yet
    _accepted(cast, cast.chunan, 2021, 50)
    assert selectors.target_view(target).resolved.target_value == 600


def test_a_year_with_some_districts_missing_has_no_city_actual(baseline) -> None:
    _accepted(baseline, baseline.binjiang, 2023, 900)  # 淳安 has not reported 2023
    view = selectors.target_view(_doubling_target())
    (point,) = [p for p in view.points if p.year == 2023]
    assert (point.actual, point.status) == (None, "no_actual")


def test_figures_awaiting_review_do_not_count_towards_the_target(baseline) -> None:
    services.figure_save(
        by=baseline.binjiang_officer, unit=baseline.binjiang, programme_slug=PROGRAMME,
        metric=METRIC, year=2023, value=900,
    )  # fmt: skip
    services.figures_submit(by=baseline.binjiang_officer, unit=baseline.binjiang, year=2023)
    view = selectors.target_view(_doubling_target())
    (point,) = [p for p in view.points if p.year == 2023]
    assert point.actual is None
    assert point.status == "no_actual"


def test_without_an_accepted_baseline_the_target_says_it_cannot_be_computed(cast) -> None:
    view = selectors.target_view(_doubling_target())
    assert view.resolved is None
    assert view.points == []
    assert "2021" in view.problem and "baseline" in view.problem
