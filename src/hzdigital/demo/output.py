"""Write synthetic records as CSV (UTF-8), Parquet or XLSX, with a ``<file>.meta.json`` sidecar.

The sidecar says the data are synthetic and records the seed, rows, years, bad rows injected,
the calibration targets and the totals the file achieves, so nobody mistakes a demo file for a
statistical return and anyone can regenerate it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from hzdigital.demo import panel
from hzdigital.demo.report import calibration_report

ZH_HEADERS = {
    "uscc": "统一社会信用代码",
    "name": "企业名称",
    "division_code": "行政区划代码",
    "industry_code": "行业代码",
    "year": "统计年度",
    "revenue": "营业收入(万元)",
    "value_added": "增加值(万元)",
    "employees": "从业人员(人)",
    "rd_expense": "研发费用(万元)",
    "business_scope": "经营范围",
}
XLSX_MAX_DATA_ROWS = 1_048_575  # an Excel sheet holds 1 048 576 rows, one is the header

MESSAGE_UNKNOWN_FORMAT = (
    "不支持的输出格式 {suffix}（支持 .csv .parquet .xlsx） / "
    "unsupported output format {suffix} (use .csv, .parquet or .xlsx)"
)
MESSAGE_XLSX_TOO_LONG = (
    "XLSX 最多 {limit} 行数据，当前 {rows} 行；请改用 .csv 或 .parquet / "
    "an XLSX sheet holds at most {limit} data rows, got {rows}; use .csv or .parquet"
)

# Assumptions behind the synthetic panel, repeated in the sidecar so the file explains itself.
PANEL_NOTES = {
    "incumbent_share": panel.INCUMBENT_SHARE,
    "survivor_share": panel.SURVIVOR_SHARE,
    "kind_shares": panel.KIND_SHARES,
    "log_revenue_sigma": panel.LOG_REVENUE_SIGMA,
    "growth_mean_sd": [panel.GROWTH_MEAN, panel.GROWTH_SD],
    "money_unit": "万元",
}


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    # Arrow's writer is about five times faster than pandas' on a million rows. It quotes every
    # text field, which also keeps codes such as "330102" text for readers that guess types.
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pa_csv.write_csv(table, path, write_options=pa_csv.WriteOptions(quoting_style="needed"))


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    if len(frame) > XLSX_MAX_DATA_ROWS:
        raise ValueError(MESSAGE_XLSX_TOO_LONG.format(limit=XLSX_MAX_DATA_ROWS, rows=len(frame)))
    frame.to_excel(path, index=False, engine="openpyxl")


WRITERS = {".csv": _write_csv, ".parquet": _write_parquet, ".xlsx": _write_xlsx}


def meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta.json")


@dataclass(frozen=True)
class WrittenRecords:
    path: Path  # the data file
    meta_path: Path  # the <file>.meta.json sidecar (not written when sidecar=False)
    metadata: dict  # what the sidecar holds


def write_records(
    frame: pd.DataFrame, path: str | Path, *, zh_headers: bool = False, sidecar: bool = True
) -> WrittenRecords:
    """Write ``frame`` in the format named by the extension, and its sidecar beside it."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(MESSAGE_UNKNOWN_FORMAT.format(suffix=path.suffix or "(none)"))
    path.parent.mkdir(parents=True, exist_ok=True)
    writer(frame.rename(columns=ZH_HEADERS) if zh_headers else frame, path)
    target = meta_path(path)
    meta = metadata(frame, path, zh_headers)
    if sidecar:
        target.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return WrittenRecords(path, target, meta)


def metadata(frame: pd.DataFrame, path: Path, zh_headers: bool) -> dict:
    generation = dict(frame.attrs.get("hzdigital_generation", {}))
    cells = calibration_report(frame)
    return {
        "synthetic": True,
        "file": path.name,
        "rows": len(frame),
        "enterprises": int(frame["uscc"].nunique()),
        "headers": "zh" if zh_headers else "en",
        **{key: value for key, value in generation.items() if key not in {"rows", "synthetic"}},
        "panel_assumptions": PANEL_NOTES,
        "calibration": [asdict(cell) | {"relative_error": cell.relative_error} for cell in cells],
    }


MESSAGE_WRITTEN = "已写入合成数据 synthetic records written: {path} ({rows} 行 rows, {enterprises} 家企业 enterprises)"
MESSAGE_SIDECAR = "说明文件 sidecar: {path}"
MESSAGE_CALIBRATION = (
    "校准 calibration: {cells} 个单元 cells, 最大相对误差 max relative error {error:.2e}; "
    "已公布 published/derived {published}, 假设 assumptions {assumed}"
)


def print_summary(written: WrittenRecords) -> None:
    """What ``hzdigital generate`` prints without ``--json``: the file and the published cells."""
    from rich.console import Console
    from rich.table import Table

    meta = written.metadata
    console = Console()
    console.print(
        MESSAGE_WRITTEN.format(
            path=written.path, rows=meta["rows"], enterprises=meta["enterprises"]
        )
    )
    console.print(MESSAGE_SIDECAR.format(path=written.meta_path))
    cells = meta["calibration"]
    published = [c for c in cells if c["basis"] != "assumption"]
    console.print(
        MESSAGE_CALIBRATION.format(
            cells=len(cells),
            error=max((c["relative_error"] for c in cells), default=0.0),
            published=len(published),
            assumed=len(cells) - len(published),
        )
    )
    table = Table(title="已公布数据的校准单元 calibrated cells with a published figure (万元)")
    for heading in ("indicator", "division", "year", "target", "achieved", "basis"):
        table.add_column(heading, no_wrap=True)
    for c in published:
        table.add_row(
            c["indicator"],
            c["cell"].split()[2],  # the division's name
            str(c["year"]),
            f"{c['target_wan_yuan']:,.2f}",
            f"{c['achieved_wan_yuan']:,.2f}",
            c["basis"],
        )
    console.print(table)
