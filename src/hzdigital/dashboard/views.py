"""The monitoring pages: city dashboard, district and category drill-down, structure, search.

Views are thin: figures come from ``selectors`` / ``enterprise_reads`` (which call the
warehouse and ``hzdigital.monitoring``), and each page lists the sources of its figures so
that synthetic data is never mistaken for statistics. Imports live in ``import_views.py``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from hzdigital.dashboard import enterprise_reads, kpis, selectors, structure_reads
from hzdigital.dashboard import messages as msg
from hzdigital.dashboard.templatetags.hzdash import de_name
from hzdigital.lib.divisions import CITY_CODE


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _year(request: HttpRequest, years: list[int]) -> int | None:
    """The year asked for when the warehouse has it, else the newest year it has."""
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        asked = None
    if asked in years:
        return asked
    return years[0] if years else None


def _division_name(code: str) -> str:
    name = selectors.display_division_names().get(code)
    if name is None:
        raise Http404(msg.UNKNOWN_DIVISION % {"code": code})
    return name


def _source_context(year: int | None, division_code: str = CITY_CODE) -> dict[str, Any]:
    sources = selectors.sources(year, division_code)
    return {"sources": sources, "synthetic": any(s.synthetic for s in sources)}


def _empty(request: HttpRequest, title: str) -> HttpResponse:
    return render(
        request, "dashboard/empty.html", {"title": title, "message": msg.NO_WAREHOUSE_DATA}
    )


def _map_measures() -> list[dict[str, str]]:
    return [
        {"key": m.key, "label": str(m.label), "unit": str(m.unit)} for m in selectors.MAP_MEASURES
    ]


def _trajectory_json(trajectories: list[kpis.Trajectory]) -> list[dict[str, Any]]:
    def points(items: list[kpis.TrajectoryPoint]) -> list[dict[str, Any]]:
        return [
            {"year": p.year, "value": p.value, "source": p.source, "synthetic": p.synthetic}
            for p in items
        ]

    return [
        {
            "key": t.key,
            "label": str(kpis.KPIS[t.key].label),
            "unit": str(kpis.KPIS[t.key].unit),
            "published": points(t.published),
            "warehouse": points(t.warehouse),
            "target": points([t.target]) if t.target else [],
            "path": points(t.path),
        }
        for t in trajectories
    ]


def _chart_labels() -> dict[str, str]:
    return {
        "published": gettext("公开发布的实际值"),
        "warehouse": gettext("数据仓库计算值"),
        "synthetic": str(msg.SYNTHETIC_BADGE),
        "target": gettext("规划目标"),
        "path": gettext("目标路径"),
        "noData": gettext("无数据"),
    }


@require_GET
def monitor(request: HttpRequest) -> HttpResponse:
    years = selectors.years_available()
    year = _year(request, years)
    if year is None:
        return _empty(request, gettext("数字经济监测"))
    context = _source_context(year)
    by_year = {y: selectors.sources(y) for y in years}
    names = selectors.display_division_names()
    context.update(
        {
            "year": year,
            "years": years,
            "kpis": kpis.city_kpis(year),
            "trajectories": _trajectory_json(kpis.trajectories(by_year)),
            "chart_labels": _chart_labels(),
            "breakdown": selectors.category_breakdown(year, CITY_CODE),
            "division_code": CITY_CODE,
            "map_values": selectors.district_values(year),
            "map_measures": _map_measures(),
            "map_names": {code: name for code, name in names.items() if code != CITY_CODE},
        }
    )
    return render(request, "dashboard/monitor.html", context)


@require_GET
def division(request: HttpRequest, division: str) -> HttpResponse:
    name = _division_name(division)
    years = selectors.years_available()
    year = _year(request, years)
    if year is None:
        return _empty(request, name)
    context = _source_context(year, division)
    values = selectors.district_values(year)
    context.update(
        {
            "year": year,
            "years": years,
            "division_code": division,
            "division_name": name,
            "figures": values.get(division, {}),
            "measures": selectors.MAP_MEASURES,
            "breakdown": selectors.category_breakdown(year, division),
        }
    )
    return render(request, "dashboard/division.html", context)


@require_GET
def category(request: HttpRequest, division: str, de_code: str) -> HttpResponse:
    name = _division_name(division)
    if not selectors.is_category_code(de_code) or len(de_code) == 6:
        raise Http404(msg.UNKNOWN_CATEGORY % {"code": de_code})
    years = selectors.years_available()
    year = _year(request, years)
    if year is None:
        return _empty(request, name)
    context = _source_context(year, division)
    context.update(
        {
            "year": year,
            "years": years,
            "division_code": division,
            "division_name": name,
            "de_code": de_code,
            "de_name": de_name(de_code),
            "cell": selectors.category_cell(year, division, de_code),
            "mediums": (
                selectors.medium_breakdown(year, division, de_code) if len(de_code) == 2 else []
            ),
            "enterprises": enterprise_reads.enterprises_in(
                year, division, de_code, _page_number(request)
            ),
            "base_query": urlencode({"year": year}) + "&",
        }
    )
    return render(request, "dashboard/category.html", context)


@require_GET
def enterprise_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    result = enterprise_reads.search_enterprises(query, _page_number(request)) if query else None
    synthetic = bool(result and any(row.synthetic for row in result.rows))
    context = {
        "query": query,
        "result": result,
        "synthetic": synthetic,
        "hint": msg.SEARCH_HINT,
        "no_results": msg.SEARCH_NO_RESULTS % {"query": query},
        "base_query": urlencode({"q": query}) + "&",
    }
    return render(request, "dashboard/enterprises.html", context)


@require_GET
def structure(request: HttpRequest) -> HttpResponse:
    years = selectors.years_available()
    year = _year(request, years)
    if year is None:
        return _empty(request, gettext("区县产业结构"))
    context = _source_context(year)
    result = structure_reads.structure(year)
    context.update(
        {
            "year": year,
            "years": years,
            "structure": result,
            "heatmap": {
                "labels": result.labels,
                "values": result.matrix,
                "min": 0,
                "max": 1,
            },
        }
    )
    return render(request, "dashboard/structure.html", context)
