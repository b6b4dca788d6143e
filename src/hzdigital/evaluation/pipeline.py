"""One run of the index: the steps in order, each logged with its parameters.

``run_pipeline(raw, framework, choices)`` takes the denominated values of one year (units ×
indicators) and returns every intermediate frame plus ``steps``: a list of
``{"step", "params"}`` dicts that, with the framework edition and the data, rebuild the
published index exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import pandas as pd

from hzdigital.evaluation import steps
from hzdigital.evaluation.framework import Framework

MIN_COVERAGE = 0.5  # an indicator observed for fewer than half the units is left out that year


@dataclass(frozen=True)
class Choices:
    """The method choices of one run (the reference run uses the defaults)."""

    imputation: str = "mean"  # mean | median | none
    outliers: str = "winsorise"  # winsorise | log | none
    normalisation: str = "minmax"  # minmax | zscore | distance | rank
    weighting: str = "manual"  # equal | manual | pca
    aggregation: str = "arithmetic"  # arithmetic | geometric

    def with_(self, **changes: str) -> Choices:
        return replace(self, **changes)


WEIGHTINGS = steps.WEIGHTINGS


@dataclass
class PipelineResult:
    raw: pd.DataFrame  # denominated values, units × indicators (all framework indicators)
    used: list[str]  # indicators with enough coverage this year
    imputed: pd.DataFrame  # bool, units × used indicators
    treated: pd.DataFrame  # after imputation and outlier treatment
    scores: pd.DataFrame  # normalised, 0–100 (z-scores excepted)
    weights: dict[str, float]  # flat indicator weights over ``used``, summing to 1
    dimensions: pd.DataFrame  # dimension scores, units × dimension keys
    index: pd.Series  # composite score per unit
    ranks: pd.Series  # 1 = best
    steps: list[dict[str, Any]] = field(default_factory=list)


def goalposts_from(
    raw_by_year: Mapping[int, pd.DataFrame], outliers: str = "winsorise"
) -> dict[str, steps.Goalposts]:
    """Fixed min–max goalposts: each indicator's lowest and highest value over every year and
    unit, after each year's outlier treatment (else one extreme unit would squeeze every other
    score), so that the same value scores the same in every year."""
    treated = [steps.treat_outliers(raw, outliers)[0] for raw in raw_by_year.values()]
    stacked = pd.concat(treated)
    return {
        c: steps.Goalposts(float(stacked[c].min()), float(stacked[c].max()))
        for c in stacked.columns
        if stacked[c].notna().any()
    }


def members(framework: Framework, used: list[str]) -> dict[str, list[str]]:
    """Dimension key → its indicators that are used this year (empty dimensions dropped)."""
    out = {d.key: [i.key for i in d.indicators if i.key in used] for d in framework.dimensions}
    return {k: v for k, v in out.items() if v}


def reference_weights(
    framework: Framework, used: list[str], method: str, scores: pd.DataFrame
) -> dict[str, float]:
    """Flat indicator weights over the used indicators, summing to 1."""
    if method == "equal":
        return steps.equal_weights(members(framework, used))
    if method == "pca":
        return steps.pca_weights(scores[used])
    if method == "manual":
        manual = {k: v for k, v in framework.manual_weights().items() if k in used}
        total = sum(manual.values())
        return {k: v / total for k, v in manual.items()}
    raise ValueError(f"unknown weighting {method!r}; choose one of {', '.join(WEIGHTINGS)}")


def normalised(
    raw: pd.DataFrame,
    framework: Framework,
    choices: Choices,
    goalposts: Mapping[str, steps.Goalposts],
) -> tuple[list[str], pd.DataFrame, pd.DataFrame, pd.DataFrame, list[dict[str, Any]]]:
    """Coverage, imputation, outliers and normalisation: the steps before weighting."""
    coverage = raw.notna().mean()
    used = [c for c in raw.columns if coverage[c] >= MIN_COVERAGE]
    dropped = {c: round(float(coverage[c]), 3) for c in raw.columns if c not in used}
    log: list[dict[str, Any]] = [
        {
            "step": "denominate",
            "params": {
                i.key: {"source": str(i.source), "denominator": i.denominator, "scale": i.scale}
                for i in framework.indicators
            },
        },
        {
            "step": "coverage",
            "params": {"min_share_of_units": MIN_COVERAGE, "dropped": dropped},
        },
    ]
    filled, imputed = steps.impute(raw[used], choices.imputation)
    log.append(
        {
            "step": "impute",
            "params": {
                "method": choices.imputation,
                "imputed": {
                    str(c): [str(u) for u in imputed.index[imputed[c]]]
                    for c in used
                    if imputed[c].any()
                },
            },
        }
    )
    treated, treatments = steps.treat_outliers(filled, choices.outliers)
    log.append(
        {
            "step": "outliers",
            "params": {
                "method": choices.outliers,
                "rule": {
                    "abs_skewness_above": steps.SKEW_LIMIT,
                    "kurtosis_above": steps.KURTOSIS_LIMIT,
                    "max_winsorised": steps.WINSOR_MAX,
                },
                "treated": [asdict(t) for t in treatments],
            },
        }
    )
    directions = {i.key: i.direction for i in framework.indicators}
    used_goalposts = {k: v for k, v in goalposts.items() if k in used}
    targets = {k: v for k, v in framework.targets().items() if k in used}
    scores = steps.normalise(treated, choices.normalisation, directions, used_goalposts, targets)
    params: dict[str, Any] = {
        "method": choices.normalisation,
        "directions": {k: directions[k] for k in used},
    }
    if choices.normalisation == "distance":
        params["reference"] = {k: targets.get(k, "best unit of the year") for k in used}
    if choices.normalisation == "minmax":
        params["goalposts"] = {k: [g.low, g.high] for k, g in used_goalposts.items()}
    log.append({"step": "normalise", "params": params})
    return used, imputed, treated, scores, log


def aggregate_scores(
    scores: pd.DataFrame,
    framework: Framework,
    used: list[str],
    weights: Mapping[str, float],
    choices: Choices,
) -> tuple[pd.DataFrame, pd.Series]:
    """Dimension scores (weighted arithmetic within a dimension) and the composite."""
    groups = members(framework, used)
    if choices.aggregation == "geometric":
        scores = steps.positive_scores(scores, choices.normalisation)
    dims = steps.dimension_scores(scores[used], weights, groups)
    dim_weights = {k: sum(weights[m] for m in v) for k, v in groups.items()}
    if choices.aggregation not in steps.AGGREGATIONS:
        raise ValueError(f"unknown aggregation {choices.aggregation!r}")
    return dims, steps.AGGREGATIONS[choices.aggregation](dims, dim_weights)


def ranks_of(index: pd.Series) -> pd.Series:
    """1 = highest score; ties broken by unit order and a unit without a score last, as the
    Monte Carlo does."""
    return index.rank(ascending=False, method="first", na_option="bottom").astype(int)


def run_pipeline(
    raw: pd.DataFrame,
    framework: Framework,
    choices: Choices,
    goalposts: Mapping[str, steps.Goalposts],
    weights: Mapping[str, float] | None = None,
) -> PipelineResult:
    """Every step of one run. ``weights`` overrides ``choices.weighting`` (the Monte Carlo's
    perturbed weights)."""
    used, imputed, treated, scores, log = normalised(raw, framework, choices, goalposts)
    if weights is None:
        weights = reference_weights(framework, used, choices.weighting, scores)
        weight_params: dict[str, Any] = {"method": choices.weighting}
    else:
        weight_params = {"method": "given"}
    weights = {k: float(weights[k]) for k in used}
    log.append({"step": "weight", "params": {**weight_params, "weights": weights}})
    dims, index = aggregate_scores(scores, framework, used, weights, choices)
    log.append(
        {
            "step": "aggregate",
            "params": {
                "within_dimension": "arithmetic",
                "across_dimensions": choices.aggregation,
                "geometric_shift": "1 + 0.99 × score (z-scores min–max'ed first)"
                if choices.aggregation == "geometric"
                else None,
            },
        }
    )
    return PipelineResult(
        raw=raw,
        used=used,
        imputed=imputed,
        treated=treated,
        scores=scores,
        weights=weights,
        dimensions=dims,
        index=index,
        ranks=ranks_of(index),
        steps=log,
    )
