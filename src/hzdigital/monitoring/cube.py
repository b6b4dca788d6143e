"""The indicator cube: (year, division_code, de_code) × measures and derived indicators.

One Ibis expression, built here once, runs on any engine (see ``engines.py``). The enterprise
table is scanned once: every row gets exactly one bucket (a category, ``partial_unresolved``, or
the internal ``~outside`` bucket for enterprises outside the level's categories), and everything
else is computed from that small aggregate, so the cube never double counts and the
all-enterprise totals needed by the location quotient come for free.

Buckets by level:

========  ==============================================================================
major     de_major of rows with status full, partial_resolved or text (05 from text)
medium    de_medium of the same rows
core      ``core`` = majors 01–04 with status full or partial_resolved (05 is not core)
all       ``partial_unresolved`` for partial classes without text evidence: never core,
          never hidden
========  ==============================================================================

>>> import ibis, pyarrow as pa
>>> from hzdigital.monitoring.engines import Engine
>>> rows = ibis.memtable(pa.table({
...     "year": [2023] * 5,
...     "division_code": ["330108", "330108", "330108", "330106", "330106"],
...     "de_major": ["01", "03", "05", "03", None],
...     "de_medium": ["0101", "0301", "0501", "0302", None],
...     "de_status": ["full", "partial_resolved", "text", "partial_unresolved", "none"],
...     "revenue": [100.0, 50.0, 10.0, 40.0, 60.0],
...     "value_added": [30.0, 20.0, 5.0, 10.0, 15.0],
...     "employees": [10, 5, 2, 4, 6],
...     "rd_expense": [3.0, 1.0, None, 2.0, None],
... }))
>>> frame = Engine.duckdb().execute(build_cube(rows, level="core"))
>>> frame[["division_code", "de_code", "enterprises", "value_added", "share_of_city"]]
  division_code             de_code  enterprises  value_added  share_of_city
0        330100                core            2         50.0          100.0
1        330100  partial_unresolved            1         10.0          100.0
2        330106  partial_unresolved            1         10.0          100.0
3        330108                core            2         50.0          100.0
>>> round(float(frame.lq[3]), 6)  # (50 / 55) / (50 / 80)
1.454545
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from hzdigital.monitoring.published import CITY_CODE, gdp_wan_yuan
from hzdigital.monitoring.registry import DERIVED, MEASURE_LIST

Level = Literal["major", "medium", "core"]
LEVELS: tuple[Level, ...] = ("major", "medium", "core")

CORE_MAJORS = ("01", "02", "03", "04")
COUNTED_STATUSES = ("full", "partial_resolved")  # statuses that count as a category
TEXT_STATUS = "text"  # 05 assigned from business-scope evidence
PARTIAL_UNRESOLVED = "partial_unresolved"
CORE = "core"
OUTSIDE = "~outside"  # internal bucket: in the totals, never in the output

KEY_COLUMNS = ("year", "division_code", "de_code")
MEASURE_KEYS = tuple(m.key for m in MEASURE_LIST)
RECORD_FIELDS = (
    *KEY_COLUMNS,
    *MEASURE_KEYS,
    "yoy_value_added",
    "share_of_city",
    "share_of_gdp",
    "lq",
)


def _bucket_major(t: ir.Table) -> ir.StringValue:
    counted = t.de_status.isin([*COUNTED_STATUSES, TEXT_STATUS]) & t.de_major.notnull()
    return ibis.cases((counted, t.de_major), else_=ibis.literal(OUTSIDE))


def _bucket_medium(t: ir.Table) -> ir.StringValue:
    counted = t.de_status.isin([*COUNTED_STATUSES, TEXT_STATUS]) & t.de_medium.notnull()
    return ibis.cases((counted, t.de_medium), else_=ibis.literal(OUTSIDE))


def _bucket_core(t: ir.Table) -> ir.StringValue:
    counted = t.de_status.isin(COUNTED_STATUSES) & t.de_major.isin(CORE_MAJORS)
    return ibis.cases((counted, ibis.literal(CORE)), else_=ibis.literal(OUTSIDE))


BUCKETS = {"major": _bucket_major, "medium": _bucket_medium, "core": _bucket_core}


def bucket(t: ir.Table, level: Level) -> ir.StringValue:
    """The de_code of each enterprise-year row at ``level``; partial_unresolved always wins."""
    if level not in BUCKETS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    unresolved = t.de_status == PARTIAL_UNRESOLVED
    return ibis.ifelse(unresolved, ibis.literal(PARTIAL_UNRESOLVED), BUCKETS[level](t))


LEVEL_COLUMN = {"major": "de_major", "medium": "de_medium", "core": "de_major"}


def aggregate(t: ir.Table, level: Level) -> ir.Table:
    """Measures per (year, division_code, de_code) for districts, the ``~outside`` bucket
    included, plus the city rows (division 330100) rolled up from them.

    The enterprise rows are first grouped by their raw columns (year, division, status, code)
    and only the few thousand groups are bucketed: evaluating the bucket rule on every one of
    millions of rows costs more than the grouping itself.
    """
    if level not in BUCKETS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    groups = t.group_by(["year", "division_code", "de_status", LEVEL_COLUMN[level]]).aggregate(
        **{m.key: m.expression(t) for m in MEASURE_LIST}
    )
    groups = groups.mutate(de_code=bucket(groups, level))
    district = groups.group_by(KEY_COLUMNS).aggregate(
        **{key: groups[key].sum() for key in MEASURE_KEYS}
    )
    city = district.group_by(["year", "de_code"]).aggregate(
        **{key: district[key].sum() for key in MEASURE_KEYS}
    )
    district = district.select(KEY_COLUMNS + MEASURE_KEYS)
    city = city.mutate(division_code=ibis.literal(CITY_CODE)).select(KEY_COLUMNS + MEASURE_KEYS)
    # A union needs equal schemas, nullability included: the warehouse declares NOT NULL
    # columns, while a literal or a sum of sums may be nullable.
    schema = district.schema()
    city = city.select(*[city[name].cast(schema[name]).name(name) for name in schema])
    return district.union(city)


def wide(cells: ir.Table, gdp: ir.Table | None = None) -> ir.Table:
    """Join the aggregate with what the derived indicators need (columns in registry.py)."""
    previous = cells.select(
        "division_code",
        "de_code",
        prev_year=cells.year + 1,
        **{f"prev_{key}": cells[key] for key in MEASURE_KEYS},
    )
    city = cells.filter(cells.division_code == CITY_CODE).select(
        "year", "de_code", **{f"city_{key}": cells[key] for key in MEASURE_KEYS}
    )
    totals = cells.group_by(["year", "division_code"]).aggregate(
        division_all_value_added=cells.value_added.sum()
    )
    city_totals = totals.filter(totals.division_code == CITY_CODE).select(
        "year", city_all_value_added=totals.division_all_value_added
    )
    if gdp is None:
        gdp = ibis.memtable(pa.Table.from_pandas(gdp_wan_yuan(), preserve_index=False))

    w = cells.left_join(
        previous,
        [
            cells.division_code == previous.division_code,
            cells.de_code == previous.de_code,
            cells.year == previous.prev_year,
        ],
    ).select(cells, *[f"prev_{key}" for key in MEASURE_KEYS])
    w = w.left_join(city, ["year", "de_code"]).select(w, *[f"city_{key}" for key in MEASURE_KEYS])
    w = w.left_join(totals, ["year", "division_code"]).select(w, "division_all_value_added")
    w = w.left_join(city_totals, "year").select(w, "city_all_value_added")
    gdp_year = gdp.select(
        gdp_year=gdp.year.cast("int64"),
        gdp_division=gdp.division_code,
        gdp_wan_yuan=gdp.gdp_wan_yuan,
    )
    w = w.left_join(
        gdp_year,
        [w.year.cast("int64") == gdp_year.gdp_year, w.division_code == gdp_year.gdp_division],
    ).select(w, "gdp_wan_yuan")
    return w


def build_cube(
    table: ir.Table,
    *,
    level: Level = "core",
    year: int | None = None,
    gdp: ir.Table | None = None,
    extra: Iterable[str] = (),
) -> ir.Table:
    """The cube as an Ibis expression, one row per (year, division_code, de_code).

    ``table`` is an enterprise-year table (architecture.md); ``gdp`` has year, division_code,
    gdp_wan_yuan (default: the published series). ``year`` keeps one year; the year before is
    still read so that year-on-year growth is filled. ``extra`` names further derived
    indicators from the registry (e.g. ``rd_intensity``, ``yoy_revenue``).
    """
    if year is not None:
        table = table.filter(table.year.isin([year - 1, year]))
    w = wide(aggregate(table, level), gdp)
    derived = ["yoy_value_added", "share_of_city", "share_of_gdp", "lq", *extra]
    unknown = [key for key in derived if key not in DERIVED]
    if unknown:
        raise ValueError(f"unknown derived indicator(s): {', '.join(unknown)}")
    cube = w.select(
        *KEY_COLUMNS,
        *MEASURE_KEYS,
        **{key: DERIVED[key].expression(w) for key in dict.fromkeys(derived)},
    )
    cube = cube.filter(cube.de_code != OUTSIDE)
    if year is not None:
        cube = cube.filter(cube.year == year)
    return cube.order_by(KEY_COLUMNS)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Cube rows as JSON-ready dicts with the contract's field names; NaN becomes None."""
    clean = frame.astype(object).where(frame.notna(), None)
    out = clean.to_dict(orient="records")
    for row in out:
        row["year"] = int(row["year"])  # type: ignore[call-overload]
        row["enterprises"] = int(row["enterprises"])  # type: ignore[call-overload]
    return out
