"""The quarantine file: every rejected row, once per broken rule, with its original values.

UTF-8 with a byte-order mark so that Excel on Chinese Windows opens it without garbling.
Columns: ``row`` (as the user counts it, header = row 1), ``field``, ``rule``, ``message_zh``,
``message_en``, then every column of the source file under its own header.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hzdigital.warehouse.readers import ROW_COLUMN, SourceTable, rows_at
from hzdigital.warehouse.rules import RULES

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
    # SQL never scans the whole file for a few per cent of it: Arrow picks the rejected rows.
    seqs = con.sql("SELECT DISTINCT _seq FROM flags").fetchnumpy()["_seq"]
    con.register("rejected_source_rows", rows_at(source.table, seqs))
    originals = ", ".join(f'CAST(s."c{k}" AS VARCHAR)' for k in range(len(source.headers)))
    rows = con.sql(f"""
        SELECT f.row, f.field, f.rule, f.message_zh, f.message_en, {originals}
        FROM ({failures_sql()}) f JOIN rejected_source_rows s USING (_seq)
        ORDER BY f._seq, f.rule_order
    """).to_arrow_table()
    con.unregister("rejected_source_rows")
    return rows


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


def write_quarantine(con: duckdb.DuckDBPyConnection, source: SourceTable, final_path: Path) -> Path:
    """:func:`quarantine_rows` then :func:`write_rows`, one after the other."""
    return write_rows(quarantine_rows(con, source), source.headers, final_path)


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
