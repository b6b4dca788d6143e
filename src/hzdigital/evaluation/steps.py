"""The composite-indicator steps, one pure function each, over a units × indicators frame.

Following the JRC/OECD *Handbook on Constructing Composite Indicators* (2008): impute
(section 1.4), treat outliers (the JRC skew/kurtosis rule), normalise (section 1.5: min–max,
z-score, distance to a reference, ranking), weight (section 1.6: equal, manual, PCA) and
aggregate (section 1.7: arithmetic, geometric). Rows are units (districts), columns are
indicators; every function returns new frames and never changes its input.

A five-unit example used by the doctests:

>>> import pandas as pd
>>> x = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0, None], "b": [10.0, 0.0, 5.0, 5.0, 5.0]},
...                  index=list("PQRST"))
>>> filled, flags = impute(x, "mean")
>>> float(filled.loc["T", "a"]), bool(flags.loc["T", "a"])
(2.5, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

SKEW_LIMIT = 2.0  # JRC rule: treat when |skewness| > 2 …
KURTOSIS_LIMIT = 3.5  # … and (excess) kurtosis > 3.5
WINSOR_MAX = 3  # at most this many values replaced per indicator (about a quarter of 13 units)
SCORE_SCALE = 100.0  # normalised scores run 0–100 (z-scores excepted)


# ---------------------------------------------------------------- impute


def impute(x: pd.DataFrame, method: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill missing cells with the indicator's mean or median over units, or leave them.

    Returns the filled frame and a boolean frame flagging the imputed cells.

    >>> x = pd.DataFrame({"a": [1.0, 2.0, 9.0, None, None]})
    >>> impute(x, "median")[0].a.tolist()
    [1.0, 2.0, 9.0, 2.0, 2.0]
    >>> int(impute(x, "none")[1].a.sum())
    0
    """
    if method not in IMPUTATIONS:
        raise ValueError(f"unknown imputation {method!r}; choose one of {', '.join(IMPUTATIONS)}")
    missing = x.isna()
    fill = IMPUTATIONS[method]
    if fill is None:
        return x.copy(), missing & False
    return x.fillna(fill(x)), missing


IMPUTATIONS: dict[str, Callable[[pd.DataFrame], pd.Series] | None] = {
    "mean": lambda x: x.mean(),
    "median": lambda x: x.median(),
    "none": None,  # missing stays missing; aggregation re-weights over what is present
}


# ---------------------------------------------------------------- outliers


@dataclass(frozen=True)
class OutlierTreatment:
    indicator: str
    skewness: float  # before treatment
    kurtosis: float  # excess kurtosis before treatment
    action: str  # winsorised | log | none
    units: tuple[str, ...]  # winsorised units (empty for log)


def _flags_outliers(values: pd.Series) -> bool:
    values = values.dropna()
    if len(values) < 4 or values.std() == 0:
        return False
    return bool(abs(values.skew()) > SKEW_LIMIT and values.kurt() > KURTOSIS_LIMIT)


def _winsorise(values: pd.Series, limit: int) -> tuple[pd.Series, list[str]]:
    """Replace the most extreme value by the next one, on the side of the skew, until the rule
    passes or ``limit`` values have been replaced."""
    values = values.copy()
    changed: list[str] = []
    while _flags_outliers(values) and len(changed) < limit:
        present = values.dropna()
        high = present.skew() > 0
        order = present.sort_values(ascending=not high)
        values[order.index[0]] = order.iloc[1]
        changed.append(str(order.index[0]))
    return values, changed


def treat_outliers(x: pd.DataFrame, method: str) -> tuple[pd.DataFrame, list[OutlierTreatment]]:
    """Treat indicators whose |skewness| > 2 and kurtosis > 3.5 (JRC rule).

    ``winsorise`` pulls in the extreme values one by one (at most ``WINSOR_MAX``); ``log``
    replaces the whole indicator by ln(1 + x − min); ``none`` only reports.

    >>> x = pd.DataFrame({"a": [1.0, 1.1, 0.9, 1.0, 1.2, 0.8, 1.0, 40.0]})
    >>> treated, log = treat_outliers(x, "winsorise")
    >>> log[0].action, log[0].units, float(treated.a.max())
    ('winsorised', ('7',), 1.2)
    """
    if method not in OUTLIER_METHODS:
        raise ValueError(f"unknown outlier method {method!r}; choose {', '.join(OUTLIER_METHODS)}")
    x = x.copy()
    x.index = x.index.map(str)
    log: list[OutlierTreatment] = []
    for column in x.columns:
        values = x[column]
        if not _flags_outliers(values):
            continue
        skew, kurt = float(values.skew()), float(values.kurt())
        units: list[str] = []
        if method == "winsorise":
            x[column], units = _winsorise(values, WINSOR_MAX)
        elif method == "log":
            x[column] = np.log1p(values - values.min())
        log.append(OutlierTreatment(str(column), skew, kurt, method_action(method), tuple(units)))
    return x, log


