"""Low-cardinality text columns of ``enterprise_year`` stored as DuckDB ENUM (dictionary) types.

Thirteen districts, five statuses and a few hundred codes repeat over millions of rows. As
ENUMs they are stored and grouped as one-byte or two-byte integers: the cube's scan groups on
small integer keys (DuckDB's perfect-hash aggregate, see ``monitoring/engines.py``) instead of
hashing strings, and an import writes integers rather than compressing strings (bench/RESULTS.md
has the figures). Readers see no difference: Ibis reads an ENUM as a string, and
comparisons with text work as before.

Two rules keep an ENUM column indistinguishable from VARCHAR:

* Its values are kept sorted, so that ``ORDER BY``, ``min`` and ``<`` order as text would
  (an ENUM orders by position in its value list).
* Its value list grows before any write that brings a new value (:func:`widen`): the lists
  start from the reference data (districts, GB/T 4754 classes, the shipped NBS table), and an
  import adds what a loaded NBS edition or a changed reference file brings. DuckDB cannot add a
  value to an ENUM in place, so widening rewrites that one column, in the caller's transaction;
  that happens only when a value is new, never on an ordinary import.

``import_id`` stays VARCHAR for that reason (every import brings a new value), and so do
``classification_edition`` (a loaded edition is named freely, and tests and tools write names
of their own) and the free-text columns.

A warehouse written before these types (all VARCHAR) is migrated when it is opened for writing
(:func:`migrate`), all columns in one transaction; a read-only connection reads it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import duckdb
from duckdb.sqltypes import DuckDBPyType


def _county_codes() -> Iterable[str]:
    from hzdigital.lib.divisions import county_codes

    return county_codes()


def _gbt_classes() -> Iterable[str]:
    from hzdigital.classification import gbt4754

    return (entry.code for entry in gbt4754.load().classes)


def _nbs_codes(attribute: str) -> Callable[[], Iterable[str]]:
    def codes() -> Iterable[str]:
        from hzdigital.classification.nbs import shipped_edition

        values = (getattr(row, attribute) for row in shipped_edition().rows)
        return (value for value in values if value is not None)

    return codes


def _statuses() -> Iterable[str]:
    from hzdigital.classification.enterprises import STATUSES

    return STATUSES


@dataclass(frozen=True)
class EnumColumn:
    """A column stored as an ENUM; ``known`` gives the values known before any import."""

    name: str
    known: Callable[[], Iterable[str]]


ENUM_COLUMNS: tuple[EnumColumn, ...] = (
    EnumColumn("division_code", _county_codes),
    EnumColumn("industry_code", _gbt_classes),
    EnumColumn("de_sub", _nbs_codes("sub_code")),
    EnumColumn("de_medium", _nbs_codes("medium_code")),
    EnumColumn("de_major", _nbs_codes("major_code")),
    EnumColumn("de_status", _statuses),
)
ENUM_NAMES = tuple(column.name for column in ENUM_COLUMNS)


def enum_sql(values: Iterable[str]) -> str:
    """``ENUM('a', 'b', …)`` with the values sorted (text order) and quoted."""
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in sorted(set(values)))
    return f"ENUM({quoted})"


def column_sql(table_ddl_type: str, name: str) -> str:
    """The type a column gets in a new table: its ENUM of known values, else the DDL's type."""
    for column in ENUM_COLUMNS:
        if column.name == name:
            return enum_sql(column.known())
    return table_ddl_type


def stored_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, DuckDBPyType]:
    relation = con.sql(f"SELECT * FROM {table} LIMIT 0")
    return dict(zip(relation.columns, relation.types, strict=True))


def enum_values(column_type: DuckDBPyType) -> frozenset[str] | None:
    """The values of an ENUM type; None for any other type (VARCHAR in an old warehouse)."""
    if column_type.id != "enum":
        return None
    values = dict(column_type.children)["values"]
    assert isinstance(values, list)  # an ENUM's children: [("values", [str, ...])]
    return frozenset(values)


def _set_type(con: duckdb.DuckDBPyConnection, table: str, name: str, values: Iterable[str]) -> None:
    con.execute(f"ALTER TABLE {table} ALTER COLUMN {name} SET DATA TYPE {enum_sql(values)}")


def widen(
    con: duckdb.DuckDBPyConnection, table: str, incoming: Mapping[str, Iterable[str]]
) -> list[str]:
    """Add the incoming values an ENUM column lacks; returns the columns rewritten.

    Runs in the caller's transaction, so a failed import leaves the old types too.
    """
    types = stored_types(con, table)
    widened = []
    for name, values in incoming.items():
        stored = enum_values(types[name])
        if stored is None:
            continue  # still VARCHAR (a read-only migration never happened): takes anything
        new = {value for value in values if value is not None} - stored
        if new:
            _set_type(con, table, name, stored | new)
            widened.append(name)
    return widened


def needs_migration(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    types = stored_types(con, table)
    return [name for name in ENUM_NAMES if name in types and enum_values(types[name]) is None]


def migrate(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Turn the VARCHAR columns of an older warehouse into their ENUMs, atomically.

    Each column's values are the known ones plus every value stored, so no row changes.
    Returns the columns migrated (none for a current warehouse).
    """
    pending = needs_migration(con, table)
    if not pending:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        for column in ENUM_COLUMNS:
            if column.name not in pending:
                continue
            rows = con.execute(
                f"SELECT DISTINCT {column.name} FROM {table} WHERE {column.name} IS NOT NULL"
            ).fetchall()
            _set_type(con, table, column.name, {*column.known(), *(row[0] for row in rows)})
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return pending
