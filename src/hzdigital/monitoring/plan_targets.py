"""The plan's city targets against actuals: published figures first, the warehouse for the rest.

The targets are the ``target_*`` rows of the published series (the 14th FYP outline: core value
added above 7000 亿元 and revenue above 2 万亿元 by 2025, …). Each target's baseline is the
earliest whole-year published figure from PLAN_START_YEAR on (core value added: 2021, 4905 亿元).
Actuals: a published figure where one exists (marked ``published``, with its source URL and
status); otherwise the core row of the city in the warehouse cube, converted from 万元 to 亿元
(marked ``warehouse``, and ``synthetic`` when the rows came from the demo generator).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import ibis.expr.types as ir

from hzdigital.monitoring.cube import CORE, build_cube
from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.published import (
    CITY_CODE,
    WAN_YUAN_PER_YI_YUAN,
    PublishedFigure,
    annual_figures,
)
from hzdigital.monitoring.targets import (
    Actual,
    Comparison,
    PathKind,
    Target,
    TrajectoryPoint,
    assess,
)

PLAN_START_YEAR = 2020  # the 13th FYP's last year; the 14th FYP runs 2021–2025
WAREHOUSE_SOURCE = "warehouse: enterprise_year, core (01–04), city total 330100"

MSG_NO_BASELINE = (
    "公开数据中没有该指标的基期值,无法推算路径 / "
    "no published baseline for this indicator, so no path can be drawn"
)
MSG_NOT_IN_WAREHOUSE = (
    "该指标不能由企业数据计算,仅用公开数据 / "
    "this indicator cannot be computed from enterprise records; published figures only"
)


@dataclass(frozen=True)
class PlanTargetSpec:
    """How one of the plan's targets is read and measured."""

    indicator: str  # as in published_statistics.csv, without the ``target_`` prefix
    label_zh: str
    label_en: str
    comparison: Comparison
    path_kind: PathKind = "constant_rate"
    cube_measure: str | None = None  # measure of the city's core row that tracks it, if any


PLAN_TARGET_SPECS: tuple[PlanTargetSpec, ...] = (
    PlanTargetSpec(
        "core_value_added",
        "数字经济核心产业增加值",
        "Core digital-economy industries, value added",
        "above",
        cube_measure="value_added",
    ),
    PlanTargetSpec(
        "core_revenue",
        "数字经济核心产业营业收入",
        "Core digital-economy industries, revenue",
        "above",
        cube_measure="revenue",
    ),
    PlanTargetSpec("gdp", "地区生产总值", "GDP", "above"),
    # R&D expenditure / GDP: enterprise R&D over enterprise revenue is a different ratio.
    PlanTargetSpec(
        "rd_intensity", "研究与试验发展经费投入强度", "R&D intensity (of GDP)", "at_least"
    ),
)


@dataclass(frozen=True)
class TargetReport:
    spec: PlanTargetSpec
    target_figure: PublishedFigure
    baseline_figure: PublishedFigure | None
    target: Target | None  # None without a baseline
    points: list[TrajectoryPoint] = field(default_factory=list)
    notes: tuple[str, ...] = ()


def published_actuals(indicator: str) -> dict[int, Actual]:
    return {
        year: Actual(year, f.value, origin="published", source=f.source, status=f.status)
        for year, f in annual_figures(indicator, CITY_CODE).items()
    }


