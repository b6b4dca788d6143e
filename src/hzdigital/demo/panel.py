"""The enterprise panel: who exists in which year, where, in which class, and how big.

All sampling is vectorised over enterprises (``m``) or enterprise-years (``n``); strings
(codes, names, scopes) are made once per enterprise and spread to its rows by index.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from hzdigital.demo import calibration, profiles, reference, text
from hzdigital.demo.codes import SUBJECT_SPACE, UsccMaker, division_digits

# Panel assumptions (synthetic, documented in the calibration report's notes).
INCUMBENT_SHARE = 0.70  # enterprises already active in the first year
SURVIVOR_SHARE = 0.85  # enterprises still active in the last year
KIND_SHARES = {"core": 0.62, "efficiency": 0.14, "partial": 0.02, "plain": 0.22}
LOG_REVENUE_SIGMA = 2.0  # spread of log revenue: the top 1% of rows hold some 35-40% of revenue
ENTRANT_LOG_OFFSET = -0.8  # entrants start smaller
LEADER_LOG_OFFSET = 2.5  # each district's leading enterprise (always core, always active)
GROWTH_MEAN, GROWTH_SD = 0.08, 0.10  # firm-level yearly growth of log revenue
YEAR_NOISE_SD = 0.12  # year-to-year noise of log revenue
VALUE_ADDED_NOISE_SD = 0.20
EMPLOYEE_NOISE_SD = 0.30
RD_NOISE_SD = 0.50
LOSS_MAKER_SHARE = 0.01  # non-core rows with negative value added (losses exceed wages)
CORE_DISTRICT_TEMPER = 0.6  # core firms per district ~ (district share of core)^0.6


def _spans(m: int, k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Entry and exit year indices (inclusive) of ``m`` enterprises over ``k`` years."""
    incumbent = rng.random(m) < INCUMBENT_SHARE
    entry = np.where(incumbent, 0, rng.integers(0, k, size=m))
    survives = rng.random(m) < SURVIVOR_SHARE
    exit_ = np.where(survives, k - 1, entry + rng.integers(0, k - entry))
    return entry, exit_


def _enterprise_years(n: int, k: int, rng: np.random.Generator):
    """Enough enterprises for exactly ``n`` rows; the first ``leaders`` span every year."""
    leaders = len(reference.district_codes())
    mean_span = max(1.0, k * 0.8)
    entry, exit_ = _spans(int(n / mean_span * 1.2) + leaders + 8, k, rng)
    while (exit_ - entry + 1).sum() < n:  # rare: draw more enterprises
        more_entry, more_exit = _spans(n, k, rng)
        entry, exit_ = np.concatenate([entry, more_entry]), np.concatenate([exit_, more_exit])
    entry[:leaders], exit_[:leaders] = 0, k - 1
    span = exit_ - entry + 1
    cumulative = np.cumsum(span)
    m = int(np.searchsorted(cumulative, n)) + 1
    entry, exit_, span = entry[:m], exit_[:m].copy(), span[:m].copy()
    excess = int(cumulative[m - 1] - n)
    span[-1] -= excess
    exit_[-1] -= excess
    return entry, exit_, span, min(leaders, m)


def _weights(values: dict[str, float], keys: list[str]) -> np.ndarray:
    w = np.array([values[key] for key in keys], dtype=float)
    return w / w.sum()


KINDS = ("core", "efficiency", "partial", "plain")
CORE, EFFICIENCY, PARTIAL, PLAIN = range(len(KINDS))


@cache
def class_codes() -> np.ndarray:
    """Every GB/T 4754 class code in code order: enterprises hold an index into it."""
    return np.array(sorted(reference.industry_classes()), dtype=object)


@cache
def efficiency_phrases() -> tuple[str, ...]:
    """Index 0 = no 05 activity; then the 05 phrases in sub-category order."""
    subs = sorted(reference.EFFICIENCY_SUBCATEGORIES)
    return ("", *(reference.EFFICIENCY_SUBCATEGORIES[sub][1] for sub in subs))


