"""The analytical warehouse: a DuckDB file under ``HZDIGITAL_HOME``, reached through Ibis.

Readers (monitoring, evaluation, web pages) use :func:`connect` and :func:`enterprise_year`
and get Ibis expressions; the importer uses the same connection's DuckDB handle for its
transaction. Schema: docs/architecture.md.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as home:
...     con = connect(home)
...     enterprise_year(con).count().execute()
0
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb
import ibis
from ibis.backends.duckdb import Backend

from hzdigital.warehouse import enums
from hzdigital.warehouse.errors import WarehouseBusy

HOME_ENV = "HZDIGITAL_HOME"
DEFAULT_HOME = "var"
WAREHOUSE_FILE = "warehouse.duckdb"
QUARANTINE_DIR = "quarantine"

ENTERPRISE_YEAR = "enterprise_year"
IMPORTS = "imports"

# No PRIMARY KEY on (uscc, year): DuckDB checks unique indexes eagerly, and an import deletes
# and re-inserts the same keys in one transaction. The importer keeps the key unique instead
# (tests/test_ingest_idempotence.py proves it). The columns named in enums.ENUM_COLUMNS are
# created as ENUMs of their known values (VARCHAR below is what a reader sees).
ENTERPRISE_YEAR_COLUMNS = (
    ("uscc", "VARCHAR NOT NULL"),
    ("year", "INTEGER NOT NULL"),
    ("name", "VARCHAR NOT NULL"),
    ("division_code", "VARCHAR NOT NULL"),  # 6 digits, county-level unit of Hangzhou
    ("industry_code", "VARCHAR NOT NULL"),  # GB/T 4754-2017 class, 4 digits
    ("revenue", "DOUBLE NOT NULL"),  # 万元
    ("value_added", "DOUBLE"),  # 万元, may be negative
    ("employees", "BIGINT NOT NULL"),  # persons
    ("rd_expense", "DOUBLE"),  # 万元
    ("business_scope", "VARCHAR"),
    ("synthetic", "BOOLEAN NOT NULL"),
    ("import_id", "VARCHAR NOT NULL"),
    ("de_sub", "VARCHAR"),
    ("de_medium", "VARCHAR"),
    ("de_major", "VARCHAR"),
    ("de_status", "VARCHAR"),
    ("de_evidence", "VARCHAR"),
    ("classification_edition", "VARCHAR"),
)


def column_type(name: str) -> str:
    """The SQL type of an ``enterprise_year`` column in a new warehouse (no constraint)."""
    declared = dict(ENTERPRISE_YEAR_COLUMNS)[name].partition(" ")[0]
    return enums.column_sql(declared, name)


def enterprise_year_ddl() -> str:
    """CREATE TABLE for ``enterprise_year``, the low-cardinality columns as ENUMs."""
    columns = [
        f"{name} {column_type(name)} {declared.partition(' ')[2]}".rstrip()
        for name, declared in ENTERPRISE_YEAR_COLUMNS
    ]
    return f"CREATE TABLE IF NOT EXISTS {ENTERPRISE_YEAR} (\n    " + ",\n    ".join(columns) + "\n)"


# inserted / replaced / unchanged go beyond docs/architecture.md: they show what a re-import did.
IMPORTS_DDL = f"""
CREATE TABLE IF NOT EXISTS {IMPORTS} (
    import_id VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    rows BIGINT NOT NULL,
    accepted BIGINT NOT NULL,
    rejected BIGINT NOT NULL,
    quarantine_path VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    synthetic BOOLEAN NOT NULL,
    inserted BIGINT NOT NULL,
    replaced BIGINT NOT NULL,
    unchanged BIGINT NOT NULL
)
"""

# The columns an import writes, in table order (classification columns last).
VALUE_COLUMNS = (
    "uscc", "year", "name", "division_code", "industry_code", "revenue", "value_added",
    "employees", "rd_expense", "business_scope", "synthetic",
)  # fmt: skip
CLASSIFICATION_COLUMNS = (
    "de_sub", "de_medium", "de_major", "de_status", "de_evidence", "classification_edition",
)  # fmt: skip


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    """The state folder: the argument, else ``$HZDIGITAL_HOME``, else ``./var``; created."""
    path = Path(home if home is not None else os.environ.get(HOME_ENV, DEFAULT_HOME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def warehouse_path(home: str | os.PathLike[str] | None = None) -> Path:
    return resolve_home(home) / WAREHOUSE_FILE


def quarantine_dir(home: str | os.PathLike[str] | None = None) -> Path:
    path = resolve_home(home) / QUARANTINE_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables if missing; migrate an older warehouse's text columns to ENUMs."""
    if _has_table(con, ENTERPRISE_YEAR):
        enums.migrate(con, ENTERPRISE_YEAR)
    else:
        con.execute(enterprise_year_ddl())
    con.execute(IMPORTS_DDL)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? "
        "AND database_name = current_database() AND schema_name = current_schema()",
        [name],
    ).fetchall()
    return bool(found[0][0])


