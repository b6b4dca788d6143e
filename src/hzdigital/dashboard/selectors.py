"""Reads behind the monitoring pages: figures from the cube that ``hzdigital.monitoring``
computes over the warehouse (kept per warehouse version by ``snapshot.py``), published figures
and plan targets from the published series.

Money comes out of the warehouse in 万元 and is shown in 亿元 (1 亿元 = 10 000 万元).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from django.utils.translation import gettext_lazy as _

from hzdigital.classification import nbs
from hzdigital.dashboard.edition_reads import snapshot  # an edition's figures, or live
from hzdigital.dashboard.snapshot import Source, warehouse
from hzdigital.lib.divisions import CITY_CODE, county_divisions
from hzdigital.monitoring.cube import CORE, PARTIAL_UNRESOLVED
from hzdigital.plan.templatetags.hzweb import is_english

__all__ = ["Source", "warehouse"]  # re-exported for the enterprise reads and the views

WAN_YUAN_PER_YI_YUAN = 10_000
MAJOR_CODES = ("01", "02", "03", "04", "05")


def years_available() -> list[int]:
    """Statistical years present in the warehouse, newest first."""
    return snapshot().years


def sources(year: int | None = None, division_code: str | None = None) -> list[Source]:
    """The imports whose rows make up the figures of a year (and district), in id order."""
    return snapshot().sources(year, division_code)


def cube(level: str, year: int) -> pd.DataFrame:
    """The cube of one year at ``level`` (major, medium or core), as monitoring computes it."""
    frame = snapshot().cube(level)
    return frame[frame.year == year]


def cube_years(level: str, de_code: str, division_code: str = CITY_CODE) -> pd.DataFrame:
    """One cell of the cube through all years (the warehouse actuals of a trajectory)."""
    frame = snapshot().cube(level)
    return frame[(frame.division_code == division_code) & (frame.de_code == de_code)]


# ---- names ------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _category_names(edition_sha256: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for row in nbs.active_edition().rows:
        names.setdefault(row.major_code, row.major_name)
        names.setdefault(row.medium_code, row.medium_name)
        if row.sub_code and row.sub_name:
            names.setdefault(row.sub_code, row.sub_name)
    return names


def category_names() -> dict[str, str]:
    """NBS 2021 code (any level) → its Chinese official name, from the active edition."""
    return _category_names(nbs.active_edition().sha256)


def division_names() -> dict[str, str]:
    """Division code → its official Chinese name (the city included)."""
    names = {d.code: d.name for d in county_divisions()}
    names[CITY_CODE] = "杭州市"
    return names


def display_division_names() -> dict[str, str]:
    """Division names in the page language: English from the loaded plan where it has them."""
    names = division_names()
    if not is_english():
        return names
    from hzdigital.plan.models import Unit

    english = dict(Unit.objects.filter(edition__is_active=True).values_list("code", "name_en"))
    english[CITY_CODE] = "Hangzhou"
    return {code: english.get(code) or name for code, name in names.items()}


def is_category_code(code: str) -> bool:
    return code in (CORE, PARTIAL_UNRESOLVED) or code in category_names()


def level_of(de_code: str) -> str:
    """The cube level that holds ``de_code``: core, major (2 digits) or medium (4 digits)."""
    if de_code in (CORE, PARTIAL_UNRESOLVED):
        return "core"
    return {2: "major", 4: "medium"}.get(len(de_code), "medium")


def yi_yuan(wan_yuan: float | None) -> float | None:
    return None if wan_yuan is None or pd.isna(wan_yuan) else wan_yuan / WAN_YUAN_PER_YI_YUAN


# ---- the district map -------------------------------------------------------------------------


@dataclass(frozen=True)
class MapMeasure:
    """A measure the choropleth can colour districts by: a column of the core cell."""

    key: str
    label: object
    column: str
    divisor: float
    unit: object


MAP_MEASURES: tuple[MapMeasure, ...] = (
    MapMeasure("value_added", _("核心产业增加值"), "value_added", WAN_YUAN_PER_YI_YUAN, _("亿元")),
    MapMeasure("revenue", _("核心产业营业收入"), "revenue", WAN_YUAN_PER_YI_YUAN, _("亿元")),
    MapMeasure("growth", _("增加值同比增长"), "yoy_value_added", 1, "%"),
    MapMeasure("share_of_gdp", _("占地区生产总值比重"), "share_of_gdp", 1, "%"),
    MapMeasure("lq", _("区位商"), "lq", 1, ""),
    MapMeasure("enterprises", _("企业数"), "enterprises", 1, _("家")),
    MapMeasure("rd_intensity", _("研发强度"), "rd_intensity", 1, "%"),
)  # fmt: skip
MAP_MEASURE_BY_KEY = {m.key: m for m in MAP_MEASURES}


def district_values(year: int) -> dict[str, dict[str, float | None]]:
    """Division code → map measure key → value in its shown unit (None where undefined)."""
    frame = cube("core", year)
    rows = frame[(frame.de_code == CORE) & (frame.division_code != CITY_CODE)]
    values: dict[str, dict[str, float | None]] = {
        d.code: {m.key: None for m in MAP_MEASURES} for d in county_divisions()
    }
    for row in rows.to_dict(orient="records"):
        values[row["division_code"]] = {
            m.key: None if pd.isna(row[m.column]) else float(row[m.column]) / m.divisor
            for m in MAP_MEASURES
        }
    return values


# ---- categories ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRow:
    de_code: str  # major, medium, core or partial_unresolved
    name: str
    core: bool  # counted in the core industries (majors 01–04 and the core total)
    enterprises: int
    revenue_yi_yuan: float | None
    value_added_yi_yuan: float | None
    share_of_city_percent: float | None
    lq: float | None


def _category_rows(frame: pd.DataFrame) -> list[CategoryRow]:
    names = category_names()
    return [
        CategoryRow(
            de_code=r.de_code,
            name=names.get(r.de_code, r.de_code),
            core=r.de_code == CORE or r.de_code[:2] in ("01", "02", "03", "04"),
            enterprises=int(r.enterprises),
            revenue_yi_yuan=yi_yuan(r.revenue),
            value_added_yi_yuan=yi_yuan(r.value_added),
            share_of_city_percent=None if pd.isna(r.share_of_city) else float(r.share_of_city),
            lq=None if pd.isna(r.lq) else float(r.lq),
        )
        for r in frame.itertuples()
    ]


@dataclass(frozen=True)
class Breakdown:
    core: CategoryRow | None  # 01–04 together
    majors: list[CategoryRow]  # 01–05 as present, in code order
    unresolved: CategoryRow | None  # partial classes without text evidence: never core


def category_breakdown(year: int, division_code: str) -> Breakdown:
    """The NBS majors of a unit (or the city) in ``year``, core and unresolved apart."""
    majors = cube("major", year)
    majors = majors[majors.division_code == division_code]
    core = cube("core", year)
    core = core[core.division_code == division_code]
    core_rows = _category_rows(core[core.de_code == CORE])
    unresolved_rows = _category_rows(core[core.de_code == PARTIAL_UNRESOLVED])
    return Breakdown(
        core=core_rows[0] if core_rows else None,
        majors=_category_rows(majors[majors.de_code.isin(MAJOR_CODES)]),
        unresolved=unresolved_rows[0] if unresolved_rows else None,
    )


def medium_breakdown(year: int, division_code: str, major_code: str) -> list[CategoryRow]:
    """The medium categories (4 digits) of one major in a unit (or the city)."""
    frame = cube("medium", year)
    frame = frame[(frame.division_code == division_code) & frame.de_code.str.startswith(major_code)]
    return _category_rows(frame)


def category_cell(year: int, division_code: str, de_code: str) -> CategoryRow | None:
    """One cell of the cube (any level), or None when nothing is counted there."""
    frame = cube(level_of(de_code), year)
    frame = frame[(frame.division_code == division_code) & (frame.de_code == de_code)]
    rows = _category_rows(frame)
    return rows[0] if rows else None