def _ids(codes: list[str] | tuple[str, ...]) -> np.ndarray:
    position = {code: i for i, code in enumerate(class_codes())}
    return np.array([position[code] for code in codes], dtype=np.int64)


def _assign_classes(
    kind: np.ndarray, district: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Class index per enterprise, and the 05 activity index (0 = none)."""
    m = len(kind)
    class_id = np.zeros(m, dtype=np.int64)
    activity = np.zeros(m, dtype=np.int64)
    core_codes = sorted(reference.core_full_classes())
    core_ids = _ids(core_codes)
    base = np.array([reference.CORE_CLASS_BASE_WEIGHT.get(c, 1.0) for c in core_codes])
    for d, district_code in enumerate(reference.district_codes()):
        chosen = np.flatnonzero((kind == CORE) & (district == d))
        key = reference.key_classes_of(district_code)
        boost = np.array([1.0 + reference.KEY_INDUSTRY_BOOST * (c in key) for c in core_codes])
        p = base * boost / (base * boost).sum()
        class_id[chosen] = core_ids[rng.choice(len(core_codes), len(chosen), p=p)]
    plain_classes = reference.non_digital_classes()
    subs = sorted(reference.EFFICIENCY_SUBCATEGORIES)
    efficient = np.flatnonzero(kind == EFFICIENCY)
    picked = rng.integers(0, len(subs), size=len(efficient))
    for s, sub in enumerate(subs):
        rows = efficient[picked == s]
        divisions, _ = reference.EFFICIENCY_SUBCATEGORIES[sub]
        pool = _ids([c for division in divisions for c in plain_classes[division]])
        class_id[rows] = pool[rng.integers(0, len(pool), size=len(rows))]
        activity[rows] = s + 1
    partial = np.flatnonzero(kind == PARTIAL)
    pool = _ids(reference.partial_classes())
    class_id[partial] = pool[rng.integers(0, len(pool), size=len(partial))]
    plain = np.flatnonzero(kind == PLAIN)
    plain_divisions = sorted(reference.NON_DIGITAL_DIVISION_WEIGHT)
    weights = _weights(reference.NON_DIGITAL_DIVISION_WEIGHT, plain_divisions)
    division_pick = rng.choice(len(plain_divisions), len(plain), p=weights)
    for i, division in enumerate(plain_divisions):
        rows = plain[division_pick == i]
        pool = _ids(plain_classes[division])
        class_id[rows] = pool[rng.integers(0, len(pool), size=len(rows))]
    return class_id, activity


def _district_weights(years: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities of a district for core and for other enterprises."""
    districts = list(reference.district_codes())
    share = dict.fromkeys(districts, 0.0)
    for target in calibration.calibration_targets(years):
        if target.indicator == calibration.VALUE_ADDED and target.division_code in share:
            share[target.division_code] += target.target_wan_yuan
    core = np.array([share[d] for d in districts]) ** CORE_DISTRICT_TEMPER
    gdp_by_code = calibration.district_gdp_yi_yuan()
    gdp = np.array([gdp_by_code[d] for d in districts])
    return core / core.sum(), gdp / gdp.sum()


@cache
def _profile_table() -> dict[str, np.ndarray]:
    """Each size-profile field as an array over ``class_codes()``."""
    chosen = [profiles.profile_of(code) for code in class_codes()]
    return {
        field: np.array([getattr(profile, field) for profile in chosen])
        for field in (
            "value_added_share",
            "revenue_per_employee_wan_yuan",
            "rd_intensity",
            "rd_reporting_share",
        )
    }


def _scopes(
    class_id: np.ndarray, kind: np.ndarray, activity: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct scope strings, and each enterprise's index into them."""
    phrases = efficiency_phrases()
    key = (class_id * len(KINDS) + kind) * len(phrases) + activity
    combo_id, unique_keys = pd.factorize(key)
    templates = text.build_scope_templates(
        class_codes()[unique_keys // (len(KINDS) * len(phrases))].tolist(),
        [KINDS[k] for k in unique_keys // len(phrases) % len(KINDS)],
        [phrases[a] for a in unique_keys % len(phrases)],
        rng,
    )
    pool = np.array([scope for variants in templates for scope in variants], dtype=object)
    variant = rng.integers(0, text.SCOPE_VARIANTS, size=len(class_id))
    return pool, combo_id * text.SCOPE_VARIANTS + variant


def _scale_to_targets(
    revenue: np.ndarray,
    value_added: np.ndarray,
    cell: np.ndarray,
    core: np.ndarray,
    year_index: np.ndarray,
    years: tuple[int, ...],
) -> tuple[np.ndarray, np.ndarray]:
    """Scale core rows per (year, district) cell to the targets; other rows per year."""
    districts = reference.district_codes()
    d = len(districts)
    cells = len(years) * d
    target_revenue = np.zeros(cells)
    target_va = np.zeros(cells)
    position = {code: i for i, code in enumerate(districts)}
    for y, year in enumerate(years):
        for target in calibration.targets_for_year(year):
            if target.division_code not in position:
                continue
            slot = y * d + position[target.division_code]
            # Targets are rounded to the cent-of-万元 the output is rounded to.
            value = round(target.target_wan_yuan, 2)
            if target.indicator == calibration.REVENUE:
                target_revenue[slot] = value
            else:
                target_va[slot] = value
    raw_revenue = np.bincount(cell[core], revenue[core], minlength=cells)
    raw_va = np.bincount(cell[core], value_added[core], minlength=cells)
    with np.errstate(divide="ignore", invalid="ignore"):
        revenue_factor = np.where(raw_revenue > 0, target_revenue / raw_revenue, 0.0)
        va_factor = np.where(raw_va > 0, target_va / raw_va, 0.0)
        # Non-core enterprises get their year's overall core scale, so a non-digital firm of
        # a given draw is as big as a digital one of the same draw.
        year_raw = raw_revenue.reshape(len(years), d).sum(axis=1)
        year_factor = np.where(
            year_raw > 0, target_revenue.reshape(len(years), d).sum(axis=1) / year_raw, 1.0
        )
    scaled_revenue = np.where(
        core, revenue * revenue_factor[cell], revenue * year_factor[year_index]
    )
    scaled_va = np.where(core, value_added * va_factor[cell], value_added * year_factor[year_index])
    scaled_revenue = np.round(scaled_revenue, 2)
    scaled_va = np.round(scaled_va, 2)
    _absorb_rounding(scaled_revenue, target_revenue, cell, core)
    _absorb_rounding(scaled_va, target_va, cell, core)
    return scaled_revenue, scaled_va


def _absorb_rounding(
    values: np.ndarray, targets: np.ndarray, cell: np.ndarray, core: np.ndarray
) -> None:
    """Put each cell's rounding residual on its largest core row, so the cell sum is exact."""
    rows = np.flatnonzero(core)
    if len(rows) == 0:
        return
    largest = pd.Series(values[rows]).groupby(cell[rows]).idxmax()
    last_of_cell = rows[largest.to_numpy()]
    sums = np.bincount(cell[rows], values[rows], minlength=len(targets))
    residual = targets[cell[last_of_cell]] - sums[cell[last_of_cell]]
    values[last_of_cell] = np.round(values[last_of_cell] + residual, 2)


def _spread(values: np.ndarray, index: np.ndarray) -> pd.Series:
    """Strings made once per enterprise (or class) repeated onto rows.

    An object column of shared Python strings: rows of one enterprise point at one string, so
    a million rows cost pointers, not a million copies of a long business scope (an Arrow
    ``str`` column would copy every one). Writers convert on the way out.
    """
    return pd.Series(np.asarray(values, dtype=object)[index], dtype=object)


def build_panel(
    n: int, years: tuple[int, ...], rng: np.random.Generator
) -> tuple[pd.DataFrame, UsccMaker]:
    """``n`` calibrated enterprise-year rows, sorted by year; and the USCC issuer used."""
    k = len(years)
    entry, exit_, span, leaders = _enterprise_years(n, k, rng)
    m = len(span)
    districts = np.array(reference.district_codes(), dtype=object)

    kind = rng.choice(len(KINDS), m, p=_weights(KIND_SHARES, list(KINDS)))
    kind[:leaders] = CORE
    core_p, other_p = _district_weights(years)
    district = np.where(
        kind == CORE,
        rng.choice(len(districts), m, p=core_p),
        rng.choice(len(districts), m, p=other_p),
    )
    district[:leaders] = np.arange(leaders)  # one leading enterprise in every district
    class_id, activity = _assign_classes(kind, district, rng)

    log_base = rng.normal(0.0, LOG_REVENUE_SIGMA, m) + np.where(entry > 0, ENTRANT_LOG_OFFSET, 0.0)
    log_base[:leaders] += LEADER_LOG_OFFSET
    growth = rng.normal(GROWTH_MEAN, GROWTH_SD, m)
    firm_employee_noise = rng.lognormal(0.0, EMPLOYEE_NOISE_SD, m)
    firm_rd_noise = rng.lognormal(0.0, RD_NOISE_SD, m)
    profile = {field: values[class_id] for field, values in _profile_table().items()}
    reports_rd = rng.random(m) < profile["rd_reporting_share"]

    firm = np.repeat(np.arange(m), span)
    year_index = entry[firm] + (np.arange(n) - np.repeat(np.cumsum(span) - span, span))
    # One year after another, as statistical returns come in; enterprises in order within.
    order = np.argsort(year_index.astype(np.int16), kind="stable")
    firm, year_index = firm[order], year_index[order]
    revenue = np.exp(log_base[firm] + growth[firm] * year_index + rng.normal(0.0, YEAR_NOISE_SD, n))
    value_added = (
        revenue * profile["value_added_share"][firm] * rng.lognormal(0.0, VALUE_ADDED_NOISE_SD, n)
    )
    core_row = kind[firm] == CORE
    loss = ~core_row & (rng.random(n) < LOSS_MAKER_SHARE)
    value_added[loss] *= -0.3
    cell = year_index * len(districts) + district[firm]
    revenue, value_added = _scale_to_targets(
        revenue, value_added, cell, core_row, year_index, years
    )

    employees = np.maximum(
        1,
        np.round(
            revenue / profile["revenue_per_employee_wan_yuan"][firm] * firm_employee_noise[firm]
        ),
    ).astype(np.int64)
    rd_expense = np.where(
        reports_rd[firm],
        np.round(revenue * profile["rd_intensity"][firm] * firm_rd_noise[firm], 2),
        0.0,
    )

    usccs = UsccMaker(offset=int(rng.integers(0, SUBJECT_SPACE)), issued=m)
    firm_uscc = usccs.codes(np.arange(m), division_digits(districts)[district])
    firm_name = text.enterprise_names(class_id, class_codes(), rng)
    scope_pool, firm_scope = _scopes(class_id, kind, activity, rng)
    frame = pd.DataFrame(
        {
            "uscc": _spread(firm_uscc, firm),
            "name": _spread(firm_name, firm),
            "division_code": _spread(districts, district[firm]),
            "industry_code": _spread(class_codes(), class_id[firm]),
            "year": np.array(years, dtype=np.int64)[year_index],
            "revenue": revenue,
            "value_added": value_added,
            "employees": employees,
            "rd_expense": rd_expense,
            "business_scope": _spread(scope_pool, firm_scope[firm]),
        }
    )
    return frame, usccs