def method_action(method: str) -> str:
    return {"winsorise": "winsorised", "log": "log", "none": "none"}[method]


OUTLIER_METHODS = ("winsorise", "log", "none")


# ---------------------------------------------------------------- normalise


@dataclass(frozen=True)
class Goalposts:
    low: float  # value mapped to 0
    high: float  # value mapped to 100


def _oriented(x: pd.DataFrame, directions: Mapping[str, str]) -> pd.DataFrame:
    """Flip 'lower is better' indicators so that higher is always better."""
    signs = pd.Series({c: -1.0 if directions.get(c) == "lower" else 1.0 for c in x.columns})
    return x * signs


def minmax(
    x: pd.DataFrame,
    directions: Mapping[str, str],
    goalposts: Mapping[str, Goalposts] | None = None,
) -> pd.DataFrame:
    """Handbook (1.5): I = (x − min) / (max − min) × 100, with fixed goalposts when given, so
    that a score of the same value is the same in every year; values are clipped to them.

    >>> x = pd.DataFrame({"a": [2.0, 4.0, 6.0, 8.0, 10.0]})
    >>> minmax(x, {"a": "higher"}).a.tolist()
    [0.0, 25.0, 50.0, 75.0, 100.0]
    >>> minmax(x, {"a": "lower"}).a.tolist()
    [100.0, 75.0, 50.0, 25.0, 0.0]
    >>> minmax(x, {"a": "higher"}, {"a": Goalposts(0.0, 20.0)}).a.tolist()
    [10.0, 20.0, 30.0, 40.0, 50.0]
    """
    out = {}
    for column in x.columns:
        values = x[column]
        if goalposts and column in goalposts:
            low, high = goalposts[column].low, goalposts[column].high
        else:
            low, high = float(values.min()), float(values.max())
        span = high - low
        scaled = (values - low) / span if span else values * 0 + 0.5
        if directions.get(column) == "lower":
            scaled = 1 - scaled
        out[column] = scaled.clip(0, 1) * SCORE_SCALE
    return pd.DataFrame(out, index=x.index)


def zscore(x: pd.DataFrame, directions: Mapping[str, str]) -> pd.DataFrame:
    """Handbook (1.5): I = (x − mean) / sd (sample sd, n − 1).

    >>> x = pd.DataFrame({"a": [2.0, 4.0, 6.0, 8.0, 10.0]})
    >>> [round(v, 4) for v in zscore(x, {"a": "higher"}).a]
    [-1.2649, -0.6325, 0.0, 0.6325, 1.2649]
    """
    y = _oriented(x, directions)
    sd = y.std().replace(0, 1.0)
    return (y - y.mean()) / sd


