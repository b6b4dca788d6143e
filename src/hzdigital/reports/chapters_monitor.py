"""Chapters from the monitoring core: headline targets, districts on the map, structure.

Targets come from the same function the CLI and /api/targets call (``output.run_targets``) and
the cube from the dashboard's snapshot of the same warehouse, so the report's figures are the
API's figures for the same data.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
import yaml

from hzdigital.lib.divisions import CITY_CODE, county_divisions
from hzdigital.lib.messages import Message
from hzdigital.monitoring.cube import CORE
from hzdigital.monitoring.structure import (
    PLAN_YAML,
    designated_codes,
    key_industry_shares,
    lq_leaders,
    similarity_matrix,
)
from hzdigital.reports import svg, svg_map
from hzdigital.reports import text as T
from hzdigital.reports.context import Context
from hzdigital.reports.model import Chapter, Chart, Column, Headline, Table

M = Message  # short alias: the tables below are long lists of bilingual labels


@cache
def _plan_unit_names() -> dict[str, dict[str, str]]:
    plan = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    return {
        str(u["code"]): {"zh": u["name_zh"], "en": u.get("name_en") or u["name_zh"]}
        for u in plan.get("units") or []
    }


def unit_names(lang: str) -> dict[str, str]:
    """Division code → the unit's name in the report's language (the plan's English names)."""
    names = {d.code: d.name for d in county_divisions()}
    for code, both in _plan_unit_names().items():
        names[code] = both["en" if lang == "en" else "zh"]
    names[CITY_CODE] = "Hangzhou" if lang == "en" else "杭州市"
    return names


def _short(name: str) -> str:
    """Map labels: 滨江区 → 滨江, "Binjiang District" → Binjiang."""
    for suffix in (" District", " County", " City", "区", "县", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


# ---- headline targets -----------------------------------------------------------------------


def _headline(ctx: Context, target: dict[str, Any]) -> Headline:
    point = next((p for p in target["trajectory"] if p["year"] == ctx.year), None) or {}
    return Headline(
        indicator=target["indicator"],
        label=target["label_en"] if ctx.lang == "en" else target["label_zh"],
        unit=target["unit"],
        target_year=target["target"]["year"],
        target_value=target["target"]["value"],
        expected=point.get("expected"),
        actual=point.get("actual"),
        origin=point.get("actual_origin") or "",
        synthetic=bool(point.get("synthetic")),
        status=point.get("status") or "no_actual",
    )


FIGURE_ROLES = {
    "target": M("目标", "target"),
    "baseline": M("基期值", "baseline"),
    "actual": M("实际值", "actual"),
}


def _figure_label(ctx: Context, target: dict[str, Any], role: str, year: object) -> str:
    label = target["label_en" if ctx.lang == "en" else "label_zh"]
    return f"{label}: {ctx.t(FIGURE_ROLES[role])} {year}"


def _target_sources(ctx: Context, target: dict[str, Any]) -> tuple[str, ...]:
    keys = []
    for role in ("target", "baseline"):
        figure = target.get(role)
        if figure:
            keys.append(
                ctx.book.published(
                    figure["source"], _figure_label(ctx, target, role, figure["year"])
                )
            )
    for p in target["trajectory"]:
        if p["actual"] is None:
            continue
        if p["actual_origin"] == "published":
            label = _figure_label(ctx, target, "actual", p["year"])
            keys.append(ctx.book.published(p["actual_source"], label))
        else:
            keys.append(ctx.warehouse_source())
    return tuple(dict.fromkeys(keys))  # fmt: skip


def _chart(ctx: Context, target: dict[str, Any], caption: str, keys: tuple[str, ...]) -> Chart:
    trajectory = target["trajectory"]
    path = svg.LineSeries(
        ctx.t(M("规划路径", "plan path")),
        tuple((p["year"], p["expected"]) for p in trajectory if p["expected"] is not None),
        dashed=True,
    )
    actuals = svg.LineSeries(
        ctx.t(M("实际值", "actual")),
        tuple((p["year"], p["actual"]) for p in trajectory if p["actual"] is not None),
    )
    series = [path] + ([actuals] if actuals.points else [])
    return Chart(caption, svg.line_chart(series, unit=target["unit"]), keys)


def headline_chapter(ctx: Context) -> tuple[Chapter, list[Headline]]:
    targets = ctx.cubes.targets()
    headlines: list[Headline] = []
    rows: list[tuple[object, ...]] = []
    charts: list[Chart] = []
    sources: list[str] = []
    for target in targets:
        h = _headline(ctx, target)
        headlines.append(h)
        origin = T.ORIGIN[h.origin].in_language(ctx.lang) if h.origin in T.ORIGIN else "—"
        if h.synthetic:
            origin += f" ({ctx.label('synthetic')})"
        point: dict[str, Any] = next((p for p in target["trajectory"] if p["year"] == ctx.year), {})
        rows.append((
            f"{h.label} ({h.unit})",
            (target.get("baseline") or {}).get("value"),
            f"{h.target_value:,g} ({h.target_year})",
            h.expected,
            h.actual,
            origin,
            ctx.t(T.STATUS[h.status]),
            point.get("required_growth_percent"),
        ))  # fmt: skip
        keys = _target_sources(ctx, target)
        sources.extend(keys)
        if any(p["expected"] is not None for p in target["trajectory"]):
            charts.append(_chart(ctx, target, f"{h.label} ({h.unit})", keys))
    baseline = ctx.t(M("基期值", "baseline"))
    table = Table(
        caption=ctx.t(M("{year} 年规划目标完成情况", "Plan targets in {year}"), year=ctx.year),
        columns=(
            Column(ctx.t(M("指标(单位)", "indicator (unit)"))),
            Column(baseline, 1),
            Column(ctx.t(M("目标(年)", "target (year)"))),
            Column(ctx.t(M("路径预期值", "expected on the path")), 1),
            Column(ctx.t(M("实际值", "actual")), 1),
            Column(ctx.t(M("实际值来源", "origin of the actual"))),
            Column(ctx.t(M("状态", "status"))),
            Column(ctx.t(M("此后需年均增速(%)", "yearly growth needed (%)")), 1),
        ),
        rows=tuple(rows),
        sources=tuple(dict.fromkeys(sources)),
        note=ctx.t(M(
            "路径按不变增速从基期推至目标年;实际值与预期值相差 1% 以内为“符合进度”。",
            "The path grows at a constant rate from the baseline to the target year; an actual "
            "within 1 % of the expected value counts as on track.",
        )),
    )  # fmt: skip
    intro = ctx.t(M(
        "规划提出到 2025 年数字经济核心产业增加值和营业收入的目标。下表列出 {year} 年各目标的"
        "路径预期值与实际值;实际值优先采用公开统计数据,无公开数据时采用企业数据汇总。",
        "The plan sets 2025 targets for the core digital-economy industries. The table gives, "
        "for {year}, each target's expected value on its path and the actual figure: published "
        "statistics where they exist, otherwise the sum of the enterprise records.",
    ), year=ctx.year)  # fmt: skip
    chapter = Chapter("headline", ctx.t(T.CHAPTER_TITLES["headline"]), (intro,),
                      tuple(charts), (table,))  # fmt: skip
    return chapter, headlines


# ---- districts ----------------------------------------------------------------------------


def _core_rows(ctx: Context) -> pd.DataFrame:
    if not ctx.cubes.has_rows:
        return pd.DataFrame()
    frame = ctx.cubes.cube("core")
    return frame[(frame.year == ctx.year) & (frame.de_code == CORE)]


MSG_NO_WAREHOUSE_YEAR = M(
    "数据仓库中没有 {year} 年的企业数据,本章无法给出区县数字。",
    "The warehouse holds no enterprise records for {year}, so this chapter has no district "
    "figures.",
)


def districts_chapter(ctx: Context) -> Chapter:
    title = ctx.t(T.CHAPTER_TITLES["districts"])
    rows = _core_rows(ctx)
    if rows.empty:
        return Chapter("districts", title, absent=ctx.t(MSG_NO_WAREHOUSE_YEAR, year=ctx.year))
    names = unit_names(ctx.lang)
    by_code = {r["division_code"]: r for r in rows.to_dict(orient="records")}
    source = ctx.warehouse_source()
    boundaries = ctx.book.message("boundaries", T.SOURCE_BOUNDARIES)
    values = {d.code: ctx.yi_yuan(by_code.get(d.code, {}).get("value_added"))
              for d in county_divisions()}  # fmt: skip
    unit = ctx.t(M("亿元", "亿元 (100 million yuan)"))  # the caption names the measure
    chart = Chart(
        ctx.t(M("{year} 年各区县数字经济核心产业增加值", "Core value added by unit, {year}"),
              year=ctx.year),
        svg_map.choropleth(values, {c: _short(n) for c, n in names.items()}, unit=unit,
                       missing=ctx.label("missing")),
        (source, boundaries),
    )  # fmt: skip
    table_rows = []
    for code in [d.code for d in county_divisions()] + [CITY_CODE]:
        r = by_code.get(code, {})

        def num(key: str, r: dict = r) -> float | None:
            value = r.get(key)
            return None if value is None or pd.isna(value) else float(value)

        table_rows.append((
            names.get(code, code),
            None if not r else int(r["enterprises"]),
            ctx.yi_yuan(r.get("revenue")),
            ctx.yi_yuan(r.get("value_added")),
            num("yoy_value_added"),
            num("share_of_city"),
            num("share_of_gdp"),
            num("lq"),
        ))  # fmt: skip
    gdp_note = ctx.t(M(
        "占 GDP 比重以公开发布的地区生产总值为分母,无公开 GDP 的区县为缺失。",
        "Share of GDP divides by the published GDP; units without a published GDP show as "
        "missing.",
    ))  # fmt: skip
    table = Table(
        caption=ctx.t(M("{year} 年各区县数字经济核心产业", "Core industries by unit, {year}"),
                      year=ctx.year),
        columns=(
            Column(ctx.t(M("区县", "unit"))),
            Column(ctx.t(M("企业数", "enterprises")), 0),
            Column(ctx.t(M("营业收入(亿元)", "revenue (亿元)")), 1),
            Column(ctx.t(M("增加值(亿元)", "value added (亿元)")), 1),
            Column(ctx.t(M("增加值增速(%)", "growth (%)")), 1),
            Column(ctx.t(M("占全市(%)", "share of city (%)")), 1),
            Column(ctx.t(M("占 GDP(%)", "share of GDP (%)")), 1),
            Column(ctx.t(M("区位商", "LQ")), 2),
        ),
        rows=tuple(table_rows),
        sources=(source,),
        note=gdp_note,
    )  # fmt: skip
    return Chapter("districts", title, charts=(chart,), tables=(table,))


# ---- structure ------------------------------------------------------------------------------


def structure_chapter(ctx: Context) -> Chapter:
    title = ctx.t(T.CHAPTER_TITLES["structure"])
    if _core_rows(ctx).empty:
        return Chapter("structure", title, absent=ctx.t(MSG_NO_WAREHOUSE_YEAR, year=ctx.year))
    from hzdigital.dashboard.selectors import category_names

    designated = designated_codes()
    categories = category_names()
    names = unit_names(ctx.lang)
    medium = ctx.cubes.cube("medium")
    medium = medium[medium.year == ctx.year]
    by_sub = ctx.cubes.core_by_sub()
    shares = {s.division_code: s
              for s in key_industry_shares(by_sub[by_sub.year == ctx.year], designated)}  # fmt: skip
    leaders = {row.division_code: row for row in lq_leaders(medium, designated, top_n=3)}
    matrix = similarity_matrix(medium)
    rows, bars = [], []
    for division in county_divisions():
        code = division.code
        share = shares.get(code)
        leader = leaders.get(code)
        similar = None
        if code in matrix.index:
            others = matrix.loc[code].drop(code).dropna()
            if not others.empty:
                similar = f"{_short(names[str(others.idxmax())])} ({others.max():.2f})"
        share_percent = share.share_percent if share else None
        bars.append((_short(names[code]), share_percent))
        rows.append((
            names[code],
            share_percent,
            None if leader is None else f"{len(leader.designated_specialised)}/"
                                        f"{len(leader.designated)}",
            "" if leader is None else "; ".join(
                f"{c} {categories.get(c, '')} ({lq:.2f})" for c, lq in leader.top),
            similar or "—",
        ))  # fmt: skip
    source = ctx.warehouse_source()
    plan = ctx.book.message("plan", T.SOURCE_PLAN)
    table = Table(
        caption=ctx.t(M("{year} 年区县产业结构", "District structure, {year}"), year=ctx.year),
        columns=(
            Column(ctx.t(M("区县", "unit"))),
            Column(ctx.t(M("重点产业占核心增加值(%)", "key industries' share of core VA (%)")), 1),
            Column(ctx.t(M("区位商>1 的重点产业", "key industries with LQ > 1"))),
            Column(ctx.t(M("区位商最高的中类", "categories with the highest LQ"))),
            Column(ctx.t(M("结构最相似的区县", "most similar unit"))),
        ),
        rows=tuple(rows),
        sources=(source, plan),
        note=ctx.t(M(
            "重点产业为规划专栏13为各区县确定的产业;区位商以增加值计;结构相似系数为两区县核心产业"
            "中类增加值构成向量的夹角余弦(1 为完全相同)。",
            "Key industries are those the plan (box 13) assigns to each unit; LQ is on value "
            "added; the similarity coefficient is the cosine of two units' shares of core value "
            "added by NBS medium category (1 = identical).",
        )),
    )  # fmt: skip
    chart = Chart(
        ctx.t(M("重点产业占核心产业增加值比重", "Key industries' share of core value added")),
        svg.bar_chart(bars, unit="%", missing=ctx.label("missing")),
        (source, plan),
    )
    intro = ctx.t(M(
        "规划要求各区县差异化、特色化发展。本章衡量各区县核心产业是否集中在规划确定的重点产业、"
        "哪些门类具有比较优势,以及区县之间产业结构的相似程度。",
        "The plan asks each unit to specialise. This chapter measures how much of each unit's "
        "core industries lies in its designated key industries, where it has a comparative "
        "advantage, and how alike the units' structures are.",
    ))  # fmt: skip
    return Chapter("structure", title, (intro,), (chart,), (table,))
