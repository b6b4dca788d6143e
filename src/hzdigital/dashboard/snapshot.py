"""The warehouse as the monitoring pages read it, with results kept until the next import.

Building and compiling the cube expression costs about a second per level on the project's
machines, which is too slow for every page view; the data only changes when an import
commits. So cube frames, years and sources are kept per warehouse *version* (the number of
logged imports and the last one's finish time) and recomputed when it moves.

Connections are read-write on purpose: within one process DuckDB refuses a read-only
connection next to the read-write one an import thread holds, while two read-write
connections share one database and each sees the last committed state.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from ibis.backends.duckdb import Backend

from hzdigital.lib.divisions import CITY_CODE
from hzdigital.monitoring.cube import build_cube
from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.structure import core_value_added_by_sub
from hzdigital.warehouse import store

CUBE_EXTRA = ("rd_intensity",)  # derived indicators the pages show beyond the cube's defaults


@dataclass(frozen=True)
class Source:
    """Where warehouse figures come from: one import, and whether its rows are made up."""

    import_id: str
    synthetic: bool


@contextmanager
def warehouse() -> Iterator[Engine]:
    backend: Backend = store.connect()
    try:
        yield Engine("duckdb", backend)
    finally:
        backend.disconnect()


def sources_of(
    contributions: pd.DataFrame, year: int | None, division_code: str | None
) -> list[Source]:
    """The imports behind a figure of ``year`` (all years: None) and a district (the city: all).

    ``contributions`` holds (year, division_code, import_id, synthetic) of every import's rows,
    live or frozen in an edition, so both kinds of snapshot name their sources the same way.
    """
    rows = contributions
    if year is not None:
        rows = rows[rows.year == year]
    if division_code and division_code != CITY_CODE:
        rows = rows[rows.division_code == division_code]
    grouped = rows.groupby("import_id", sort=True)["synthetic"].any()
    return [Source(str(i), bool(s)) for i, s in grouped.items()]


@dataclass
class Snapshot:
    home: Path
    version: tuple[object, ...]
    years: list[int]  # newest first
    # (year, division_code, import_id, synthetic) of every import's rows
    contributions: pd.DataFrame
    cubes: dict[str, pd.DataFrame] = field(default_factory=dict)  # level (or name) → all years

    def sources(self, year: int | None, division_code: str | None) -> list[Source]:
        return sources_of(self.contributions, year, division_code)

    def core_by_sub(self) -> pd.DataFrame:
        """Core value added per (year, division, NBS sub-category), from monitoring.structure."""
        if "core_by_sub" not in self.cubes:
            with warehouse() as engine:
                expr = core_value_added_by_sub(store.enterprise_year(engine.con))
                self.cubes["core_by_sub"] = engine.execute(expr)
        return self.cubes["core_by_sub"]

    def cube(self, level: str) -> pd.DataFrame:
        """The cube at ``level`` for every year, computed once per snapshot."""
        if level not in self.cubes:
            with warehouse() as engine:
                expr = build_cube(store.enterprise_year(engine.con), level=level, extra=CUBE_EXTRA)  # type: ignore[arg-type]
                self.cubes[level] = engine.execute(expr)
        return self.cubes[level]


_lock = threading.Lock()
_snapshots: dict[Path, Snapshot] = {}


def snapshot() -> Snapshot:
    """The current snapshot of the warehouse under ``HZDIGITAL_HOME``."""
    home = store.resolve_home().resolve()
    with warehouse() as engine:
        version = store.version(engine.con.con)
        with _lock:
            cached = _snapshots.get(home)
            if cached is not None and cached.version == version:
                return cached
        contributions = engine.con.con.execute(
            f"""SELECT year, division_code, import_id, bool_or(synthetic) AS synthetic
            FROM {store.ENTERPRISE_YEAR} GROUP BY ALL"""
        ).fetch_df()
    years = sorted({int(y) for y in contributions["year"]}, reverse=True)
    fresh = Snapshot(home, version, years, contributions)
    with _lock:
        _snapshots[home] = fresh
    return fresh


def warm_snapshot() -> None:
    """Compute what the dashboard and structure pages read, for the current warehouse."""
    current = snapshot()
    for level in ("core", "major", "medium"):
        current.cube(level)
    current.core_by_sub()
