"""Talent pages everyone may read: the overview of 专栏12 and one programme's page.

Only accepted figures appear here (see ``selectors``); demo figures carry the demo banner.
The overview replaces the plan app's read-only talent page at the same address, /talent/.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hzdigital.plan import selectors as plan_selectors
from hzdigital.plan.templatetags.hzweb import localised
from hzdigital.plan.views import _plan_or_unavailable
from hzdigital.talent import charts, selectors
from hzdigital.talent.metrics import FIRST_YEAR, LAST_YEAR, METRICS


def _demo_shown() -> bool:
    return selectors.accepted().filter(is_demo=True).exists()


def _status_rows(views: list[selectors.TargetView]) -> list[dict[str, Any]]:
    rows = []
    for view in views:
        latest = [p for p in view.points if p.actual is not None]
        rows.append({"view": view, "latest": latest[-1] if latest else None})
    return rows


def _indexes(programmes: dict[str, Any]) -> dict[str, Any]:
    """What the targets table looks names up in (templates/talent/_targets.html)."""
    metrics = {key: spec.as_dict() for key, spec in METRICS.items()}
    return {"programme_index": programmes, "metric_index": metrics}


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The four directions with their programmes, city totals by year, targets' status."""
    plan, unavailable = _plan_or_unavailable(request)
    if plan is None:
        return unavailable  # type: ignore[return-value]
    programmes = selectors.programmes_by_slug(plan)
    directions = [
        {
            **direction,
            "programmes": [programmes[p["slug"]] for p in direction["programmes"]],
        }
        for direction in plan["talent_directions"]
    ]
    totals = selectors.metric_totals_by_year()
    context = {
        "directions": directions,
        "metric_charts": [
            charts.totals_chart(f"metric-{key}", key, t.complete)
            for key, t in totals.items()
            if t.complete
        ],
        "incomplete": [
            {"metric": METRICS[key].as_dict(), "year": year, "have": have, "expected": t.expected}
            for key, t in totals.items()
            for year, have in sorted(t.incomplete.items())
        ],
        "chart_labels": charts.chart_labels(_demo_shown()),
        "demo": _demo_shown(),
        "targets": _status_rows(selectors.target_views()),
        **_indexes(programmes),
    }
    return render(request, "talent/overview.html", context)


def _year_of(request: HttpRequest, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[-1] if years else LAST_YEAR - 1
    return min(max(year, FIRST_YEAR), LAST_YEAR)


@require_GET
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    """One programme: figures by district on the map and in a table, and its targets."""
    plan, unavailable = _plan_or_unavailable(request)
    if plan is None:
        return unavailable  # type: ignore[return-value]
    found = selectors.programmes_by_slug(plan).get(slug)
    if found is None:
        raise Http404(slug)
    units = plan_selectors.units_of(plan_selectors.active_edition())  # type: ignore[arg-type]
    names = {u.code: localised({"name_zh": u.name_zh, "name_en": u.name_en}, "name") for u in units}
    figures = selectors.accepted().filter(programme_slug=slug).select_related("unit")
    years = sorted({f.year for f in figures})
    year = _year_of(request, years)
    table: dict[tuple[str, str], dict[int, int]] = {}
    for figure in figures:
        table.setdefault((figure.unit.division_code, figure.metric), {})[figure.year] = figure.value
    metrics = found["metrics"]
    rows = [
        {
            "code": code,
            "name": name,
            "metric": m,
            "values": [table.get((code, m["key"]), {}).get(y) for y in years],
        }
        for code, name in names.items()
        for m in metrics
    ]
    by_key = {(t.metric, t.year): t for t in selectors.city_totals(slug)}
    totals = [{"year": y, "cells": [by_key.get((m["key"], y)) for m in metrics]} for y in years]
    targets = selectors.target_views(slug)
    context = {
        "programme": found,
        "metrics": metrics,
        "year": year,
        "years": years,
        "rows": rows,
        "totals": totals,
        "map_values": selectors.district_values(slug, year),
        "map_names": names,
        "map_measures": [
            {"key": m["key"], "label": localised(m, "name"), "unit": localised(m, "unit")}
            for m in metrics
        ],
        "targets": _status_rows(targets),
        "trajectories": [
            charts.trajectory_chart(f"target-{t.target.pk}", t) for t in targets if t.resolved
        ],
        "chart_labels": charts.chart_labels(_demo_shown()),
        "demo": figures.filter(is_demo=True).exists(),
        **_indexes({slug: found}),
        "district_count": selectors.district_count(),
    }
    return render(request, "talent/programme.html", context)
