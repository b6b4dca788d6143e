"""Rows and files for the import tests (tests/test_ingest_*.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from hzdigital.lib.uscc import make_uscc

HEADERS_EN = (
    "uscc", "name", "division_code", "industry_code", "year", "revenue", "value_added",
    "employees", "rd_expense", "business_scope",
)  # fmt: skip
HEADERS_ZH = (
    "统一社会信用代码", "企业名称", "行政区划代码", "行业代码", "统计年度", "营业收入(万元)",
    "增加值(万元)", "从业人员(人)", "研发费用(万元)", "经营范围",
)  # fmt: skip


def uscc(i: int) -> str:
    return make_uscc(f"91330100MA{i:07d}")


def valid_row(i: int = 0, **overrides: str) -> dict[str, str]:
    row = {
        "uscc": uscc(i),
        "name": f"杭州测试企业{i}有限公司",
        "division_code": "330108",
        "industry_code": "6513",
        "year": "2023",
        "revenue": f"{1000 + i}.5",
        "value_added": "200",
        "employees": "50",
        "rd_expense": "30",
        "business_scope": "应用软件开发；信息技术咨询服务",
    }
    row.update(overrides)
    return row


def write_csv(
    path: Path,
    rows: list[dict[str, str] | str],
    headers: tuple[str, ...] = HEADERS_EN,
    encoding: str = "utf-8",
) -> Path:
    """Rows as dicts keyed by English field; a str row is written as a raw line."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(headers)
        for row in rows:
            if isinstance(row, str):
                handle.write(row + "\n")
            else:
                values = [row.get(field, "") for field in HEADERS_EN]
                writer.writerow((values + [""] * len(headers))[: max(len(headers), len(values))])
    return path


def read_quarantine(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def warehouse_rows(home: Path, columns: str = "* EXCLUDE (import_id)") -> list[tuple]:
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(f"SELECT {columns} FROM enterprise_year ORDER BY uscc, year").fetchall()
    finally:
        con.close()


def scalar(home: Path, sql: str) -> object:
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()
