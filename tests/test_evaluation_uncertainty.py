"""The Monte Carlo: seeded, reproducible, and the same ranks vectorised as in a plain loop."""

from __future__ import annotations

import numpy as np
import pytest

from hzdigital.evaluation import uncertainty
from hzdigital.evaluation.framework import load_framework
from hzdigital.evaluation.inputs import denominate
from hzdigital.evaluation.pipeline import Choices, goalposts_from, run_pipeline
from index_world import make_panel

RUNS = 200


@pytest.fixture(scope="module")
def world():
    framework = load_framework()
    panel = make_panel()
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    goalposts = goalposts_from(by_year)
    raw = by_year[2023]
    reference = Choices()
    result = run_pipeline(raw, framework, reference, goalposts)
    return framework, raw, reference, goalposts, result


def run(world, seed: int, runs: int = RUNS) -> uncertainty.MonteCarlo:
    framework, raw, reference, goalposts, result = world
    return uncertainty.monte_carlo(raw, framework, reference, goalposts, result.weights, runs, seed)


def test_the_same_seed_gives_the_same_ranks(world) -> None:
    assert np.array_equal(run(world, 2021).ranks, run(world, 2021).ranks)


def test_another_seed_gives_other_draws(world) -> None:
    assert not np.array_equal(run(world, 2021).ranks, run(world, 2022).ranks)


def test_every_run_ranks_the_13_units_1_to_13(world) -> None:
    ranks = run(world, 2021).ranks
    assert ranks.shape == (RUNS, 13)
    assert (np.sort(ranks, axis=1) == np.arange(1, 14)).all()


def test_the_vectorised_runs_equal_one_pipeline_run_per_draw(world) -> None:
    framework, raw, reference, goalposts, result = world
    naive = uncertainty.naive_ranks(raw, framework, reference, goalposts, result.weights, 60, 5)
    assert np.array_equal(run(world, 5, 60).ranks, naive)


def test_the_interval_holds_the_median_and_spans_the_5th_to_95th_percentile(world) -> None:
    mc = run(world, 2021)
    lo, hi = mc.interval().T
    median = mc.median_rank()
    assert ((lo <= median) & (median <= hi)).all()
    for unit in range(13):
        column = np.sort(mc.ranks[:, unit])
        # independent nearest-rank percentiles: the ceil(p·n)-th smallest value
        assert lo[unit] == column[int(np.ceil(0.05 * RUNS)) - 1]
        assert hi[unit] == column[int(np.ceil(0.95 * RUNS)) - 1]


def test_holding_every_factor_at_the_reference_reproduces_the_reference_ranks(world) -> None:
    framework, raw, reference, goalposts, result = world
    mc = uncertainty.monte_carlo(
        raw, framework, reference, goalposts, result.weights, 20, 1, vary=()
    )
    assert (mc.ranks == result.ranks.to_numpy()[None, :]).all()


def test_sensitivity_names_every_factor_most_influential_first(world) -> None:
    framework, raw, reference, goalposts, result = world
    found = uncertainty.sensitivity(
        raw, framework, reference, goalposts, result.weights, result.ranks.to_numpy(), RUNS
    )
    assert sorted(s.factor for s in found) == sorted(uncertainty.FACTORS)
    shifts = [s.mean_abs_rank_shift for s in found]
    assert shifts == sorted(shifts, reverse=True) and shifts[0] > 0
