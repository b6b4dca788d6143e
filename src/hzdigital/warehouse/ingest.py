"""Import enterprise records: read, validate, quarantine, classify, load — atomically.

The steps, each a named function so that a reader (and a test) can find it:

1. :func:`readers.read_source` reads the file into Arrow (whole-file problems raise
   :class:`ImportFileError`).
2. :func:`_stage` parses every field and evaluates every rule of ``rules.RULES`` with one
   SQL pass; rows breaking any rule go to the quarantine file, one line per broken rule.
3. :func:`classify_rows` attaches the NBS 2021 classification to the accepted rows.
4. :func:`_load` replaces the changed enterprise-years in one transaction: a failure at any
   point (or a killed process) leaves the warehouse as it was. Rows identical to what is
   stored are left alone, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb
import pyarrow as pa

from hzdigital.warehouse import store
from hzdigital.warehouse.quarantine import write_quarantine
from hzdigital.warehouse.readers import (
    ROW_COLUMN,
    ImportFileError,
    SourceTable,
    prepare,
    read_source,
)
from hzdigital.warehouse.rules import RULES, TYPED_COLUMNS, rule_flags_sql

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
    try:
        _stage(con, source)
        reasons = _reasons(con)
        rows = source.table.num_rows
        rejected = con.execute("SELECT count(*) FROM flags").fetchall()[0][0]
        _attach_classification(con)
        part = None
        if rejected:
            part = write_quarantine(con, source, store.quarantine_dir(home) / f"{import_id}.csv")
        result = ImportResult(
            import_id=import_id,
            file_name=path.name,
            sha256=sha256,
            rows=rows,
            accepted=rows - rejected,
            rejected=rejected,
            quarantine_path=part.with_suffix("") if part else None,
            reasons=reasons,
            inserted=0,
            replaced=0,
            unchanged=0,
            synthetic=synthetic,
            elapsed_seconds=0.0,
        )
        return _load(con, result, part, started, clock)
    finally:
        backend.disconnect()


def _gbt_classes() -> pa.Table:
    from hzdigital.classification import gbt4754

    classes = gbt4754.load().classes
    return pa.table(
        {"code": [entry.code for entry in classes], "section": [entry.section for entry in classes]}
    )


def _stage(con: duckdb.DuckDBPyConnection, source: SourceTable) -> None:
    """The view ``typed`` (parsed fields of every row) and the table ``flags`` (the rejected
    rows, with their parsed fields and one boolean per rule).

    Only small relations are materialised: the repeated keys and the rejected rows. The full
    file is scanned from Arrow without copying, which is what makes a million rows cheap.
    """
    con.register("source_rows", source.table)
    con.register("prepared", prepare(source))
    con.register("gbt_classes", _gbt_classes())
    key = f"{TYPED_COLUMNS['uscc']} AS uscc, {TYPED_COLUMNS['year_num']} AS year_num"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE repeated_keys AS
        SELECT uscc, year_num, min({ROW_COLUMN}) AS first_row
        FROM (SELECT {ROW_COLUMN}, {key} FROM prepared)
        WHERE uscc IS NOT NULL AND year_num IS NOT NULL
        GROUP BY uscc, year_num HAVING count(*) > 1
    """)
    typed = ", ".join(f"{sql} AS {name}" for name, sql in TYPED_COLUMNS.items())
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW typed AS
        SELECT parsed.*, gbt_classes.section AS industry_section, repeated_keys.first_row
        FROM (SELECT prepared.*, {typed} FROM prepared) parsed
        LEFT JOIN gbt_classes ON parsed.industry_code = gbt_classes.code
        LEFT JOIN repeated_keys USING (uscc, year_num)
    """)
    any_rule = " OR ".join(rule.code for rule in RULES)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE flags AS
        SELECT * FROM (SELECT typed.*, {rule_flags_sql()} FROM typed) WHERE {any_rule}
    """)


