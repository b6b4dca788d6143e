"""The index pages: ranks with their Monte Carlo bands, a unit's profile, the method.

Thin views over ``selectors.report(year, edition)``; names and labels follow the visitor's
language. ``?edition=`` chooses the data edition (``live`` for live data; default the latest
published edition, else live), and every link of the pages carries it on.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext, gettext_noop
from django.views.decorators.http import require_GET

from hzdigital.evaluation.service import IndexDataError, IndexReport
from hzdigital.index import selectors
from hzdigital.monitoring import editions

FACTOR_LABELS = {  # msgids for the sensitivity factors
    "weights": gettext_noop("权重"),
    "normalisation": gettext_noop("标准化方法"),
    "aggregation": gettext_noop("加总方法"),
    "imputation": gettext_noop("缺失值插补"),
}


STEP_LABELS = {  # msgids for the pipeline steps, in order
    "denominate": gettext_noop("分母换算"),
    "coverage": gettext_noop("覆盖率筛选"),
    "impute": gettext_noop("缺失值插补"),
    "outliers": gettext_noop("异常值处理"),
    "normalise": gettext_noop("标准化"),
    "weight": gettext_noop("权重"),
    "aggregate": gettext_noop("加总"),
}


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _name(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("name_en") if _english() else item.get("name_zh"))
    return str(item.name_en if _english() else item.name_zh)


def _year(request: HttpRequest, years: list[int]) -> int:
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        asked = None
    return asked if asked in years else years[0]


def _edition(request: HttpRequest) -> str | None:
    return request.GET.get("edition", "").strip()[:40] or None


def _context(request: HttpRequest) -> tuple[IndexReport, dict[str, Any]] | HttpResponse:
    title = gettext("区县数字经济综合指数")
    edition = _edition(request)
    try:
        years = selectors.years(edition)
    except editions.UnknownEdition as error:
        raise Http404(str(error)) from None
    except IndexDataError as error:
        return render(request, "index/empty.html", {"title": title, "detail": str(error)})
    year = _year(request, years)
    try:
        report = selectors.report(year, edition)
    except IndexDataError as error:  # too few units with data that year
        return render(request, "index/empty.html", {"title": title, "detail": str(error)})
    used = report.result.used
    # One line per source: the cube's cells (cube:core.value_added …) are named on the method page.
    sources = [s.split(": cube:")[0] for key in used for s in report.indicator_sources[key]]
    return report, {
        "sources": list(dict.fromkeys(sources)),
        "query": urlencode({"year": year, **({"edition": edition} if edition else {})}),
        "edition_param": edition,
        "edition": report.edition,
        "year": year,
        "years": years,
        "synthetic": report.synthetic,
        "synthetic_records": report.synthetic_records,
        "framework": report.framework,
        "english": _english(),
    }


def _dimension_names(report: IndexReport) -> dict[str, str]:
    return {d.key: _name(d) for d in report.framework.dimensions}


@require_GET
def index_page(request: HttpRequest) -> HttpResponse:
    found = _context(request)
    if isinstance(found, HttpResponse):
        return found
    report, context = found
    dimensions = _dimension_names(report)
    units = [
        {
            "unit": u,
            "name": _name(u),
            "dimensions": [(dimensions[k], v) for k, v in u.dimension_scores.items()],
        }
        for u in report.units
    ]
    chart = {
        "units": [
            {
                "code": u.code,
                "name": _name(u),
                "rank": u.rank,
                "median": u.median_rank,
                "lo": u.rank_interval[0],
                "hi": u.rank_interval[1],
                "score": round(u.score, 1),
            }
            for u in report.units
        ],
        "labels": {
            "rank": gettext("参考排名"),
            "median": gettext("中位排名"),
            "band": gettext("5%–95% 排名区间"),
            "axis": gettext("排名(1 = 最好)"),
            "score": gettext("得分"),
        },
    }
    context.update(
        units=units,
        dimension_names=list(dimensions.values()),
        chart=chart,
        sensitivity=[
            {"label": gettext(FACTOR_LABELS[s.factor]), "item": s} for s in report.sensitivity
        ],
        most=gettext(FACTOR_LABELS[report.sensitivity[0].factor]),
        runs=report.runs,
        seed=report.seed,
        reference=" · ".join(f"{k}={v}" for k, v in vars(report.choices).items()),
        history_years=[h.year for h in report.history],
        history=[
            {
                "name": _name(u),
                "code": u.code,
                "cells": [(h.scores.get(u.code), h.ranks.get(u.code)) for h in report.history],
            }
            for u in report.units
        ],
        comparable=report.choices.normalisation == "minmax",
        notes=report.notes_in(get_language() or "zh"),
    )
    return render(request, "index/index.html", context)


@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    found = _context(request)
    if isinstance(found, HttpResponse):
        return found
    report, context = found
    unit = next((u for u in report.units if u.code == code), None)
    if unit is None:
        raise Http404(gettext("没有这个区县代码: %(code)s") % {"code": code})
    profile = report.profiles[code]
    dimensions = _dimension_names(report)
    names = {s.indicator: _name(s) for s in profile.standings}
    context.update(
        unit=unit,
        name=_name(unit),
        standings=[
            {
                "s": s,
                "name": names[s.indicator],
                "dimension": dimensions[s.dimension],
                "bar_left": min(s.score, s.city_median_score),
                "bar_width": abs(s.gap),
            }
            for s in profile.standings
        ],
        strengths=[names[k] for k in profile.strengths],
        weaknesses=[names[k] for k in profile.weaknesses],
        dimensions=[(dimensions[k], v) for k, v in unit.dimension_scores.items()],
        units=[(u.code, _name(u)) for u in report.units],
        runs=report.runs,
        rank_shares=[
            (rank, count, 100 * count / report.runs)
            for rank, count in enumerate(report.rank_counts[code], start=1)
        ],
    )
    return render(request, "index/unit.html", context)


@require_GET
def method_page(request: HttpRequest) -> HttpResponse:
    found = _context(request)
    if isinstance(found, HttpResponse):
        return found
    report, context = found
    payload = report.to_dict()
    dimensions = _dimension_names(report)
    context.update(
        choices=payload["method"]["choices"],
        monte_carlo=payload["method"]["monte_carlo"],
        steps=[
            {
                "key": step["step"],
                "label": gettext(STEP_LABELS[step["step"]]),
                "rows": [
                    (name, json.dumps(value, ensure_ascii=False, indent=1))
                    for name, value in step["params"].items()
                ],
            }
            for step in payload["method"]["steps"]
        ],
        indicators=[
            {**i, "name": _name(i), "dimension_name": dimensions[i["dimension"]]}
            for i in payload["indicators"]
        ],
        excluded=report.framework.excluded,
        changelog=report.framework.changelog,
        sensitivity=[
            {"label": gettext(FACTOR_LABELS[s.factor]), "item": s} for s in report.sensitivity
        ],
        notes=report.notes_in(get_language() or "zh"),
    )
    return render(request, "index/method.html", context)
