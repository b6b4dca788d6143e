"""Uncertainty: a seeded Monte Carlo over weights and method choices, and a sensitivity
analysis of which choice moves the ranks most.

Each run draws, independently:

===============  ==========================================================================
weights          each reference weight × U(1 − 25 %, 1 + 25 %), renormalised to sum to 1
normalisation    uniformly among min–max (fixed goalposts), z-score, distance to leader, rank
aggregation      uniformly between arithmetic and geometric (across dimensions)
imputation       uniformly among mean, median and none (re-weighting over present cells)
===============  ==========================================================================

The runs are vectorised: the few (imputation × normalisation) score matrices are computed once
with the same step functions the pipeline uses, and all runs are then evaluated at once with
numpy over a (runs × units × indicators) array. :func:`naive_ranks` loops over the same draws
one pipeline run at a time; the tests hold the two to the same ranks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hzdigital.evaluation import steps
from hzdigital.evaluation.framework import Framework
from hzdigital.evaluation.pipeline import (
    Choices,
    members,
    normalised,
    run_pipeline,
)

WEIGHT_SPREAD = 0.25  # ± share by which each weight is perturbed
NORMALISATION_OPTIONS = ("minmax", "zscore", "distance", "rank")
AGGREGATION_OPTIONS = ("arithmetic", "geometric")
IMPUTATION_OPTIONS = ("mean", "median", "none")
FACTORS = ("weights", "normalisation", "aggregation", "imputation")
INTERVAL_PERCENTILES = (5, 95)


@dataclass(frozen=True)
class Draws:
    """What each run uses; indices point into the *_OPTIONS tuples."""

    weights: np.ndarray  # runs × indicators, each row sums to 1
    normalisation: np.ndarray  # runs, int
    aggregation: np.ndarray  # runs, int
    imputation: np.ndarray  # runs, int

    def choices(self, run: int, reference: Choices) -> Choices:
        return reference.with_(
            normalisation=NORMALISATION_OPTIONS[self.normalisation[run]],
            aggregation=AGGREGATION_OPTIONS[self.aggregation[run]],
            imputation=IMPUTATION_OPTIONS[self.imputation[run]],
        )


def _index_of(options: tuple[str, ...], value: str) -> int:
    return options.index(value) if value in options else 0


def draw(
    runs: int,
    seed: int,
    reference: Choices,
    weights: np.ndarray,
    vary: tuple[str, ...] = FACTORS,
) -> Draws:
    """Seeded draws; factors not in ``vary`` stay at the reference for every run."""
    rng = np.random.default_rng(seed)
    factor = rng.uniform(1 - WEIGHT_SPREAD, 1 + WEIGHT_SPREAD, size=(runs, len(weights)))
    perturbed = weights * factor if "weights" in vary else np.tile(weights, (runs, 1))
    perturbed = perturbed / perturbed.sum(axis=1, keepdims=True)

    def pick(name: str, options: tuple[str, ...], value: str) -> np.ndarray:
        picked = rng.integers(0, len(options), size=runs)  # drawn always: same stream for OAT
        return picked if name in vary else np.full(runs, _index_of(options, value))

    return Draws(
        weights=perturbed,
        normalisation=pick("normalisation", NORMALISATION_OPTIONS, reference.normalisation),
        aggregation=pick("aggregation", AGGREGATION_OPTIONS, reference.aggregation),
        imputation=pick("imputation", IMPUTATION_OPTIONS, reference.imputation),
    )


def score_stack(
    raw: pd.DataFrame,
    framework: Framework,
    reference: Choices,
    goalposts: Mapping[str, steps.Goalposts],
) -> tuple[list[str], np.ndarray]:
    """Scores for every (imputation, normalisation, aggregation) option:
    array [imputation, normalisation, aggregation, unit, indicator]; geometric uses the
    positive-shifted scores, exactly as the pipeline does."""
    used: list[str] = []
    blocks = []
    directions = {i.key: i.direction for i in framework.indicators}
    for imputation in IMPUTATION_OPTIONS:
        # Imputation and outlier treatment once per imputation; only normalisation varies.
        used, _, treated, _, _ = normalised(
            raw, framework, reference.with_(imputation=imputation), goalposts
        )
        posts = {k: v for k, v in goalposts.items() if k in used}
        targets = {k: v for k, v in framework.targets().items() if k in used}
        row = []
        for normalisation in NORMALISATION_OPTIONS:
            scores = steps.normalise(treated, normalisation, directions, posts, targets)
            arithmetic = scores[used].to_numpy(dtype="float64")
            geometric = steps.positive_scores(scores[used], normalisation).to_numpy("float64")
            row.append([arithmetic, geometric])
        blocks.append(row)
    return used, np.array(blocks)


def vectorised_scores(stack: np.ndarray, membership: np.ndarray, draws: Draws) -> np.ndarray:
    """Composite scores, runs × units, for every run at once.

    ``membership`` is indicators × dimensions (1 where the indicator belongs)."""
    x = stack[draws.imputation, draws.normalisation, draws.aggregation]  # runs × units × ind
    present = ~np.isnan(x)
    x = np.nan_to_num(x)
    w = draws.weights[:, None, :]  # runs × 1 × indicators
    numerator = np.einsum("rui,id->rud", x * w * present, membership)
    denominator = np.einsum("rui,id->rud", w * present, membership)
    with np.errstate(invalid="ignore", divide="ignore"):
        dims = numerator / denominator  # runs × units × dimensions
    dim_weights = (draws.weights @ membership)[:, None, :]  # runs × 1 × dimensions
    dim_present = ~np.isnan(dims)
    total = (dim_weights * dim_present).sum(axis=2)
    # A unit with no value in any dimension scores NaN and ranks last, as in the pipeline.
    with np.errstate(invalid="ignore", divide="ignore"):
        arithmetic = (np.nan_to_num(dims) * dim_weights).sum(axis=2) / total
        logs = np.where(dim_present, np.log(np.where(dim_present, dims, 1.0)), 0.0)
        geometric = np.exp((logs * dim_weights).sum(axis=2) / total)
    return np.where(draws.aggregation[:, None] == 1, geometric, arithmetic)


def ranks_from_scores(scores: np.ndarray) -> np.ndarray:
    """runs × units scores → ranks (1 = best), ties to the earlier unit, NaN last."""
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.empty_like(order)
    rows = np.arange(scores.shape[0])[:, None]
    ranks[rows, order] = np.arange(1, scores.shape[1] + 1)
    return ranks


def membership_matrix(framework: Framework, used: list[str]) -> np.ndarray:
    groups = members(framework, used)
    matrix = np.zeros((len(used), len(groups)))
    for d, keys in enumerate(groups.values()):
        for key in keys:
            matrix[used.index(key), d] = 1.0
    return matrix


@dataclass(frozen=True)
class MonteCarlo:
    runs: int
    seed: int
    ranks: np.ndarray  # runs × units
    units: list[str]

    def median_rank(self) -> np.ndarray:
        """The lower median (an observed rank, so always a whole number)."""
        return np.quantile(self.ranks, 0.5, axis=0, method="inverted_cdf").astype(int)

    def interval(self) -> np.ndarray:
        """units × 2: the 5th and 95th percentile ranks."""
        q = np.array(INTERVAL_PERCENTILES) / 100
        return np.quantile(self.ranks, q, axis=0, method="inverted_cdf").T.astype(int)


def monte_carlo(
    raw: pd.DataFrame,
    framework: Framework,
    reference: Choices,
    goalposts: Mapping[str, steps.Goalposts],
    weights: Mapping[str, float],
    runs: int = 1000,
    seed: int = 2021,
    vary: tuple[str, ...] = FACTORS,
    stack: tuple[list[str], np.ndarray] | None = None,
) -> MonteCarlo:
    """Ranks of ``runs`` seeded runs; ``stack`` reuses a :func:`score_stack` already built."""
    used, stack_array = stack or score_stack(raw, framework, reference, goalposts)
    base = np.array([weights[k] for k in used])
    draws = draw(runs, seed, reference, base, vary)
    scores = vectorised_scores(stack_array, membership_matrix(framework, used), draws)
    return MonteCarlo(runs, seed, ranks_from_scores(scores), [str(u) for u in raw.index])


def naive_ranks(
    raw: pd.DataFrame,
    framework: Framework,
    reference: Choices,
    goalposts: Mapping[str, steps.Goalposts],
    weights: Mapping[str, float],
    runs: int = 1000,
    seed: int = 2021,
) -> np.ndarray:
    """The same Monte Carlo, one full pipeline run per draw (the benchmark's baseline)."""
    used = [k for k in weights]
    draws = draw(runs, seed, reference, np.array([weights[k] for k in used]))
    out = []
    for run in range(runs):
        given = dict(zip(used, draws.weights[run].tolist(), strict=True))
        result = run_pipeline(raw, framework, draws.choices(run, reference), goalposts, given)
        out.append(result.ranks.to_numpy())
    return np.array(out)


@dataclass(frozen=True)
class Sensitivity:
    factor: str  # weights | normalisation | aggregation | imputation
    mean_abs_rank_shift: float  # mean over runs and units of |rank − reference rank|
    max_abs_rank_shift: int


def sensitivity(
    raw: pd.DataFrame,
    framework: Framework,
    reference: Choices,
    goalposts: Mapping[str, steps.Goalposts],
    weights: Mapping[str, float],
    reference_ranks: np.ndarray,
    runs: int = 1000,
    seed: int = 2021,
    stack: tuple[list[str], np.ndarray] | None = None,
) -> list[Sensitivity]:
    """One factor at a time: vary only it, hold the rest at the reference, and measure how
    far the ranks move. Sorted, the most influential factor first."""
    stack = stack or score_stack(raw, framework, reference, goalposts)
    out = []
    for factor in FACTORS:
        mc = monte_carlo(
            raw, framework, reference, goalposts, weights, runs, seed, (factor,), stack
        )
        shift = np.abs(mc.ranks - reference_ranks[None, :])
        out.append(Sensitivity(factor, round(float(shift.mean()), 4), int(shift.max())))
    return sorted(out, key=lambda s: -s.mean_abs_rank_shift)
