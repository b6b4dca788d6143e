"""Raw indicator values per (year, unit) from the warehouse cube, the published GDP series and
the district areas: the *denominate* step's inputs and its result.

The cube is read once at the major level (each enterprise-year in exactly one bucket: 01…05,
``partial_unresolved`` or outside the classification) and once at the core level; ``all`` is
the sum of every bucket, i.e. every enterprise in the warehouse, digital or not. Publishing a
data edition freezes these cells (``panel_cells``), since ``all`` needs the bucket of
enterprises outside the classification, which the frozen cube leaves out.

Inputs from outside the warehouse (the talent app's accepted figures) come in as a plain
table, ``EXTRA_COLUMNS``: this package never reads Django, the caller hands them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ibis.expr.types as ir
import numpy as np
import pandas as pd

from hzdigital.evaluation.area import AREA_SOURCE, district_areas_km2
from hzdigital.evaluation.framework import CubeRef, ExtraRef, Framework, Indicator
from hzdigital.lib.divisions import CITY_CODE, county_divisions
from hzdigital.monitoring.cube import aggregate
from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.published import PUBLISHED_CSV, gdp_wan_yuan

GDP_SOURCE = f"data/{PUBLISHED_CSV.name} (gdp, 亿元 × 10 000 → 万元)"
CUBE_SOURCE = "warehouse cube (hzdigital.monitoring.cube), money in 万元"
MEASURES = ["enterprises", "revenue", "value_added", "employees", "rd_expense"]
PANEL_COLUMNS = ["year", "division_code", "category", *MEASURES]
# One row per (unit, year, input): indicator is the framework's source name, e.g.
# ``talent:people_introduced``; source says where the figure comes from; synthetic marks demo.
EXTRA_COLUMNS = ["division_code", "year", "indicator", "value", "source", "synthetic"]


def no_extra() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "division_code": pd.Series(dtype="object"),
            "year": pd.Series(dtype="int64"),
            "indicator": pd.Series(dtype="object"),
            "value": pd.Series(dtype="float64"),
            "source": pd.Series(dtype="object"),
            "synthetic": pd.Series(dtype="bool"),
        }
    )


@dataclass(frozen=True)
class Panel:
    """Every cube measure the framework may name, per (year, division_code, category)."""

    cells: pd.DataFrame  # year, division_code, category, enterprises, revenue, …
    synthetic_years: frozenset[int]  # years with at least one synthetic row
    years: tuple[int, ...]
    extra: pd.DataFrame = field(default_factory=no_extra)  # EXTRA_COLUMNS

    def measure(self, year: int, ref: CubeRef | ExtraRef) -> pd.Series:
        """One measure of one category per unit (0 where the unit has no such enterprise);
        an extra input per unit (missing where the unit has no figure: not reported ≠ 0)."""
        codes = [d.code for d in county_divisions()]
        if isinstance(ref, ExtraRef):
            rows = self._extra(year, ref)
            return rows.groupby("division_code").value.sum().astype("float64").reindex(codes)
        rows = self.cells[(self.cells.year == year) & (self.cells.category == ref.category)]
        values = rows.set_index("division_code")[ref.measure].astype("float64")
        present = pd.Series(np.nan if year not in self.years else 0.0, index=codes)
        return values.reindex(codes).fillna(present)

    def _extra(self, year: int, ref: ExtraRef) -> pd.DataFrame:
        extra = self.extra
        return extra[(extra.year == year) & (extra.indicator == str(ref))]

    def extra_synthetic(self, year: int, refs: list[ExtraRef]) -> bool:
        """Whether any extra figure of ``year`` behind ``refs`` is synthetic (demo)."""
        return any(bool(self._extra(year, ref).synthetic.any()) for ref in refs)

    def extra_sources(self, ref: ExtraRef) -> list[str]:
        rows = self.extra[self.extra.indicator == str(ref)]
        return sorted({f"{ref}: {s}" for s in rows.source}) or [f"{ref}: —"]


def panel_cells(engine: Engine, table: ir.Table) -> pd.DataFrame:
    """The panel's cells (``PANEL_COLUMNS``) from an enterprise-year table."""
    t = table
    major = engine.execute(aggregate(t, "major"))
    core = engine.execute(aggregate(t, "core"))
    major = major[major.division_code != CITY_CODE]
    core = core[(core.division_code != CITY_CODE) & (core.de_code == "core")]
    measures = MEASURES
    everything = major.groupby(["year", "division_code"], as_index=False)[measures].sum()
    frames = [
        major.rename(columns={"de_code": "category"}),
        core.rename(columns={"de_code": "category"}),
        everything.assign(category="all"),
    ]
    cells = pd.concat(frames, ignore_index=True)[PANEL_COLUMNS]
    cells["year"] = cells.year.astype("int64")
    return cells


def panel_from(cells: pd.DataFrame, synthetic_years: frozenset[int]) -> Panel:
    cells = cells[PANEL_COLUMNS].assign(year=cells.year.astype("int64"))
    return Panel(
        cells=cells,
        synthetic_years=synthetic_years,
        years=tuple(sorted(int(y) for y in cells.year.unique())),
    )


def read_panel(engine: Engine, table: ir.Table | None = None) -> Panel:
    """Aggregate the warehouse's enterprise table into the panel (one small query per level)."""
    t = engine.table() if table is None else table
    synthetic = engine.execute(t.filter(t.synthetic).select("year").distinct())
    return panel_from(panel_cells(engine, t), frozenset(int(y) for y in synthetic.year))


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


def indicator_sources(indicator: Indicator, panel: Panel | None = None) -> list[str]:
    """Where the numerator and denominator of an indicator come from, for every output."""
    if isinstance(indicator.source, ExtraRef):
        sources = (panel or Panel(pd.DataFrame(), frozenset(), ())).extra_sources(indicator.source)
    else:
        sources = [f"{CUBE_SOURCE}: {indicator.source}"]
    extra = {"gdp": GDP_SOURCE, "area_km2": AREA_SOURCE}.get(indicator.denominator)
    if extra:
        sources.append(extra)
    elif indicator.denominator not in ("none", "previous_year"):
        sources.append(f"{CUBE_SOURCE}: {indicator.denominator}")
    return sources
