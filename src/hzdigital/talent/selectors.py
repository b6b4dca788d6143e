"""Reads shared by the talent pages, the API and the Excel export.

Only accepted figures count in totals, maps and trajectories: a draft or a submission awaiting
review is a district's word, not yet the office's figure. A city total is the sum over the
districts that reported; each total says how many did, so a partial sum is never mistaken for
the city's figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum

from hzdigital.accounts.models import OrgUnit
from hzdigital.lib.messages import Message
from hzdigital.monitoring.targets import Actual, Target, TrajectoryPoint, assess
from hzdigital.plan import selectors as plan_selectors
from hzdigital.talent.metrics import METRICS, PROGRAMME_METRICS
from hzdigital.talent.models import CITY_CODE, Review, TalentFigure, TalentTarget

NO_BASELINE = Message(
    "{year} 年基期数据尚未上报并采纳,目标值无法计算",
    "no accepted figure for the baseline year {year}: the target cannot be computed",
)
ACCEPTED_ORIGIN = "district_report"  # Actual.origin of figures the office accepted


def programmes_by_slug(plan: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The plan's programmes (name, quote, direction), each with the metrics it reports."""
    plan = plan or plan_selectors.plan_as_dict()
    found = {}
    for direction in plan["talent_directions"]:
        for programme in direction["programmes"]:
            keys = PROGRAMME_METRICS.get(programme["slug"], ())
            found[programme["slug"]] = {
                **programme,
                "direction": {k: direction[k] for k in ("slug", "name_zh", "name_en")},
                "metrics": [METRICS[key].as_dict() for key in keys],
            }
    return found


def programmes_if_loaded() -> dict[str, dict[str, Any]]:
    """``programmes_by_slug()``, or nothing before the plan is loaded (the forms then show
    the programmes' slugs rather than fail)."""
    try:
        return programmes_by_slug()
    except plan_selectors.NoActivePlanEdition:
        return {}


def accepted() -> Any:
    return TalentFigure.objects.filter(review=Review.ACCEPTED)


@dataclass(frozen=True)
class CityTotal:
    programme_slug: str
    metric: str
    year: int
    value: int  # sum over the districts that reported, in the metric's unit
    districts: int  # how many districts' accepted figures the sum holds
    demo: bool  # any figure in the sum is demo data


def city_totals(programme_slug: str | None = None) -> list[CityTotal]:
    figures = accepted()
    if programme_slug:
        figures = figures.filter(programme_slug=programme_slug)
    rows = (
        figures.values("programme_slug", "metric", "year")
        .annotate(total=Sum("value"), districts=Count("unit"), demo=Count("pk", filter=_demo()))
        .order_by("programme_slug", "metric", "year")
    )
    return [
        CityTotal(
            r["programme_slug"], r["metric"], r["year"], r["total"], r["districts"], r["demo"] > 0
        )
        for r in rows
    ]


def _demo() -> Q:
    return Q(is_demo=True)


def district_count() -> int:
    """How many district governments report: a city total needs every one of them."""
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT).count()


@dataclass(frozen=True)
class MetricTotals:
    complete: dict[int, int]  # year → city total, for years every district's figures are in
    incomplete: dict[int, int]  # year → how many of the expected figures are accepted so far
    expected: int  # figures a complete year holds (districts × programmes reporting the metric)


def metric_totals_by_year() -> dict[str, MetricTotals]:
    """Each metric's city total per year over every programme (the overview's charts).

    A year counts only once every district's figure of every programme reporting the metric
    is accepted: a sum over the districts that happen to be in would read as a fall.
    """
    rows = (
        accepted()
        .values("metric", "year")
        .annotate(total=Sum("value"), figures=Count("pk"))
        .order_by("year")
    )
    districts = district_count()
    found: dict[str, MetricTotals] = {}
    for row in rows:
        key = row["metric"]
        expected = districts * sum(key in keys for keys in PROGRAMME_METRICS.values())
        totals = found.setdefault(key, MetricTotals({}, {}, expected))
        if row["figures"] >= expected:
            totals.complete[row["year"]] = row["total"]
        else:
            totals.incomplete[row["year"]] = row["figures"]
    return {key: found[key] for key in METRICS if key in found}


def district_values(programme_slug: str, year: int) -> dict[str, dict[str, int]]:
    """division code → {metric: accepted value} for the map of one programme and year."""
    values: dict[str, dict[str, int]] = defaultdict(dict)
    rows = accepted().filter(programme_slug=programme_slug, year=year)
    for figure in rows.select_related("unit"):
        values[figure.unit.division_code][figure.metric] = figure.value
    return dict(values)


def actuals_for(programme_slug: str, metric: str, division_code: str) -> list[Actual]:
    """Accepted figures by year; for the city, only years in which every district's is in."""
    figures = accepted().filter(programme_slug=programme_slug, metric=metric)
    if division_code != CITY_CODE:
        figures = figures.filter(unit__division_code=division_code)
    rows = figures.values("year").annotate(
        total=Sum("value"), districts=Count("unit"), demo=Count("pk", filter=_demo())
    )
    needed = district_count() if division_code == CITY_CODE else 1
    return [
        Actual(
            year=row["year"],
            value=float(row["total"]),
            origin=ACCEPTED_ORIGIN,
            source="区县上报、市领导小组办公室采纳 / reported by districts, accepted by the office",
            synthetic=row["demo"] > 0,
        )
        for row in rows.order_by("year")
        if row["districts"] >= needed
    ]


@dataclass(frozen=True)
class TargetView:
    target: TalentTarget
    resolved: Target | None  # None when the baseline is still missing
    points: list[TrajectoryPoint]
    actuals: list[Actual]
    problem: str  # why the target cannot be computed yet ("" when it can)


def resolve(target: TalentTarget, actuals: list[Actual]) -> tuple[Target | None, str]:
    """The monitoring ``Target`` of a talent target: the baseline from the accepted figures
    when it is not stated, the target value from the baseline multiple when there is one."""
    by_year = {a.year: a.value for a in actuals}
    baseline = target.baseline_value
    if baseline is None:
        baseline = by_year.get(target.baseline_year)
    if baseline is None:
        return None, NO_BASELINE.render(year=target.baseline_year)
    goal = float(target.target_value) if target.target_value is not None else None
    if target.baseline_multiple is not None:
        goal = float(baseline) * float(target.baseline_multiple)
    resolved = Target(
        indicator=f"{target.programme_slug}/{target.metric}",
        division_code=target.division_code,
        baseline_year=target.baseline_year,
        baseline_value=float(baseline),
        target_year=target.target_year,
        target_value=goal,  # type: ignore[arg-type]
        comparison=target.comparison,  # type: ignore[arg-type]
        path_kind=target.path_kind,  # type: ignore[arg-type]
        unit=METRICS[target.metric].unit_zh,
    )
    return resolved, ""


def target_view(target: TalentTarget) -> TargetView:
    actuals = actuals_for(target.programme_slug, target.metric, target.division_code)
    resolved, problem = resolve(target, actuals)
    points = assess(resolved, actuals) if resolved is not None else []
    return TargetView(target, resolved, points, actuals, problem)


def target_views(programme_slug: str | None = None) -> list[TargetView]:
    targets = TalentTarget.objects.all()
    if programme_slug:
        targets = targets.filter(programme_slug=programme_slug)
    return [target_view(t) for t in targets]