def warehouse_actuals(
    engine: Engine, table: ir.Table | None = None
) -> dict[str, dict[int, Actual]]:
    """Per cube measure, the city's core value by year in 亿元, from the warehouse."""
    table = engine.table() if table is None else table
    cube = build_cube(table, level="core")
    city = engine.execute(cube.filter((cube.division_code == CITY_CODE) & (cube.de_code == CORE)))
    synthetic_years: set[int] = set()
    if "synthetic" in table.columns:
        flags = engine.execute(table.group_by("year").aggregate(synthetic=table.synthetic.any()))
        synthetic_years = {int(y) for y, s in zip(flags.year, flags.synthetic, strict=True) if s}
    out: dict[str, dict[int, Actual]] = {}
    for spec in PLAN_TARGET_SPECS:
        if spec.cube_measure is None:
            continue
        out[spec.cube_measure] = {
            int(year): Actual(
                int(year),
                float(value) / WAN_YUAN_PER_YI_YUAN,
                origin="warehouse",
                source=WAREHOUSE_SOURCE,
                synthetic=int(year) in synthetic_years,
            )
            for year, value in zip(city.year, city[spec.cube_measure], strict=True)
            if value == value and value is not None  # NaN-safe: skip years without a value
        }
    return out


def _baseline(indicator: str, before_year: int) -> PublishedFigure | None:
    figures = annual_figures(indicator, CITY_CODE)
    years = [y for y in figures if PLAN_START_YEAR <= y < before_year]
    return figures[min(years)] if years else None


def plan_target_reports(
    from_warehouse: Mapping[str, Mapping[int, Actual]] | None = None,
) -> list[TargetReport]:
    """Every plan target with its path and yearly status; ``from_warehouse`` as returned by
    ``warehouse_actuals`` (None when the warehouse is empty)."""
    reports = []
    for spec in PLAN_TARGET_SPECS:
        target_figures = annual_figures(f"target_{spec.indicator}", CITY_CODE)
        if not target_figures:
            continue
        target_figure = target_figures[max(target_figures)]
        baseline = _baseline(spec.indicator, target_figure.year or 0)
        notes = () if spec.cube_measure else (MSG_NOT_IN_WAREHOUSE,)
        if baseline is None:
            reports.append(
                TargetReport(spec, target_figure, None, None, notes=(MSG_NO_BASELINE, *notes))
            )
            continue
        target = Target(
            indicator=spec.indicator,
            division_code=CITY_CODE,
            baseline_year=baseline.year or 0,
            baseline_value=baseline.value,
            target_year=target_figure.year or 0,
            target_value=target_figure.value,
            comparison=spec.comparison,
            path_kind=spec.path_kind,
            unit=target_figure.unit,
        )
        actuals = dict((from_warehouse or {}).get(spec.cube_measure or "", {}))
        actuals.update(published_actuals(spec.indicator))  # published figures win
        reports.append(
            TargetReport(
                spec, target_figure, baseline, target, assess(target, actuals.values()), notes
            )
        )
    return reports


def _figure(f: PublishedFigure | None) -> dict[str, object] | None:
    if f is None:
        return None
    return {
        "year": f.year,
        "value": f.value,
        "unit": f.unit,
        "status": f.status,
        "source": f.source,
    }


def _point(p: TrajectoryPoint) -> dict[str, object]:
    a = p.actual
    return {
        "year": p.year,
        "expected": p.expected,
        "actual": None if a is None else a.value,
        "actual_origin": None if a is None else a.origin,
        "actual_source": None if a is None else a.source,
        "actual_status": None if a is None else (a.status or None),
        "synthetic": None if a is None else a.synthetic,
        "status": p.status,
        "gap": p.gap,
        "required_growth_percent": p.required_growth_percent,
        "required_yearly_change": p.required_yearly_change,
        "met": p.met,
    }


def reports_payload(reports: list[TargetReport]) -> list[dict[str, object]]:
    """JSON-ready form of the reports (the ``hzdigital targets --json`` ``targets`` list)."""
    return [
        {
            "indicator": r.spec.indicator,
            "division_code": CITY_CODE,
            "label_zh": r.spec.label_zh,
            "label_en": r.spec.label_en,
            "unit": r.target_figure.unit,
            "comparison": r.spec.comparison,
            "path_kind": r.spec.path_kind,
            "baseline": _figure(r.baseline_figure),
            "target": _figure(r.target_figure),
            "trajectory": [_point(p) for p in r.points],
            "notes": list(r.notes),
        }
        for r in reports
    ]
