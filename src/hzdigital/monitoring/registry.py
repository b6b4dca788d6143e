"""The indicator registry: every indicator is one row here, written once as an Ibis expression.

Two kinds of row:

- ``Measure``: additive, aggregated from enterprise-year rows. It rolls up from districts to the
  city by summing, which is valid because each enterprise-year sits in exactly one district.
- ``Derived``: a column expression over the *wide cube*, the aggregated cube joined with its own
  previous year (``prev_<measure>``), the city row of the same category (``city_<measure>``),
  the all-enterprise totals of the district and the city (``division_all_value_added``,
  ``city_all_value_added``) and published GDP (``gdp_wan_yuan``). ``cube.py`` builds that table.

Units: money in 万元 as imported; ratios in per cent (%); the location quotient is a pure number.
A ratio whose denominator is null, zero or negative is null: growth from a negative base or a
share of a non-positive total has no meaning, and an invented number would mislead.

>>> import ibis, pyarrow as pa
>>> from hzdigital.monitoring.engines import Engine
>>> rows = ibis.memtable(pa.table({"revenue": [100.0, 300.0], "rd_expense": [3.0, 5.0]}))
>>> Engine.duckdb().execute(rows.aggregate(
...     revenue=MEASURES["revenue"].expression(rows),
...     rd_expense=MEASURES["rd_expense"].expression(rows),
... ).mutate(rd_intensity=DERIVED["rd_intensity"].expression)).rd_intensity.item()
2.0
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import ibis
import ibis.expr.types as ir

Direction = Literal["higher", "lower"]

UNIT_WAN_YUAN = "万元"
UNIT_PERCENT = "%"
UNIT_ENTERPRISES = "家"
UNIT_PERSONS = "人"
UNIT_RATIO = "1"


@dataclass(frozen=True)
class Measure:
    """An additive indicator aggregated from enterprise-year rows."""

    key: str
    label_zh: str
    label_en: str
    unit: str
    direction: Direction
    expression: Callable[[ir.Table], ir.Scalar]


@dataclass(frozen=True)
class Derived:
    """An indicator computed on the wide cube (see the module docstring for its columns)."""

    key: str
    label_zh: str
    label_en: str
    unit: str
    direction: Direction
    expression: Callable[[ir.Table], ir.Value]
    description: str


def _null_float() -> ir.Value:
    return ibis.null().cast("float64")


def ratio(numerator: ir.NumericValue, denominator: ir.NumericValue) -> ir.Value:
    """numerator / denominator, null unless the denominator is positive."""
    return ibis.ifelse(denominator > 0, numerator.cast("float64") / denominator, _null_float())


def percent(numerator: ir.NumericValue, denominator: ir.NumericValue) -> ir.Value:
    return ratio(numerator, denominator) * 100


def growth_percent(current: ir.NumericValue, previous: ir.NumericValue) -> ir.Value:
    """Year-on-year growth in per cent; null without a positive previous year."""
    return (ratio(current, previous) - 1) * 100


MEASURE_LIST: tuple[Measure, ...] = (
    Measure(
        "enterprises", "企业数", "Enterprises", UNIT_ENTERPRISES, "higher", lambda t: t.count()
    ),
    Measure("revenue", "营业收入", "Revenue", UNIT_WAN_YUAN, "higher", lambda t: t.revenue.sum()),
    Measure(
        "value_added",
        "增加值",
        "Value added",
        UNIT_WAN_YUAN,
        "higher",
        lambda t: t.value_added.sum(),
    ),
    Measure(
        "employees", "从业人员", "Employees", UNIT_PERSONS, "higher", lambda t: t.employees.sum()
    ),
    Measure(
        "rd_expense",
        "研发费用",
        "R&D expense",
        UNIT_WAN_YUAN,
        "higher",
        lambda t: t.rd_expense.sum(),
    ),
)
MEASURES: dict[str, Measure] = {m.key: m for m in MEASURE_LIST}


def _yoy(measure: Measure) -> Derived:
    return Derived(
        key=f"yoy_{measure.key}",
        label_zh=f"{measure.label_zh}同比增长",
        label_en=f"{measure.label_en}, year-on-year growth",
        unit=UNIT_PERCENT,
        direction=measure.direction,
        expression=lambda w: growth_percent(w[measure.key], w[f"prev_{measure.key}"]),
        description=f"({measure.key} / {measure.key} of the previous year − 1) × 100",
    )


DERIVED_LIST: tuple[Derived, ...] = (
    Derived(
        "rd_intensity",
        "研发强度",
        "R&D intensity",
        UNIT_PERCENT,
        "higher",
        lambda w: percent(w.rd_expense, w.revenue),
        "rd_expense / revenue × 100",
    ),
    *(_yoy(m) for m in MEASURE_LIST),
    Derived(
        "share_of_city",
        "占全市比重",
        "Share of the city",
        UNIT_PERCENT,
        "higher",
        lambda w: percent(w.value_added, w.city_value_added),
        "value added of the unit / value added of 330100 in the same category × 100",
    ),
    Derived(
        "share_of_gdp",
        "占地区生产总值比重",
        "Share of GDP",
        UNIT_PERCENT,
        "higher",
        lambda w: percent(w.value_added, w.gdp_wan_yuan),
        "value added (万元) / published GDP (亿元 × 10 000) × 100; null without published GDP",
    ),
    Derived(
        "lq",
        "区位商",
        "Location quotient",
        UNIT_RATIO,
        "higher",
        lambda w: ratio(
            ratio(w.value_added, w.division_all_value_added),
            ratio(w.city_value_added, w.city_all_value_added),
        ),
        "(x_dc / x_d) / (x_c / x_city) on value added; x_d and x_city over ALL enterprises in "
        "the warehouse, digital or not, so the quotient compares a district's specialisation "
        "against its whole enterprise base rather than against its digital part only",
    ),
)
DERIVED: dict[str, Derived] = {d.key: d for d in DERIVED_LIST}

INDICATORS: dict[str, Measure | Derived] = {**MEASURES, **DERIVED}
