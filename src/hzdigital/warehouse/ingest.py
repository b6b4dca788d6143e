"""Import enterprise records: read, validate, quarantine, classify, load — atomically.

The steps, each a named function so that a reader (and a test) can find it:

1. :func:`readers.read_source` reads the file into Arrow (whole-file problems raise
   :class:`ImportFileError`); :func:`prepare.prepare` trims the text and does the per-row
   arithmetic SQL is slow at (USCC check) or the per-value parsing it need not repeat.
2. :func:`_stage` parses every field and evaluates every rule of ``rules.RULES`` in one SQL
   pass over all rows that returns only a verdict per row; duplicate keys are found from
   hashes. The rejected rows go to :func:`quarantine.review`, which works out every rule
   each breaks and writes the quarantine file, one line per broken rule.
3. :func:`classify.attach_classification` attaches the NBS 2021 classification to the
   accepted rows.
4. :func:`_load` replaces the changed enterprise-years in one transaction: a failure at any
   point (or a killed process) leaves the warehouse as it was. Rows identical to what is
   stored are left alone, so importing the same file twice changes nothing; keys new to the
   warehouse are appended without any comparison.

Everything stays in Arrow and DuckDB; only distinct values (codes, scopes) and the rejected
rows ever become Python objects. Two cores are used where the work allows: ``prepare`` shares
its fields among a thread pool, and the rejected rows are reviewed by a worker, on an
in-memory DuckDB of its own, while step 4 runs (DuckDB's own statements use its threads).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from hzdigital.warehouse import enums, store
from hzdigital.warehouse.classify import attach_classification, classify_rows
from hzdigital.warehouse.prepare import prepare
from hzdigital.warehouse.quarantine import PART_SUFFIX, Review, review
from hzdigital.warehouse.readers import (
    ROW_COLUMN,
    SEQ_COLUMN,
    ImportFileError,
    SourceTable,
    read_source,
    rows_at,
)
from hzdigital.warehouse.rules import (
    DUPLICATE_KEY,
    REPEATED_KEYS,
    RULES_BY_CODE,
    TYPED_COLUMNS,
    any_rule_sql,
    rule_flag_sql,
    typed_sql,
)

__all__ = ["ImportFileError", "ImportResult", "classify_rows", "ingest_file"]

_HASH_CHUNK_BYTES = 1 << 22


@dataclass(frozen=True)
class ImportResult:
    import_id: str
    file_name: str
    sha256: str
    rows: int  # data rows read (header excluded)
    accepted: int  # rows that passed every rule
    rejected: int  # rows that broke at least one rule
    quarantine_path: Path | None  # None when nothing was rejected
    reasons: dict[str, int]  # rule code → rows breaking it, most frequent first
    inserted: int  # enterprise-years new to the warehouse
    replaced: int  # enterprise-years whose stored values changed
    unchanged: int  # accepted rows identical to what was stored
    synthetic: bool
    elapsed_seconds: float = field(compare=False)

    def to_json(self) -> dict[str, object]:
        """The ``hzdigital import --json`` shape (DESIGN.md) plus the import's details."""
        payload = asdict(self)
        payload["quarantine"] = str(self.quarantine_path) if self.quarantine_path else None
        del payload["quarantine_path"]
        return payload


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _new_import_id(started: dt.datetime, sha256: str) -> str:
    return f"{started:%Y%m%dT%H%M%S}-{sha256[:8]}-{secrets.token_hex(3)}"


def ingest_file(
    path: str | os.PathLike[str],
    *,
    home: str | os.PathLike[str] | None = None,
    synthetic: bool = False,
    lang: str = "zh",
) -> ImportResult:
    """Validate ``path``, quarantine bad rows, classify and load the good ones.

    ``synthetic`` marks records made up by a generator (the demo data); it is stored on every
    row and in the imports log so that no synthetic figure is mistaken for a statistic.
    ``lang`` orders the languages of an :class:`ImportFileError` message.
    """
    clock = time.perf_counter()
    started = _now()
    path = Path(path)
    source = read_source(path, lang)
    sha256 = file_sha256(path)
    import_id = _new_import_id(started, sha256)
    backend = store.connect(home)
    con = backend.con
    # The staging tables are temporary, yet in a file-backed database each statement that
    # writes them may trigger an automatic checkpoint that recompresses all of them (1-2 s
    # of CPU per million rows, several times per import). The warehouse's own writes are
    # one transaction, checkpointed when the connection closes.
    con.execute(f"SET checkpoint_threshold = '{_NO_AUTOMATIC_CHECKPOINT}'")
    # Both cores: Arrow and numpy release the GIL in ``prepare``, and the rejected rows are
    # reviewed and the quarantine file written by a worker while DuckDB (which releases it
    # too) loads the accepted rows.
    pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="hzdigital-import")
    try:
        rejected, repeated_keys = _stage(con, source, pool)
        rows = source.table.num_rows
        attach_classification(con, synthetic)
        quarantine_path = rejections = None
        if rejected.num_rows:
            quarantine_path = store.quarantine_dir(home) / f"{import_id}.csv"
            rejections = pool.submit(review, rejected, repeated_keys, source, quarantine_path)
        result = ImportResult(
            import_id=import_id,
            file_name=path.name,
            sha256=sha256,
            rows=rows,
            accepted=rows - rejected.num_rows,
            rejected=rejected.num_rows,
            quarantine_path=quarantine_path,
            reasons={},
            inserted=0,
            replaced=0,
            unchanged=0,
            synthetic=synthetic,
            elapsed_seconds=0.0,
        )
        return _load(con, result, rejections, started, clock)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        con.execute("RESET checkpoint_threshold")
        backend.disconnect()


