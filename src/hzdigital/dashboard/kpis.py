"""Headline figures of the core industries against the plan's targets, and their trajectories.

Actuals come in two kinds and are never mixed: published figures (with their URL) from
``monitoring.published`` and figures computed from the warehouse (with the imports behind them).
The path to a target is the ``monitoring.targets.Target`` that ``monitoring.plan_targets``
builds (baseline, comparison and path kind are decided there, once).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.utils.translation import gettext_lazy as _

from hzdigital.dashboard.selectors import WAN_YUAN_PER_YI_YUAN, Source, cube, cube_years
from hzdigital.lib.divisions import CITY_CODE
from hzdigital.monitoring.cube import CORE
from hzdigital.monitoring.plan_targets import plan_target_reports
from hzdigital.monitoring.published import annual_figures
from hzdigital.monitoring.targets import Target, status_of


@dataclass(frozen=True)
class KpiSpec:
    """One headline figure: a column of the cube's ``core`` row of the city."""

    key: str
    label: object  # lazy translation
    column: str  # cube column
    divisor: float  # from the cube's unit to the shown unit (万元 → 亿元 = 10 000)
    unit: object
    published: str = ""  # indicator in published_statistics.csv holding official actuals
    target: str = ""  # indicator of the plan target (``target_<x>`` in the published series)
    digits: int = 1  # decimals shown


@dataclass(frozen=True)
class Published:
    year: int
    value: float  # in the KPI's shown unit
    url: str
    status: str  # verified | secondary | derived


@dataclass(frozen=True)
class Kpi:
    spec: KpiSpec
    year: int
    value: float | None  # warehouse figure in the shown unit; None without data
    previous: float | None  # the same a year earlier
    published: Published | None  # the official figure of the same year, when there is one
    target: Published | None  # the plan target (year, value, source)
    expected: float | None = None  # where the plan's path expects the figure in ``year``
    status: str = ""  # on_track | ahead | behind | before_baseline | no_actual; "" without a path

    @property
    def yoy_percent(self) -> float | None:
        if self.value is None or not self.previous or self.previous <= 0:
            return None
        return (self.value / self.previous - 1) * 100

    @property
    def target_progress_percent(self) -> float | None:
        """How far the warehouse figure is towards the target, in per cent of it."""
        if self.value is None or self.target is None or self.target.value <= 0:
            return None
        return self.value / self.target.value * 100


@dataclass(frozen=True)
class TrajectoryPoint:
    year: int
    value: float
    source: str  # URL for published figures, import ids for warehouse ones
    synthetic: bool = False


@dataclass(frozen=True)
class Trajectory:
    key: str
    published: list[TrajectoryPoint]  # official actuals
    warehouse: list[TrajectoryPoint]  # computed from the imported enterprise data
    target: TrajectoryPoint | None
    path: list[TrajectoryPoint]  # the planned path to the target, from monitoring.targets


def _published(indicator: str) -> dict[int, Published]:
    """Whole-year official figures of a city indicator, as published (亿元 or %)."""
    if not indicator:
        return {}
    return {
        year: Published(year, f.value, f.source, f.status)
        for year, f in annual_figures(indicator).items()
    }


KPI_SPECS: tuple[KpiSpec, ...] = (
    KpiSpec(
        "core_value_added", _("核心产业增加值"), "value_added", WAN_YUAN_PER_YI_YUAN, _("亿元"),
        published="core_value_added", target="target_core_value_added",
    ),
    KpiSpec(
        "core_revenue", _("核心产业营业收入"), "revenue", WAN_YUAN_PER_YI_YUAN, _("亿元"),
        published="core_revenue", target="target_core_revenue",
    ),
    KpiSpec("enterprises", _("核心产业企业数"), "enterprises", 1, _("家"), digits=0),
    KpiSpec("employees", _("核心产业从业人员"), "employees", 1, _("人"), digits=0),
    # Enterprise R&D over enterprise revenue. The plan's 4 % R&D target is R&D over GDP, a
    # different ratio, so this KPI is shown without a target.
    KpiSpec("rd_intensity", _("核心产业研发强度"), "rd_intensity", 1, "%", digits=2),
)  # fmt: skip
KPIS = {spec.key: spec for spec in KPI_SPECS}


def _core_city_row(frame: pd.DataFrame, year: int) -> pd.Series | None:
    rows = frame[
        (frame.year == year) & (frame.division_code == CITY_CODE) & (frame.de_code == CORE)
    ]
    return None if rows.empty else rows.iloc[0]


def _shown(row: pd.Series | None, spec: KpiSpec) -> float | None:
    if row is None or pd.isna(row[spec.column]):
        return None
    return float(row[spec.column]) / spec.divisor


def plan_path(spec: KpiSpec) -> Target | None:
    """The plan's path to the KPI's target, as ``monitoring.plan_targets`` defines it (baseline,
    comparison, path kind); None when the KPI has no target or the target no baseline."""
    if not spec.target:
        return None
    indicator = spec.target.removeprefix("target_")
    reports = {r.spec.indicator: r for r in plan_target_reports()}
    report = reports.get(indicator)
    return report.target if report is not None else None


def city_kpis(year: int) -> list[Kpi]:
    """The headline figures of the core industries for ``year``, with the plan's targets."""
    current = cube("core", year)
    previous = cube("core", year - 1)
    now, before = _core_city_row(current, year), _core_city_row(previous, year - 1)
    kpis = []
    for spec in KPI_SPECS:
        targets = _published(spec.target)
        value = _shown(now, spec)
        path = plan_path(spec)
        kpis.append(
            Kpi(
                spec=spec,
                year=year,
                value=value,
                previous=_shown(before, spec),
                published=_published(spec.published).get(year),
                target=targets[max(targets)] if targets else None,
                expected=path.expected(year) if path else None,
                status=status_of(path, year, value) if path else "",
            )
        )
    return kpis


def trajectories(sources_by_year: dict[int, list[Source]]) -> list[Trajectory]:
    """Published and warehouse actuals of each KPI that has a plan target, and the target."""
    result = []
    frame = cube_years("core", CORE)
    for spec in KPI_SPECS:
        if not spec.target:
            continue
        warehouse_points = [
            TrajectoryPoint(
                int(r["year"]),
                float(r[spec.column]) / spec.divisor,
                ", ".join(s.import_id for s in sources_by_year.get(int(r["year"]), [])),
                any(s.synthetic for s in sources_by_year.get(int(r["year"]), [])),
            )
            for r in frame.sort_values("year").to_dict(orient="records")
            if not pd.isna(r[spec.column])
        ]
        published_points = [
            TrajectoryPoint(p.year, p.value, p.url)
            for p in sorted(_published(spec.published).values(), key=lambda p: p.year)
        ]
        targets = _published(spec.target)
        target = targets[max(targets)] if targets else None
        path = plan_path(spec)
        path_values = path.path() if path else {}
        result.append(
            Trajectory(
                key=spec.key,
                published=published_points,
                warehouse=warehouse_points,
                target=TrajectoryPoint(target.year, target.value, target.url) if target else None,
                path=[TrajectoryPoint(y, v, "") for y, v in path_values.items()],
            )
        )
    return result
