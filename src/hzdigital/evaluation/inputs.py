"""Raw indicator values per (year, unit) from the warehouse cube, the published GDP series and
the district areas: the *denominate* step's inputs and its result.

The cube is read once at the major level (each enterprise-year in exactly one bucket: 01…05,
``partial_unresolved`` or outside the classification) and once at the core level; ``all`` is
the sum of every bucket, i.e. every enterprise in the warehouse, digital or not.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis.expr.types as ir
import numpy as np
import pandas as pd

from hzdigital.evaluation.area import AREA_SOURCE, district_areas_km2
from hzdigital.evaluation.framework import CubeRef, Framework, Indicator
from hzdigital.lib.divisions import CITY_CODE, county_divisions
from hzdigital.monitoring.cube import aggregate
from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.published import PUBLISHED_CSV, gdp_wan_yuan

GDP_SOURCE = f"data/{PUBLISHED_CSV.name} (gdp, 亿元 × 10 000 → 万元)"
CUBE_SOURCE = "warehouse cube (hzdigital.monitoring.cube), money in 万元"


@dataclass(frozen=True)
class Panel:
    """Every cube measure the framework may name, per (year, division_code, category)."""

    cells: pd.DataFrame  # year, division_code, category, enterprises, revenue, …
    synthetic_years: frozenset[int]  # years with at least one synthetic row
    years: tuple[int, ...]

    def measure(self, year: int, ref: CubeRef) -> pd.Series:
        """One measure of one category per unit (0 where the unit has no such enterprise)."""
        codes = [d.code for d in county_divisions()]
        rows = self.cells[(self.cells.year == year) & (self.cells.category == ref.category)]
        values = rows.set_index("division_code")[ref.measure].astype("float64")
        present = pd.Series(np.nan if year not in self.years else 0.0, index=codes)
        return values.reindex(codes).fillna(present)


def read_panel(engine: Engine, table: ir.Table | None = None) -> Panel:
    """Aggregate the warehouse's enterprise table into the panel (one small query per level)."""
    t = engine.table() if table is None else table
    major = engine.execute(aggregate(t, "major"))
    core = engine.execute(aggregate(t, "core"))
    major = major[major.division_code != CITY_CODE]
    core = core[(core.division_code != CITY_CODE) & (core.de_code == "core")]
    measures = ["enterprises", "revenue", "value_added", "employees", "rd_expense"]
    everything = major.groupby(["year", "division_code"], as_index=False)[measures].sum()
    frames = [
        major.rename(columns={"de_code": "category"}),
        core.rename(columns={"de_code": "category"}),
        everything.assign(category="all"),
    ]
    cells = pd.concat(frames, ignore_index=True)[["year", "division_code", "category", *measures]]
    cells["year"] = cells.year.astype("int64")
    synthetic = engine.execute(t.filter(t.synthetic).select("year").distinct())
    return Panel(
        cells=cells,
        synthetic_years=frozenset(int(y) for y in synthetic.year),
        years=tuple(sorted(int(y) for y in cells.year.unique())),
    )


def _gdp(year: int) -> pd.Series:
    gdp = gdp_wan_yuan()
    rows = gdp[(gdp.year == year) & (gdp.division_code != CITY_CODE)]
    return rows.set_index("division_code").gdp_wan_yuan


def denominator(panel: Panel, indicator: Indicator, year: int) -> pd.Series:
    """The indicator's denominator per unit; NaN where no sourced value exists."""
    codes = [d.code for d in county_divisions()]
    kind = indicator.denominator
    if kind == "none":
        return pd.Series(1.0, index=codes)
    if kind == "gdp":
        return _gdp(year).reindex(codes)
    if kind == "area_km2":
        return pd.Series(district_areas_km2()).reindex(codes)
    if kind == "previous_year":
        return panel.measure(year - 1, indicator.source)
    ref = indicator.denominator_ref
    assert ref is not None  # the framework validated it
    return panel.measure(year, ref)


def denominate(panel: Panel, framework: Framework, year: int) -> pd.DataFrame:
    """Raw indicator values, units × indicators: numerator / denominator × scale (a growth
    indicator: (value / previous − 1) × scale). A zero or missing denominator gives NaN."""
    out = {}
    for indicator in framework.indicators:
        numerator = panel.measure(year, indicator.source)
        base = denominator(panel, indicator, year).replace(0, np.nan)
        ratio = numerator / base
        if indicator.denominator == "previous_year":
            ratio = ratio - 1
        out[indicator.key] = ratio * indicator.scale
    return pd.DataFrame(out)


def indicator_sources(indicator: Indicator) -> list[str]:
    """Where the numerator and denominator of an indicator come from, for every output."""
    sources = [f"{CUBE_SOURCE}: {indicator.source}"]
    extra = {"gdp": GDP_SOURCE, "area_km2": AREA_SOURCE}.get(indicator.denominator)
    if extra:
        sources.append(extra)
    elif indicator.denominator not in ("none", "previous_year"):
        sources.append(f"{CUBE_SOURCE}: {indicator.denominator}")
    return sources