_NO_AUTOMATIC_CHECKPOINT = "1TB"
# The machine's cores, at most four: ``prepare`` has ten columns to share among them.
_WORKERS = min(4, os.cpu_count() or 2)


def _stage(
    con: duckdb.DuckDBPyConnection, source: SourceTable, pool: ThreadPoolExecutor
) -> tuple[pa.Table, pa.Table]:
    """Check every row; return the rejected rows (``prepare``'s columns) and the keys found
    more than once, for :func:`quarantine.review`.

    Leaves the view ``passed``: the accepted rows, typed as the load needs them.

    Every row is parsed and checked once, in one SQL pass that returns a verdict, a key hash
    and the parsed numbers per row: copying a million rows' text into a staging table cost
    more than the check itself, so the load takes its text columns from Arrow. Which rules
    each rejected row breaks is worked out by ``review``.
    """
    prepared = prepare(source, pool)
    con.register("prepared", prepared)
    # The load's columns that are more than a prepared column: the parsed numbers.
    computed = [
        name for name in _PASSED_COLUMNS if TYPED_COLUMNS[name] not in prepared.schema.names
    ]
    verdicts = con.sql(f"""
        SELECT {SEQ_COLUMN}, {any_rule_sql()} AS rejected,
            coalesce(uscc IS NOT NULL AND year_num IS NOT NULL, false) AS keyed,
            hash(uscc, year_num) AS key_hash, {", ".join(computed)}
        FROM ({typed_sql("prepared", with_repeated_keys=False)})
    """).to_arrow_table()
    con.unregister("prepared")
    if not np.array_equal(verdicts.column(SEQ_COLUMN).to_numpy(), np.arange(prepared.num_rows)):
        verdicts = verdicts.sort_by(SEQ_COLUMN)  # DuckDB keeps a scan's order; this is a guard
    rejected = verdicts.column("rejected").to_numpy()
    keyed = verdicts.column("keyed").to_numpy()
    duplicates, repeated_keys = _duplicates(
        con, prepared, np.flatnonzero(keyed), verdicts.column("key_hash").to_numpy()[keyed]
    )
    rejected[duplicates] = True
    passed = {
        name: verdicts.column(name) if name in computed else prepared.column(TYPED_COLUMNS[name])
        for name in _PASSED_COLUMNS
    }
    con.register("passed_or_not", pa.table({**passed, "rejected": rejected}))
    con.execute(
        "CREATE OR REPLACE TEMP VIEW passed AS "
        "SELECT * EXCLUDE (rejected) FROM passed_or_not WHERE NOT rejected"
    )
    return rows_at(prepared, np.flatnonzero(rejected)), repeated_keys


# The typed columns the load needs (the text columns stay in Arrow).
_PASSED_COLUMNS = (
    "uscc", "year_num", "name", "division_code", "industry_code", "revenue", "value_added",
    "employees_num", "rd_expense", "business_scope",
)  # fmt: skip


def _duplicates(
    con: duckdb.DuckDBPyConnection, prepared: pa.Table, keyed: np.ndarray, hashes: np.ndarray
) -> tuple[np.ndarray, pa.Table]:
    """The positions of the rows that repeat an earlier row's key, and the repeated keys with
    their first row (``keyed``: positions of the rows with a key, ``hashes``: their keys'
    hashes).

    Grouping a million string keys costs more than the rest of the check, so numpy sorts the
    keys' 64-bit hashes first: distinct hashes prove distinct keys, and the exact grouping
    runs only over the rows whose hash repeats (none, usually; a few on a collision).
    """
    ordered = np.sort(hashes)
    repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
    suspects = keyed[np.isin(hashes, repeated)] if len(repeated) else keyed[:0]
    con.register("suspects", rows_at(prepared, suspects))
    repeated_keys = con.sql(f"""
        SELECT uscc, year_num, min({ROW_COLUMN}) AS first_row
        FROM ({typed_sql("suspects", with_repeated_keys=False)})
        GROUP BY uscc, year_num HAVING count(*) > 1
    """).to_arrow_table()
    con.register(REPEATED_KEYS, repeated_keys)
    duplicate = rule_flag_sql(RULES_BY_CODE[DUPLICATE_KEY])
    found = con.sql(f"""
        SELECT {SEQ_COLUMN} FROM ({typed_sql("suspects", with_repeated_keys=True)})
        WHERE {duplicate}
    """).fetchnumpy()[SEQ_COLUMN]
    con.unregister("suspects")
    con.unregister(REPEATED_KEYS)
    return found, repeated_keys


