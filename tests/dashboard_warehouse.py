"""A small synthetic warehouse for the monitoring page tests, built through the real import.

Not a test module: ``tests/test_dashboard_*.py`` and the browser tests call
:func:`build_warehouse` from a module-scoped fixture, so the slow part (generating and
importing) runs once per module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from hzdigital.demo.generate import generate_records, write_records
from hzdigital.warehouse.ingest import ImportResult, ingest_file

ROWS = 400
SEED = 11
YEARS = (2022, 2023)
BAD_SHARE = 0.05  # 20 bad rows of every kind the generator knows


@dataclass(frozen=True)
class FixtureWarehouse:
    home: Path
    source_file: Path
    result: ImportResult

    def sql(self, query: str, params: list | None = None) -> list[tuple]:
        """Run SQL straight on the warehouse file: the independent check of page figures."""
        with duckdb.connect(str(self.home / "warehouse.duckdb")) as con:
            return con.execute(query, params or []).fetchall()


def write_source(path: Path, rows: int = ROWS, bad_share: float = BAD_SHARE) -> Path:
    frame = generate_records(rows, seed=SEED, years=YEARS, bad_share=bad_share)
    write_records(frame, path, sidecar=False)
    return path


def build_warehouse(home: Path) -> FixtureWarehouse:
    home.mkdir(parents=True, exist_ok=True)
    source = write_source(home / "enterprises.csv")
    result = ingest_file(source, home=home, synthetic=True)
    return FixtureWarehouse(home=home, source_file=source, result=result)