# DuckDB groups with a "perfect hash" (an array indexed by the keys themselves, no hashing) when
# the group keys are integers or ENUMs whose value ranges fit in this many bits together; the
# default of 12 bits just misses the cube's (year, district, status, major), 13-16 bits. 2^18
# groups keep the array at about 25 MB per thread. Measured in bench/RESULTS.md (Cube).
PERFECT_HASH_BITS = 18


def tune(con: duckdb.DuckDBPyConnection) -> None:
    """Settings every warehouse connection uses (reader or writer)."""
    con.execute(f"SET perfect_ht_threshold = {PERFECT_HASH_BITS}")


# DuckDB lets one process write a database file, or several read it, never both: another
# process's import, or a page being served, holds the file for a few seconds. Openers wait
# this long for it before they give up with a message that says why (WAREHOUSE_WAIT_ENV
# overrides it, in seconds).
WAREHOUSE_WAIT_ENV = "HZDIGITAL_WAREHOUSE_WAIT"
DEFAULT_WAIT_SECONDS = 15.0
_LOCK_CONFLICT = "Could not set lock on file"
_HOLDER = re.compile(r"\(PID (\d+)\)")


def wait_seconds() -> float:
    return float(os.environ.get(WAREHOUSE_WAIT_ENV, DEFAULT_WAIT_SECONDS))


def open_duckdb(
    path: str | os.PathLike[str], *, read_only: bool = False, wait: float | None = None
) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect`` on a warehouse file, waiting up to ``wait`` seconds (default
    :func:`wait_seconds`) while another process holds it; then :class:`WarehouseBusy`."""
    wait = wait_seconds() if wait is None else wait
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            remaining = deadline - time.monotonic()
            if _LOCK_CONFLICT not in str(error):
                raise
            if remaining <= 0:
                holder = _HOLDER.search(str(error))
                raise WarehouseBusy(Path(path), holder.group(1) if holder else "?", wait) from error
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, 1.0)


def connect(
    home: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    wait: float | None = None,
) -> Backend:
    """An Ibis DuckDB backend on the warehouse file, with the schema in place.

    A read-only connection to a warehouse that does not exist yet creates it first, so that
    pages opened before any import show empty tables rather than an error. Waits for another
    process's hold on the file as :func:`open_duckdb` does.
    """
    path = warehouse_path(home)
    if read_only and not path.exists():
        connect(home, wait=wait).disconnect()
    backend = ibis.duckdb.from_connection(open_duckdb(path, read_only=read_only, wait=wait))
    tune(backend.con)
    if not read_only:
        ensure_schema(backend.con)
    return backend


def enterprise_year(backend: Backend) -> ibis.Table:
    return backend.table(ENTERPRISE_YEAR)


def imports(backend: Backend) -> ibis.Table:
    return backend.table(IMPORTS)


def version(con: duckdb.DuckDBPyConnection) -> tuple[object, ...]:
    """The warehouse's state as readers key what they keep: (imports logged, last finish time).

    Only an import writes the warehouse, and it commits its rows with its line in the imports
    log in one transaction, so any change of the rows moves this pair. Read it *before* the
    data it labels: the data is then at least as new as the label, never older.
    """
    # fetchall, not fetchone: an unfinished result would block the connection's next query
    (row,) = con.execute(f"SELECT count(*), max(finished_at) FROM {IMPORTS}").fetchall()
    return tuple(row)
