"""`hzdigital demo --no-serve` sets up a whole platform from nothing: what `make demo` runs.

Run as a user runs it, in a subprocess with its own HZDIGITAL_HOME and SQLite, so it never
touches the test database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import duckdb

DEMO_ROWS = 1500


def test_demo_loads_the_plan_the_synthetic_data_and_the_supervision_year(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["HZDIGITAL_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "hzdigital.cli", "demo", "--no-serve", "--rows", str(DEMO_ROWS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr

    with sqlite3.connect(tmp_path / "hzdigital.sqlite3") as db:
        assert db.execute("select count(*) from plan_unit").fetchone() == (13,)
        assert db.execute("select count(*) from plan_planedition where is_active").fetchone() == (
            1,
        )
        assert db.execute("select count(*) from supervision_task").fetchone()[0] > 0
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as wh:
        rows, synthetic = wh.execute(
            "select count(*), bool_and(synthetic) from enterprise_year"
        ).fetchone()
    assert rows == DEMO_ROWS
    assert synthetic is True
