"""A five-enterprise warehouse for the editions tests, written straight into the warehouse schema.

Not a test module. Rows go in with SQL rather than through the importer so that a test can make
one exact, known change (a revision) and check that the editions see exactly that.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hzdigital.warehouse import store

ROWS = pd.DataFrame(
    {
        "uscc": ["A", "B", "C", "D", "E", "A"],
        "year": [2023, 2023, 2023, 2023, 2023, 2022],
        "name": ["甲", "乙", "丙", "丁", "戊", "甲"],
        "division_code": ["330108", "330108", "330106", "330106", "330110", "330108"],
        "industry_code": ["3921", "6511", "6450", "5111", "3921", "3921"],
        "revenue": [100.0, 80.0, 40.0, 500.0, 60.0, 90.0],
        "value_added": [30.0, 20.0, 10.0, 60.0, 15.0, 25.0],
        "employees": [10, 8, 4, 50, 6, 9],
        "rd_expense": [3.0, None, 1.0, None, 2.0, 2.5],
        "business_scope": [None] * 6,
        "synthetic": [True] * 6,
        "import_id": ["imp-1"] * 6,
        "de_sub": ["010201", "030101", "030306", None, "010201", "010201"],
        "de_medium": ["0102", "0301", "0303", None, "0102", "0102"],
        "de_major": ["01", "03", "03", None, "01", "01"],
        "de_status": ["full", "full", "partial_unresolved", "none", "full", "full"],
        "de_evidence": ["rule=full"] * 6,
        "classification_edition": ["test"] * 6,
    }
)


def _log_import(con, import_id: str, rows: int) -> None:
    """The import log row a real import writes: the pages key their caches on this log."""
    con.execute(
        f"INSERT INTO {store.IMPORTS} VALUES (?, 'test.csv', ?, ?, ?, 0, NULL, "
        "now(), now(), true, ?, 0, 0)",
        [import_id, import_id, rows, rows, rows],
    )


def load_rows(home: Path, rows: pd.DataFrame = ROWS) -> None:
    """Replace the warehouse's enterprise rows with ``rows`` (the schema as the importer's)."""
    backend = store.connect(home)
    try:
        backend.con.execute(f"DELETE FROM {store.ENTERPRISE_YEAR}")
        backend.con.register("incoming", rows)
        backend.con.execute(f"INSERT INTO {store.ENTERPRISE_YEAR} BY NAME SELECT * FROM incoming")
        _log_import(backend.con, "imp-1", len(rows))
    finally:
        backend.disconnect()


def revise_value_added(
    home: Path, uscc: str, year: int, value_added: float, import_id: str
) -> None:
    """One enterprise-year's value added corrected by a later import."""
    backend = store.connect(home)
    try:
        backend.con.execute(
            f"UPDATE {store.ENTERPRISE_YEAR} SET value_added = ?, import_id = ? "
            "WHERE uscc = ? AND year = ?",
            [value_added, import_id, uscc, year],
        )
        _log_import(backend.con, import_id, 1)
    finally:
        backend.disconnect()
