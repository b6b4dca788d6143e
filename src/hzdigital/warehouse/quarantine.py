"""The quarantine file: every rejected row, once per broken rule, with its original values.

UTF-8 with a byte-order mark so that Excel on Chinese Windows opens it without garbling.
Columns: ``row`` (as the user counts it, header = row 1), ``field``, ``rule``, ``message_zh``,
``message_en``, then every column of the source file under its own header.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hzdigital.warehouse.readers import ROW_COLUMN, SEQ_COLUMN, SourceTable, rows_at
from hzdigital.warehouse.rules import REPEATED_KEYS, RULES, rule_flags_sql, typed_sql

QUARANTINE_COLUMNS = ("row", "field", "rule", "message_zh", "message_en")
PART_SUFFIX = ".part"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _message_sql(template: str, value_sql: str) -> str:
    return f"replace({_literal(template)}, '{{value}}', coalesce({value_sql}, ''))"


def failures_sql() -> str:
    """One row per (rejected row, broken rule), in file order then registry order."""
    parts = [
        f"""SELECT t._seq, t.{ROW_COLUMN} AS row, {order} AS rule_order,
            {_literal(rule.field)} AS field, {_literal(rule.code)} AS rule,
            {_message_sql(rule.message.zh, rule.value_expression())} AS message_zh,
            {_message_sql(rule.message.en, rule.value_expression())} AS message_en
        FROM flags t WHERE t.{rule.code}"""
        for order, rule in enumerate(RULES)
    ]
    return " UNION ALL ".join(parts)


def _unique_headers(headers: list[str]) -> list[str]:
    """Source headers, made distinct from ours and from each other (suffix ``_2``, ``_3``)."""
    seen = set(QUARANTINE_COLUMNS)
    result = []
    for header in headers:
        name, n = header or "column", 1
        while name in seen:
            n += 1
            name = f"{header or 'column'}_{n}"
        seen.add(name)
        result.append(name)
    return result


def quarantine_rows(con: duckdb.DuckDBPyConnection, source: SourceTable) -> pa.Table:
    """The quarantine file's rows (without its header), in file order then registry order."""
    failures = con.sql(
        f"SELECT * FROM ({failures_sql()}) ORDER BY _seq, rule_order"
    ).to_arrow_table()
    # The source's own columns are joined on by Arrow: SQL would scan the whole file for a
    # few per cent of it, and handing a wide result of strings back from DuckDB took longer
    # than the rest of the quarantine together.
    originals = rows_at(source.table, np.unique(failures.column(SEQ_COLUMN).to_numpy()))
    positions = np.searchsorted(
        originals.column(SEQ_COLUMN).to_numpy(), failures.column(SEQ_COLUMN).to_numpy()
    )
    picked = originals.take(positions)
    columns = {name: failures.column(name) for name in QUARANTINE_COLUMNS}
    for k in range(len(source.headers)):
        columns[f"c{k}"] = pc.cast(picked.column(f"c{k}"), pa.string())
    return pa.table(columns)


def write_rows(rows: pa.Table, headers: list[str], final_path: Path) -> Path:
    """Write ``rows`` (from :func:`quarantine_rows`) next to ``final_path`` as a ``.part``
    file and return its path; the importer renames it to ``final_path`` inside its
    transaction. Needs no database, so the importer runs it while DuckDB inserts."""
    header = io.StringIO()
    csv.writer(header).writerow([*QUARANTINE_COLUMNS, *_unique_headers(headers)])
    part = final_path.with_name(final_path.name + PART_SUFFIX)
    with part.open("wb") as handle:
        handle.write(_BOM + header.getvalue().encode("utf-8"))
        handle.write(csv_bytes(rows))
    return part


@dataclass(frozen=True)
class Review:
    """What an import's rejected rows come to."""

    reasons: dict[str, int]  # rule code → rows breaking it, most frequent first
    part_path: Path  # the quarantine file, still named ``.part`` (see :func:`write_rows`)


def review(
    rejected: pa.Table, repeated_keys: pa.Table, source: SourceTable, final_path: Path
) -> Review:
    """Every rule each rejected row breaks, the reasons, and the quarantine file.

    ``rejected``: ``prepare``'s columns of the rejected rows; ``repeated_keys``: the keys
    found more than once, with the row that came first (see ``ingest``). Needs no
    warehouse, so the importer runs it in a worker, on an in-memory DuckDB of its own,
    while the accepted rows load.
    """
    con = duckdb.connect()
    try:
        con.register("rejected_rows", rejected)
        con.register(REPEATED_KEYS, repeated_keys)
        con.execute(f"""
            CREATE TEMP TABLE flags AS
            SELECT typed.*, {rule_flags_sql()}
            FROM ({typed_sql("rejected_rows", with_repeated_keys=True)}) typed
        """)
        # The importer's verdict and this detail come from the same registry, so every row
        # here breaks a rule; one that does not would be a bug, and must not reach the
        # quarantine as a reasonless line.
        unexplained = con.execute(
            f"SELECT count(*) FROM flags WHERE NOT ({' OR '.join(r.code for r in RULES)})"
        ).fetchall()[0][0]
        if unexplained:
            raise RuntimeError(f"{unexplained} rows rejected by no rule: the two passes disagree")
        sums = ", ".join(f"count(*) FILTER (WHERE {rule.code})" for rule in RULES)
        counts = con.execute(f"SELECT {sums} FROM flags").fetchall()[0]
        part_path = write_rows(quarantine_rows(con, source), source.headers, final_path)
    finally:
        con.close()
    found = {rule.code: int(n) for rule, n in zip(RULES, counts, strict=True) if n}
    return Review(dict(sorted(found.items(), key=lambda item: -item[1])), part_path)


# What makes csv.writer (dialect "excel", QUOTE_MINIMAL) quote a field: the delimiter, the
# quote character or a character of its line terminator.
_NEEDS_QUOTES = '[,"\r\n]'
_LINE_END = "\r\n"
_BOM = "\ufeff".encode()  # what the "utf-8-sig" codec writes first


def csv_bytes(table: pa.Table) -> bytes:
    """The rows of ``table`` in UTF-8 exactly as ``csv.writer(...).writerows`` writes them,
    built column-wise by Arrow: Python's writer took longer than the rest of the quarantine,
    and the finished lines are the data buffer of one Arrow string array, so no row ever
    becomes a Python object.

    NULL is written as an empty field, like Python's ``None``.
    """
    if not table.num_rows:
        return b""
    fields = []
    for column in table.columns:
        text = pc.cast(column, pa.string())
        escaped = pc.replace_substring(text, '"', '""')
        quoted = pc.binary_join_element_wise('"', escaped, '"', "")
        fields.append(
            pc.fill_null(
                pc.if_else(pc.match_substring_regex(text, _NEEDS_QUOTES), quoted, text), ""
            )
        )
    records = pc.binary_join_element_wise(*fields, ",")
    lines = pc.binary_join_element_wise(records, _LINE_END, "")
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    # No line is NULL (every field was filled), so the lines are the data buffer between the
    # first and the last offset.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)[lines.offset :]
    data = lines.buffers()[2]
    return data[offsets[0] : offsets[len(lines)]].to_pybytes()


def csv_records(table: pa.Table) -> str:
    """:func:`csv_bytes` as text."""
    return csv_bytes(table).decode("utf-8")
