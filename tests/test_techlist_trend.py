"""An item's trend panel: city value added by year of its NBS categories, from the cube.

The filled warehouse is written straight into DuckDB with the warehouse schema, and the
expected figures are summed from the same rows in plain Python (tolerance 1e-6 万元).
"""

from __future__ import annotations

import duckdb
import pytest

from hzdigital.techlist.trend import EMPTY_WAREHOUSE, SYNTHETIC_LABEL, item_trend
from hzdigital.warehouse.store import ensure_schema

# uscc, year, division, de_sub, de_medium, de_major, de_status, value_added (万元)
ROWS = [
    ("A1", 2023, "330108", "010501", "0105", "01", "full", 100.0),
    ("A2", 2023, "330106", "010502", "0105", "01", "full", 50.5),
    ("A1", 2024, "330108", "010501", "0105", "01", "full", 130.0),
    ("B1", 2024, "330110", "030101", "0301", "03", "full", 70.0),
    ("B2", 2024, "330110", None, None, None, "partial_unresolved", 999.0),
    ("C1", 2023, "330102", "030101", "0301", "03", "partial_resolved", 20.0),
]


def _write(path, rows, synthetic: bool) -> None:
    with duckdb.connect(str(path)) as con:
        ensure_schema(con)
        for uscc, year, division, sub, medium, major, status, va in rows:
            con.execute(
                "insert into enterprise_year values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [uscc, year, "企业", division, "3973", 1000.0, va, 10, None, None, synthetic,
                 "test", sub, medium, major, status, "", "test"],
            )  # fmt: skip


def test_the_panel_says_so_when_the_warehouse_is_empty(tmp_path):
    trend = item_trend(["0105"], tmp_path / "warehouse.duckdb")
    assert trend.empty and trend.series == () and trend.note == EMPTY_WAREHOUSE
    _write(tmp_path / "warehouse.duckdb", [], synthetic=False)  # table there, no rows
    assert item_trend(["0105"], tmp_path / "warehouse.duckdb").empty


@pytest.mark.parametrize("synthetic", [True, False])
def test_the_trend_sums_the_citys_value_added_of_the_linked_categories(tmp_path, synthetic):
    path = tmp_path / "warehouse.duckdb"
    _write(path, ROWS, synthetic=synthetic)
    trend = item_trend(["010501", "03"], path)  # a 小类 is read at its 中类; 03 as a major
    assert not trend.empty and trend.synthetic is synthetic
    assert trend.note == (SYNTHETIC_LABEL if synthetic else "")
    by_code = {s.de_code: s for s in trend.series}
    assert set(by_code) == {"0105", "03"}
    for code, series in by_code.items():
        column = 4 if len(code) == 4 else 5
        expected = {}
        for row in ROWS:
            if row[column] == code and row[6] in ("full", "partial_resolved"):
                expected[row[1]] = expected.get(row[1], 0.0) + row[7]
        assert series.years == tuple(sorted(expected))
        for year, value in zip(series.years, series.value_added_wan_yuan, strict=True):
            assert value == pytest.approx(expected[year], abs=1e-6)
