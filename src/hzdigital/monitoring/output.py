"""What ``hzdigital monitor`` and ``hzdigital targets`` run and print.

The cube's JSON keeps the contract's record fields exactly and states units at the top level
(``unit`` per field, and a ``note``): money is in 万元 as imported, ratios in per cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from hzdigital.monitoring.cube import RECORD_FIELDS, Level, build_cube, records
from hzdigital.monitoring.engines import ENTERPRISE_TABLE, connect_warehouse, warehouse_path
from hzdigital.monitoring.plan_targets import (
    TargetReport,
    plan_target_reports,
    reports_payload,
    warehouse_actuals,
)
from hzdigital.monitoring.registry import INDICATORS
from hzdigital.warehouse import store

MSG_EMPTY_WAREHOUSE = (
    "数据仓库为空({path}):请先用 hzdigital import 导入企业数据 / "
    "the warehouse is empty ({path}): load enterprise records with hzdigital import first"
)
MSG_BAD_CHOICE = (
    "{option} 只能是 {choices},收到 {value} / {option} must be one of {choices}: {value}"
)
MSG_NO_ROWS_FOR_YEAR = "{year} 年没有数据 / no rows for year {year}"
MSG_MONEY_NOTE = (
    "金额单位:万元(按导入口径);比率单位:%;区位商无量纲 / "
    "money in 万元 (10 000 yuan) as imported; ratios in %; the location quotient is a pure number"
)
MSG_TARGETS_NOTE = (
    "目标与公开数据单位见各项 unit(亿元或 %);仓库数据已由万元换算为亿元 / "
    "targets and published figures in each item's unit (亿元 or %); warehouse values converted "
    "from 万元 to 亿元"
)
MSG_WAREHOUSE_NOT_USED = (
    "数据仓库为空,实际值仅来自公开数据 / the warehouse is empty: actuals are published figures only"
)
MSG_WRITTEN = "已写出 {rows} 行到 {path} / wrote {rows} rows to {path}"

FIELD_UNITS = {
    key: INDICATORS[key].unit for key in RECORD_FIELDS if key in INDICATORS
}  # year, division_code, de_code carry no unit


def warehouse_rows(path: Path | None = None) -> int:
    """Rows in the warehouse's enterprise table; 0 when the file or the table is missing."""
    path = path or warehouse_path()
    if not path.exists():
        return 0
    with store.open_duckdb(path, read_only=True) as db:
        found = db.execute(
            "select count(*) from information_schema.tables where table_name = ?",
            [ENTERPRISE_TABLE],
        ).fetchone()
        if not found or not found[0]:
            return 0
        count = db.execute(f"select count(*) from {ENTERPRISE_TABLE}").fetchone()
    return int(count[0]) if count else 0


@dataclass(frozen=True)
class MonitorResult:
    year: int | None
    level: Level
    engine: str
    frame: pd.DataFrame  # cube rows, columns RECORD_FIELDS

    def payload(self) -> dict[str, object]:
        return {
            "year": self.year,
            "level": self.level,
            "engine": self.engine,
            "unit": FIELD_UNITS,
            "note": MSG_MONEY_NOTE,
            "records": records(self.frame),
        }


def run_monitor(level: Level, year: int | None, engine_name: str) -> MonitorResult:
    engine = connect_warehouse(engine_name)
    try:
        frame = engine.execute(build_cube(engine.table(), level=level, year=year))
    finally:
        engine.close()
    return MonitorResult(year, level, engine_name, frame[list(RECORD_FIELDS)])


def write_csv(result: MonitorResult, path: Path) -> None:
    # utf-8-sig so that Excel on a Chinese Windows desktop opens it without garbling.
    result.frame.to_csv(path, index=False, encoding="utf-8-sig")


def write_xlsx(result: MonitorResult, path: Path) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        result.frame.to_excel(writer, sheet_name="cube", index=False)
        notes = pd.DataFrame(
            [("note", MSG_MONEY_NOTE), *((k, u) for k, u in FIELD_UNITS.items())],
            columns=["field", "unit"],
        )
        notes.to_excel(writer, sheet_name="units", index=False)


def _fmt(value: object, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


# Short headers for the terminal; the JSON/CSV/XLSX keep the contract's field names.
SHORT_HEADERS = {
    "year": "year",
    "division_code": "division",
    "de_code": "de_code",
    "enterprises": "企业数",
    "revenue": "营收",
    "value_added": "增加值",
    "employees": "从业",
    "rd_expense": "研发",
    "yoy_value_added": "增速",
    "share_of_city": "占全市",
    "share_of_gdp": "占GDP",
    "lq": "LQ",
}
DIGITS = {"revenue": 0, "value_added": 0, "rd_expense": 0, "lq": 3}
MIN_CONSOLE_WIDTH = 150  # the cube is wide; wrapping beats truncated numbers


def print_monitor(result: MonitorResult, console: Console | None = None) -> None:
    if console is None:
        console = Console()
        if console.width < MIN_CONSOLE_WIDTH:
            console = Console(width=MIN_CONSOLE_WIDTH)
    console.print(MSG_MONEY_NOTE)
    table = Table(title=f"hzdigital monitor · level={result.level} · engine={result.engine}")
    for key in RECORD_FIELDS:
        unit = FIELD_UNITS.get(key)
        header = SHORT_HEADERS[key] + (f" {unit}" if unit and unit != "1" else "")
        table.add_column(header, justify="right", no_wrap=True)
    for row in records(result.frame):
        table.add_row(*(_fmt(row[key], DIGITS.get(key, 2)) for key in RECORD_FIELDS))
    console.print(table)


def run_targets() -> tuple[list[TargetReport], bool]:
    """The plan's targets; the bool says whether the warehouse contributed actuals."""
    if warehouse_rows() == 0:
        return plan_target_reports(), False
    engine = connect_warehouse("duckdb")
    try:
        return plan_target_reports(warehouse_actuals(engine)), True
    finally:
        engine.close()


def target_notes(used_warehouse: bool) -> list[str]:
    return [MSG_TARGETS_NOTE] + ([] if used_warehouse else [MSG_WAREHOUSE_NOT_USED])


def targets_payload(reports: list[TargetReport], used_warehouse: bool) -> dict[str, object]:
    return {"notes": target_notes(used_warehouse), "targets": reports_payload(reports)}


def print_targets(
    reports: list[TargetReport], used_warehouse: bool, console: Console | None = None
) -> None:
    console = console or Console()
    for note in target_notes(used_warehouse):
        console.print(note)
    for report in reports:
        t = report.target_figure
        title = (
            f"{report.spec.label_zh} / {report.spec.label_en}: "
            f"{report.spec.comparison} {t.value:g} {t.unit} ({t.year})"
        )
        if report.target is None:
            console.print(f"[bold]{title}[/bold]")
            for note in report.notes:
                console.print(f"  {note}")
            continue
        table = Table(title=title)
        for column in ("year", "expected", "actual", "origin", "status", "gap", "需年增速 %"):
            table.add_column(column, justify="right")
        for p in report.points:
            origin = "—"
            if p.actual is not None:
                origin = p.actual.origin + (" (synthetic)" if p.actual.synthetic else "")
            table.add_row(
                str(p.year),
                _fmt(p.expected, 1),
                _fmt(None if p.actual is None else p.actual.value, 1),
                origin,
                p.status,
                _fmt(p.gap, 1),
                _fmt(p.required_growth_percent, 1),
            )
        console.print(table)
        for note in report.notes:
            console.print(f"  {note}")
