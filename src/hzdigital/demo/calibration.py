"""Calibration targets: core value added and core revenue by year and district, in 万元.

Published figures come from ``data/published_statistics.csv`` (亿元, converted here once). Where
no figure is published the target is an *assumption*, built by the rules below and labelled as
such in every report row, with the rule written out:

1. City core value added: the published years are anchors. A year with a published share of GDP
   and a published GDP (2022) is a *derived* anchor (share x GDP); a year before a published
   value with a published growth rate (2020) is a derived anchor (value / (1 + growth)), taking
   nominal growth equal to the published comparable-price growth. Between anchors: log-linear
   interpolation; outside them: the growth of the nearest pair of anchors continues.
2. Figures before 2021 follow the provincial caliber (SOURCES.md (f)) and are not anchors.
3. A district with published core value added keeps its share of the city at those years;
   between them the share is interpolated linearly, outside them it is held constant.
4. Districts without a published figure share what is left in proportion to
   2022 GDP x an assumed core share of GDP (``ASSUMED_CORE_SHARE_OF_GDP``).
5. Core revenue: the revenue / value-added ratio of a published pair (city 2021, 滨江 2021) is
   held for that unit in every year; the districts without one share the rest of the city's
   revenue in proportion to their value added.

Every district total then adds up to the city total exactly, by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from hzdigital.demo import reference

WAN_YUAN_PER_YI_YUAN = 10_000  # 1 亿元 = 10 000 万元
CITY_CODE = "330100"
FIRST_COMPARABLE_YEAR = 2021  # NBS 2021 caliber starts here (SOURCES.md (f))
VALUE_ADDED = "core_value_added"
REVENUE = "core_revenue"

# Assumption for districts without a published figure: core value added as a share of GDP.
# Guided by the plan's description of each district (西湖 = cloud and digital finance hub; the
# western counties = small manufacturing bases) and by the published shares elsewhere
# (拱墅 4%, 钱塘 12%, 滨江 79%).
ASSUMED_CORE_SHARE_OF_GDP: dict[str, float] = {
    "330102": 0.10,  # 上城区
    "330106": 0.30,  # 西湖区
    "330109": 0.12,  # 萧山区
    "330113": 0.10,  # 临平区
    "330111": 0.08,  # 富阳区
    "330112": 0.06,  # 临安区
    "330122": 0.05,  # 桐庐县
    "330127": 0.03,  # 淳安县
    "330182": 0.04,  # 建德市
    "330105": 0.04,  # 拱墅区 (published 2022: 4.0%)
    "330108": 0.79,  # 滨江区 (published 2021: 78.9%)
    "330110": 0.70,  # 余杭区 (published 2023: close to 70%)
    "330114": 0.12,  # 钱塘区 (published 2023: 12.3%)
}
GDP_WEIGHT_YEAR = "2022"  # the one year with a published GDP for every district


@dataclass(frozen=True)
class CalibrationTarget:
    indicator: str  # core_value_added | core_revenue
    division_code: str  # 330100 = city total
    year: int
    target_wan_yuan: float
    basis: str  # published | derived | assumption
    source: str  # URL of the published figure, or the assumption in words


@dataclass(frozen=True)
class CalibrationCell:
    """One row of the calibration report: what the generator aimed at and what it produced."""

    cell: str  # e.g. "core_value_added 330108 滨江区 2021"
    indicator: str
    division_code: str
    year: int
    target_wan_yuan: float
    achieved_wan_yuan: float
    basis: str  # published | derived | assumption
    source: str

    @property
    def relative_error(self) -> float:
        if self.target_wan_yuan == 0:
            return 0.0 if self.achieved_wan_yuan == 0 else float("inf")
        return abs(self.achieved_wan_yuan - self.target_wan_yuan) / self.target_wan_yuan


@dataclass(frozen=True)
class _Anchor:
    value: float  # 万元 for money, a fraction for shares
    basis: str
    source: str


@cache
def _published() -> pd.DataFrame:
    table = pd.read_csv(reference.PUBLISHED_CSV, dtype={"division_code": str, "period": str})
    table = table[table["period"].str.fullmatch(r"\d{4}")].copy()
    table["year"] = table["period"].astype(int)
    return table


def _figures(indicator: str, division_code: str) -> dict[int, tuple[float, str, str]]:
    table = _published()
    rows = table[(table["indicator"] == indicator) & (table["division_code"] == division_code)]
    return {int(r.year): (float(r.value), str(r.status), str(r.source)) for r in rows.itertuples()}


def _basis(status: str) -> str:
    return "derived" if status == "derived" else "published"


@cache
def _city_value_added_anchors() -> dict[int, _Anchor]:
    anchors: dict[int, _Anchor] = {}
    for year, (value, status, source) in _figures(VALUE_ADDED, CITY_CODE).items():
        if year >= FIRST_COMPARABLE_YEAR:
            anchors[year] = _Anchor(value * WAN_YUAN_PER_YI_YUAN, _basis(status), source)
    shares = _figures("core_value_added_share_gdp", CITY_CODE)
    gdps = _figures("gdp", CITY_CODE)
    for year, (share, _, source) in shares.items():
        if year not in anchors and year in gdps and year >= FIRST_COMPARABLE_YEAR:
            value = share / 100 * gdps[year][0] * WAN_YUAN_PER_YI_YUAN
            anchors[year] = _Anchor(value, "derived", f"{share}% of GDP x GDP; {source}")
    for year, (growth, _, source) in _figures("core_value_added_growth", CITY_CODE).items():
        if year in anchors and year - 1 not in anchors:
            value = anchors[year].value / (1 + growth / 100)
            note = f"{year} value / (1 + {growth}% growth), nominal taken as comparable; {source}"
            anchors[year - 1] = _Anchor(value, "derived", note)
    return anchors


def _log_linear(anchors: dict[int, _Anchor], year: int, what: str) -> _Anchor:
    if year in anchors:
        return anchors[year]
    years = sorted(anchors)
    below = [y for y in years if y < year]
    above = [y for y in years if y > year]
    if below and above:
        a, b = below[-1], above[0]
    elif above:  # before the first anchor: continue the first pair's growth backwards
        a, b = (above[0], above[1]) if len(above) > 1 else (above[0], above[0])
    else:
        a, b = (below[-2], below[-1]) if len(below) > 1 else (below[-1], below[-1])
    if a == b:
        value = anchors[a].value
    else:
        rate = (anchors[b].value / anchors[a].value) ** (1 / (b - a))
        value = anchors[a].value * rate ** (year - a)
    rule = f"assumption: {what} log-linear from anchors {a} and {b}"
    return _Anchor(value, "assumption", rule)


def _linear_share(points: dict[int, float], year: int) -> float:
    years = sorted(points)
    if year <= years[0]:
        return points[years[0]]
    if year >= years[-1]:
        return points[years[-1]]
    a = max(y for y in years if y <= year)
    b = min(y for y in years if y >= year)
    if a == b:
        return points[a]
    return points[a] + (points[b] - points[a]) * (year - a) / (b - a)


@cache
def district_gdp_yi_yuan() -> dict[str, float]:
    """Published GDP of every district in ``GDP_WEIGHT_YEAR`` (亿元)."""
    gdp = _published()
    gdp = gdp[(gdp["indicator"] == "gdp") & (gdp["period"] == GDP_WEIGHT_YEAR)]
    by_code = dict(zip(gdp["division_code"], gdp["value"].astype(float), strict=True))
    return {code: by_code[code] for code in reference.district_codes()}


def _remainder_weights(anchored: set[str]) -> dict[str, float]:
    by_code = district_gdp_yi_yuan()
    weights = {
        code: by_code[code] * ASSUMED_CORE_SHARE_OF_GDP[code]
        for code in reference.district_codes()
        if code not in anchored
    }
    total = sum(weights.values())
    return {code: weight / total for code, weight in weights.items()}


@cache
def targets_for_year(year: int) -> tuple[CalibrationTarget, ...]:
    """City and district targets (value added and revenue, 万元) for one year."""
    value_added = _value_added_targets(year)
    city_va = value_added[0].target_wan_yuan
    district_va = {t.division_code: t.target_wan_yuan for t in value_added[1:]}
    return (*value_added, *_revenue_targets(year, city_va, district_va))


@cache
def _value_added_targets(year: int) -> tuple[CalibrationTarget, ...]:
    """City first, then every district."""
    city_va_anchors = _city_value_added_anchors()
    city_va = _log_linear(city_va_anchors, year, "city core value added")
    targets = [
        CalibrationTarget(
            VALUE_ADDED, CITY_CODE, year, city_va.value, city_va.basis, city_va.source
        )
    ]

    district_va: dict[str, float] = {}
    for code in reference.district_codes():
        published = {
            y: v * WAN_YUAN_PER_YI_YUAN
            for y, (v, _, _) in _figures(VALUE_ADDED, code).items()
            if y >= FIRST_COMPARABLE_YEAR
        }
        if not published:
            continue
        if year in published:
            value, status, source = _figures(VALUE_ADDED, code)[year]
            district_va[code] = published[year]
            targets.append(
                CalibrationTarget(VALUE_ADDED, code, year, published[year], _basis(status), source)
            )
            continue
        shares = {y: v / _log_linear(city_va_anchors, y, "").value for y, v in published.items()}
        district_va[code] = _linear_share(shares, year) * city_va.value
        rule = f"assumption: share of city core value added from published years {sorted(shares)}"
        targets.append(
            CalibrationTarget(VALUE_ADDED, code, year, district_va[code], "assumption", rule)
        )

    remainder = city_va.value - sum(district_va.values())
    for code, weight in _remainder_weights(set(district_va)).items():
        district_va[code] = remainder * weight
        rule = "assumption: rest of the city split by 2022 GDP x assumed core share of GDP"
        targets.append(
            CalibrationTarget(VALUE_ADDED, code, year, district_va[code], "assumption", rule)
        )

    return tuple(targets)


def _revenue_targets(
    year: int, city_va: float, district_va: dict[str, float]
) -> list[CalibrationTarget]:
    def ratio_of(code: str) -> tuple[float, int, str] | None:
        revenues = _figures(REVENUE, code)
        pairs = [
            (y, v * WAN_YUAN_PER_YI_YUAN, s)
            for y, (v, _, s) in revenues.items()
            if y >= FIRST_COMPARABLE_YEAR
        ]
        if not pairs:
            return None
        y, revenue, source = min(pairs, key=lambda pair: abs(pair[0] - year))
        va = next(t for t in _value_added_targets(y) if t.division_code == code)
        return revenue / va.target_wan_yuan, y, source

    def target(code: str, va: float, fallback: float | None = None) -> CalibrationTarget:
        published = _figures(REVENUE, code).get(year)
        if published is not None and year >= FIRST_COMPARABLE_YEAR:
            value, status, source = published
            return CalibrationTarget(
                REVENUE, code, year, value * WAN_YUAN_PER_YI_YUAN, _basis(status), source
            )
        found = ratio_of(code)
        if found is None:
            assert fallback is not None
            rule = "assumption: rest of city core revenue split by district core value added"
            return CalibrationTarget(REVENUE, code, year, fallback, "assumption", rule)
        ratio, ratio_year, _ = found
        rule = f"assumption: revenue / value added held at its {ratio_year} ratio {ratio:.3f}"
        return CalibrationTarget(REVENUE, code, year, va * ratio, "assumption", rule)

    city = target(CITY_CODE, city_va)
    with_ratio = {code: target(code, va) for code, va in district_va.items() if ratio_of(code)}
    rest_revenue = city.target_wan_yuan - sum(t.target_wan_yuan for t in with_ratio.values())
    rest_va = sum(va for code, va in district_va.items() if code not in with_ratio)
    rest = {
        code: target(code, va, fallback=rest_revenue * va / rest_va)
        for code, va in district_va.items()
        if code not in with_ratio
    }
    return [city, *with_ratio.values(), *rest.values()]


def calibration_targets(years: tuple[int, ...]) -> list[CalibrationTarget]:
    return [target for year in years for target in targets_for_year(year)]