def _reasons(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    sums = ", ".join(f"count(*) FILTER (WHERE {rule.code})" for rule in RULES)
    counts = con.execute(f"SELECT {sums} FROM flags").fetchall()[0]
    found = {rule.code: int(n) for rule, n in zip(RULES, counts, strict=True) if n}
    return dict(sorted(found.items(), key=lambda item: -item[1]))


# ---- classification ------------------------------------------------------------------------------

_CLASSIFICATION_SCHEMA = pa.schema([(name, pa.string()) for name in store.CLASSIFICATION_COLUMNS])


def classify_rows(industry_codes: pa.Array, scopes: pa.Array) -> pa.Table:
    """The NBS 2021 classification of each (industry code, business scope) pair.

    Delegates to :func:`hzdigital.classification.classify_enterprises` with the active
    table edition; the result has one string column per ``store.CLASSIFICATION_COLUMNS``.
    """
    from hzdigital.classification import classify_enterprises

    columns = classify_enterprises(industry_codes, scopes)
    return pa.table(
        {name: pa.array(columns[name], pa.string()) for name in _CLASSIFICATION_SCHEMA.names}
    )


def _attach_classification(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``accepted``: good rows with typed values and their classification.

    Each distinct (class, scope) pair is classified once; repeated pairs are common (many
    enterprises leave the scope empty).
    """
    pairs = con.sql("""
        SELECT DISTINCT industry_code, business_scope FROM typed ANTI JOIN flags USING (_seq)
    """).to_arrow_table()
    classes = classify_rows(pairs.column("industry_code"), pairs.column("business_scope"))
    for name in store.CLASSIFICATION_COLUMNS:
        pairs = pairs.append_column(name, classes.column(name))
    con.register("classified_pairs", pairs)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE accepted AS
        SELECT t.uscc, CAST(t.year_num AS INTEGER) AS year, t.name, t.division_code,
            t.industry_code, t.revenue, t.value_added, CAST(t.employees_num AS BIGINT) AS employees,
            t.rd_expense, t.business_scope, {", ".join(f"c.{n}" for n in store.CLASSIFICATION_COLUMNS)}
        FROM (SELECT * FROM typed ANTI JOIN flags USING (_seq)) t
        LEFT JOIN classified_pairs c ON t.industry_code = c.industry_code
            AND t.business_scope IS NOT DISTINCT FROM c.business_scope
    """)
    con.unregister("classified_pairs")


# ---- load ----------------------------------------------------------------------------------------

_COMPARED = [c for c in store.VALUE_COLUMNS if c not in ("uscc", "year")] + list(
    store.CLASSIFICATION_COLUMNS
)


def _find_changes(con: duckdb.DuckDBPyConnection, synthetic: bool) -> None:
    """Temp table ``changed``: accepted rows that are new or differ from the stored row."""
    new = ", ".join(f"s.{c}" for c in _COMPARED)
    old = ", ".join(f"e.{c}" for c in _COMPARED)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE changed AS
        SELECT s.*, e.uscc IS NOT NULL AS existed
        FROM (SELECT *, {bool(synthetic)} AS synthetic FROM accepted) s
        LEFT JOIN {store.ENTERPRISE_YEAR} e USING (uscc, year)
        WHERE e.uscc IS NULL OR ({new}) IS DISTINCT FROM ({old})
    """)


def _delete_replaced(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"""
        DELETE FROM {store.ENTERPRISE_YEAR} e USING changed c
        WHERE c.existed AND e.uscc = c.uscc AND e.year = c.year
    """)


def _insert_rows(con: duckdb.DuckDBPyConnection, import_id: str) -> None:
    columns = [*store.VALUE_COLUMNS, "import_id", *store.CLASSIFICATION_COLUMNS]
    selected = ", ".join("?" if c == "import_id" else c for c in columns)
    con.execute(
        f"INSERT INTO {store.ENTERPRISE_YEAR} ({', '.join(columns)}) SELECT {selected} FROM changed",
        [import_id],
    )


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
    quarantine_part: Path | None,
    started: dt.datetime,
    clock: float,
) -> ImportResult:
    """One transaction: replace the changed enterprise-years and log the import."""
    con.execute("BEGIN TRANSACTION")
    try:
        _find_changes(con, result.synthetic)
        replaced, inserted = con.execute(
            "SELECT count(*) FILTER (WHERE existed), count(*) FILTER (WHERE NOT existed) FROM changed"
        ).fetchall()[0]
        result = replace(
            result,
            inserted=inserted,
            replaced=replaced,
            unchanged=result.accepted - inserted - replaced,
        )
        _delete_replaced(con)
        _insert_rows(con, result.import_id)
        _record_import(con, result, started)
        # The quarantine file appears just before the commit, so a logged import always has it;
        # a crash in between leaves at worst an unreferenced file, never a missing one.
        if quarantine_part is not None and result.quarantine_path is not None:
            quarantine_part.replace(result.quarantine_path)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        for leftover in (quarantine_part, result.quarantine_path):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
        raise
    return replace(result, elapsed_seconds=time.perf_counter() - clock)