def distance_to_reference(
    x: pd.DataFrame, directions: Mapping[str, str], targets: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Handbook (1.5): I = x / x_ref × 100, x_ref = the indicator's target when the framework
    gives one, else the best unit of the year (distance to the leader); for 'lower is better'
    I = x_ref / x × 100.

    >>> x = pd.DataFrame({"a": [2.0, 4.0, 6.0, 8.0, 10.0]})
    >>> distance_to_reference(x, {"a": "higher"}).a.tolist()
    [20.0, 40.0, 60.0, 80.0, 100.0]
    >>> distance_to_reference(x, {"a": "lower"}).a.tolist()
    [100.0, 50.0, 33.33333333333333, 25.0, 20.0]
    """
    out = {}
    for column in x.columns:
        values = x[column]
        lower = directions.get(column) == "lower"
        reference = (targets or {}).get(column)
        if reference is None:
            reference = float(values.min() if lower else values.max())
        ratio = reference / values if lower else values / reference
        out[column] = ratio.replace([np.inf, -np.inf], np.nan) * SCORE_SCALE
    return pd.DataFrame(out, index=x.index)


def rank_scores(x: pd.DataFrame, directions: Mapping[str, str]) -> pd.DataFrame:
    """Handbook (1.5) ranking: I = rank of the unit (1 = worst), rescaled to (rank − 1) /
    (n − 1) × 100; ties share their average rank.

    >>> x = pd.DataFrame({"a": [5.0, 1.0, 3.0, 3.0, 9.0]})
    >>> rank_scores(x, {"a": "higher"}).a.tolist()
    [75.0, 0.0, 37.5, 37.5, 100.0]
    """
    y = _oriented(x, directions)
    counts = y.notna().sum()
    return (y.rank(method="average") - 1) / (counts - 1).replace(0, 1) * SCORE_SCALE


NORMALISATIONS = ("minmax", "zscore", "distance", "rank")
WEIGHTINGS = ("equal", "manual", "pca")


def normalise(
    x: pd.DataFrame,
    method: str,
    directions: Mapping[str, str],
    goalposts: Mapping[str, Goalposts] | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    if method == "minmax":
        return minmax(x, directions, goalposts)
    if method == "zscore":
        return zscore(x, directions)
    if method == "distance":
        return distance_to_reference(x, directions, targets)
    if method == "rank":
        return rank_scores(x, directions)
    raise ValueError(f"unknown normalisation {method!r}; choose one of {', '.join(NORMALISATIONS)}")


def positive_scores(s: pd.DataFrame, method: str) -> pd.DataFrame:
    """Scores moved onto 1–100 for the geometric mean, which needs positive values: the 0–100
    normalisations as 1 + 0.99 s; z-scores min–max'ed over the units first.

    >>> s = pd.DataFrame({"a": [0.0, 50.0, 100.0]})
    >>> positive_scores(s, "minmax").a.tolist()
    [1.0, 50.5, 100.0]
    """
    if method == "zscore":
        s = (s - s.min()) / (s.max() - s.min()).replace(0, 1.0) * SCORE_SCALE
    return 1 + s.clip(lower=0) * 0.99


# ---------------------------------------------------------------- weight


def equal_weights(dimensions: Mapping[str, list[str]]) -> dict[str, float]:
    """Each dimension weighs the same; within it, each indicator weighs the same.

    >>> equal_weights({"d1": ["a", "b"], "d2": ["c"]})
    {'a': 0.25, 'b': 0.25, 'c': 0.5}
    """
    share = 1 / len(dimensions)
    return {i: share / len(keys) for keys in dimensions.values() for i in keys}


def pca_weights(s: pd.DataFrame) -> dict[str, float]:
    """Weights ∝ squared loadings of the first principal component of the indicators'
    correlation matrix (Handbook 1.6.2, one-factor case), summing to 1.

    >>> s = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [2.0, 4, 6, 8, 11], "c": [5.0, 3, 4, 1, 2]})
    >>> w = pca_weights(s)
    >>> round(sum(w.values()), 12), max(w, key=w.get) != "c"
    (1.0, True)
    """
    filled = s.fillna(s.mean())
    sd = filled.std().replace(0, np.nan)
    z = ((filled - filled.mean()) / sd).dropna(axis=1)
    correlation = np.corrcoef(z.to_numpy(), rowvar=False)
    eigenvalues, eigenvectors = np.linalg.eigh(correlation)
    first = eigenvectors[:, np.argmax(eigenvalues)]
    squared = first**2 / np.sum(first**2)
    weights = dict.fromkeys(s.columns, 0.0)
    weights.update(dict(zip(z.columns, squared.tolist(), strict=True)))
    return weights


# ---------------------------------------------------------------- aggregate


def dimension_scores(
    s: pd.DataFrame, weights: Mapping[str, float], dimensions: Mapping[str, list[str]]
) -> pd.DataFrame:
    """Weighted arithmetic mean of the indicator scores within each dimension, over the
    indicators present (a missing cell's weight goes to the others of its dimension).

    >>> s = pd.DataFrame({"a": [0.0, 100.0], "b": [50.0, None], "c": [20.0, 40.0]})
    >>> d = dimension_scores(s, {"a": 0.25, "b": 0.25, "c": 0.5}, {"x": ["a", "b"], "y": ["c"]})
    >>> d.x.tolist(), d.y.tolist()
    ([25.0, 100.0], [20.0, 40.0])
    """
    out = {}
    for key, members in dimensions.items():
        block = s[members]
        w = pd.Series({m: weights[m] for m in members})
        present = block.notna()
        total = present.mul(w).sum(axis=1)
        out[key] = block.fillna(0).mul(w).sum(axis=1) / total.where(total > 0)
    return pd.DataFrame(out, index=s.index)


def arithmetic(d: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Handbook (1.7.1): CI = Σ w_d · D_d / Σ w_d over the dimensions present.

    >>> d = pd.DataFrame({"x": [10.0, 40.0], "y": [30.0, 40.0]})
    >>> arithmetic(d, {"x": 0.25, "y": 0.75}).tolist()
    [25.0, 40.0]
    """
    w = pd.Series(weights)[d.columns]
    present = d.notna()
    return d.fillna(0).mul(w).sum(axis=1) / present.mul(w).sum(axis=1)


def geometric(d: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Handbook (1.7.2): CI = Π D_d ^ (w_d / Σ w_d), over the dimensions present; D_d > 0.

    >>> d = pd.DataFrame({"x": [10.0, 40.0], "y": [40.0, 40.0]})
    >>> [round(v, 9) for v in geometric(d, {"x": 0.5, "y": 0.5})]
    [20.0, 40.0]
    """
    if (d <= 0).any().any():
        raise ValueError("geometric aggregation needs positive scores")
    w = pd.Series(weights)[d.columns]
    present = d.notna()
    logs = np.log(d).fillna(0).mul(w).sum(axis=1) / present.mul(w).sum(axis=1)
    return np.exp(logs)


AGGREGATIONS: dict[str, Callable[[pd.DataFrame, Mapping[str, float]], pd.Series]] = {
    "arithmetic": arithmetic,
    "geometric": geometric,
}