# ---- load ----------------------------------------------------------------------------------------

_COMPARED = [c for c in store.VALUE_COLUMNS if c not in ("uscc", "year")] + list(
    store.CLASSIFICATION_COLUMNS
)


def _find_changes(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Temp table ``matched``: the accepted keys already stored, and whether the stored row
    differs. Returns (matched, changed).

    A first import meets an empty warehouse and skips the comparison entirely.
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE matched (uscc VARCHAR, year INTEGER, changed BOOLEAN)"
    )
    if not con.execute(f"SELECT count(*) FROM (FROM {store.ENTERPRISE_YEAR} LIMIT 1)").fetchall()[
        0
    ][0]:
        return 0, 0
    new = ", ".join(f"a.{c}" for c in _COMPARED)
    old = ", ".join(f"e.{c}" for c in _COMPARED)
    con.execute(f"""
        INSERT INTO matched
        SELECT a.uscc, a.year, ({new}) IS DISTINCT FROM ({old})
        FROM accepted a JOIN {store.ENTERPRISE_YEAR} e USING (uscc, year)
    """)
    matched, changed = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE changed) FROM matched"
    ).fetchall()[0]
    return matched, changed


def _delete_replaced(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"""
        DELETE FROM {store.ENTERPRISE_YEAR} e USING matched m
        WHERE m.changed AND e.uscc = m.uscc AND e.year = m.year
    """)


def _widen_enums(con: duckdb.DuckDBPyConnection) -> None:
    """Make room in the ENUM columns for any value this import brings (enums.py).

    The distinct values come from small relations: the districts of the accepted rows, and
    the classes and classifications found by ``attach_classification``.
    """
    incoming: dict[str, set[str]] = {}
    for name in enums.ENUM_NAMES:
        relations = ["code_classes", "scope_classes"]
        if name == "division_code":
            relations = ["passed"]
        union = " UNION ".join(f"SELECT DISTINCT {name} FROM {r}" for r in relations)
        incoming[name] = {row[0] for row in con.execute(union).fetchall()}
    enums.widen(con, store.ENTERPRISE_YEAR, incoming)


def _insert_rows(con: duckdb.DuckDBPyConnection, import_id: str) -> None:
    """Insert the accepted rows that are new or replace a deleted one."""
    columns = [*store.VALUE_COLUMNS, "import_id", *store.CLASSIFICATION_COLUMNS]
    selected = ", ".join("?" if c == "import_id" else f"a.{c}" for c in columns)
    unchanged = "matched m ON m.uscc = a.uscc AND m.year = a.year AND NOT m.changed"
    skip = "" if not _count(con, "matched WHERE NOT changed") else f"ANTI JOIN {unchanged}"
    # Rows in a table have no order (every reader sorts), and keeping the file's order makes
    # DuckDB write the insert in batches that the closing checkpoint then merges and
    # recompresses: 1.5-1.9 CPU-s per million rows, more than the insert itself
    # (bench/RESULTS.md, Import).
    con.execute("SET preserve_insertion_order = false")
    try:
        con.execute(
            f"INSERT INTO {store.ENTERPRISE_YEAR} ({', '.join(columns)}) "
            f"SELECT {selected} FROM accepted a {skip}",
            [import_id],
        )
    finally:
        con.execute("RESET preserve_insertion_order")


def _count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {relation}").fetchall()[0][0])


def _record_import(
    con: duckdb.DuckDBPyConnection, result: ImportResult, started: dt.datetime
) -> None:
    con.execute(
        f"INSERT INTO {store.IMPORTS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.import_id, result.file_name, result.sha256, result.rows, result.accepted,
            result.rejected, str(result.quarantine_path) if result.quarantine_path else None,
            started, _now(), result.synthetic, result.inserted, result.replaced, result.unchanged,
        ],
    )  # fmt: skip


def _load(
    con: duckdb.DuckDBPyConnection,
    result: ImportResult,
    rejections: Future[Review] | None,
    started: dt.datetime,
    clock: float,
) -> ImportResult:
    """One transaction: replace the changed enterprise-years and log the import."""
    con.execute("BEGIN TRANSACTION")
    try:
        matched, replaced = _find_changes(con)
        result = replace(
            result,
            inserted=result.accepted - matched,
            replaced=replaced,
            unchanged=matched - replaced,
        )
        _delete_replaced(con)
        _widen_enums(con)
        _insert_rows(con, result.import_id)
        final = result.quarantine_path
        if rejections is not None and final is not None:
            reviewed = rejections.result()
            result = replace(result, reasons=reviewed.reasons)
            # The quarantine file appears just before the commit, so a logged import always
            # has it; a crash in between leaves at worst an unreferenced file, never a missing
            # one.
            reviewed.part_path.replace(final)
        _record_import(con, result, started)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        if rejections is not None and result.quarantine_path is not None:
            wait([rejections])  # a worker still writing would recreate what is removed here
            final = result.quarantine_path
            for leftover in (final.with_name(final.name + PART_SUFFIX), final):
                leftover.unlink(missing_ok=True)
        raise
    return replace(result, elapsed_seconds=time.perf_counter() - clock)
