"""The quarantine file: every rejected row, once per broken rule, with its original values.

UTF-8 with a byte-order mark so that Excel on Chinese Windows opens it without garbling.
Columns: ``row`` (as the user counts it, header = row 1), ``field``, ``rule``, ``message_zh``,
``message_en``, then every column of the source file under its own header.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

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


def write_quarantine(con: duckdb.DuckDBPyConnection, source: SourceTable, final_path: Path) -> Path:
    """Write the rejected rows next to ``final_path`` as a ``.part`` file and return its path.

    The importer renames it to ``final_path`` inside its transaction.
    """
    # SQL never scans the whole file for a few per cent of it: Arrow picks the rejected rows.
    seqs = con.sql("SELECT DISTINCT _seq FROM flags").fetchnumpy()["_seq"]
    con.register("rejected_source_rows", rows_at(source.table, seqs))
    originals = ", ".join(f'CAST(s."c{k}" AS VARCHAR)' for k in range(len(source.headers)))
    rows = con.execute(f"""
        SELECT f.row, f.field, f.rule, f.message_zh, f.message_en, {originals}
        FROM ({failures_sql()}) f JOIN rejected_source_rows s USING (_seq)
        ORDER BY f._seq, f.rule_order
    """).fetchall()
    con.unregister("rejected_source_rows")
    part = final_path.with_name(final_path.name + PART_SUFFIX)
    with part.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*QUARANTINE_COLUMNS, *_unique_headers(source.headers)])
        writer.writerows(rows)
    return part
