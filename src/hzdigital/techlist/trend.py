"""The indicator trend of an item's NBS categories: city value added by year, from the cube.

Framework-free: reads the warehouse through ``hzdigital.monitoring`` only. A 2-digit code is
read at the cube's major level, a 4- or 6-digit one at the medium level (a 小类 counts in its
中类: the cube stops there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hzdigital.monitoring.cube import build_cube
from hzdigital.monitoring.engines import connect_warehouse
from hzdigital.monitoring.output import warehouse_rows
from hzdigital.monitoring.published import CITY_CODE

EMPTY_WAREHOUSE = (
    "数据仓库为空,暂无行业指标;请先导入企业数据 / The warehouse is empty: import enterprise "
    "records to see this trend"
)
SYNTHETIC_LABEL = "合成演示数据 / synthetic demo data"


@dataclass(frozen=True)
class TrendSeries:
    de_code: str  # the cube's code (major or medium) the item's category is read at
    years: tuple[int, ...]
    value_added_wan_yuan: tuple[float | None, ...]


@dataclass(frozen=True)
class ItemTrend:
    empty: bool  # no warehouse rows at all: the panel says so instead of drawing
    synthetic: bool  # some rows behind the figures came from the demo generator
    series: tuple[TrendSeries, ...]
    note: str  # EMPTY_WAREHOUSE, SYNTHETIC_LABEL or ""


def cube_code(code: str) -> tuple[str, str]:
    """(level, de_code) at which the cube holds ``code``."""
    return ("major", code) if len(code) == 2 else ("medium", code[:4])


def item_trend(nbs_codes: list[str], path: Path | None = None) -> ItemTrend:
    if warehouse_rows(path) == 0:
        return ItemTrend(empty=True, synthetic=False, series=(), note=EMPTY_WAREHOUSE)
    engine = connect_warehouse("duckdb", path)
    try:
        table = engine.table()
        synthetic = bool(engine.execute(table.synthetic.any().name("s")).iloc[0, 0])
        wanted = list(dict.fromkeys(cube_code(code) for code in nbs_codes))
        series = []
        for level in sorted({lv for lv, _ in wanted}):
            codes = [c for lv, c in wanted if lv == level]
            cube = build_cube(table, level=level)  # type: ignore[arg-type]
            cube = cube.filter((cube.division_code == CITY_CODE) & cube.de_code.isin(codes)).select(
                "year", "de_code", "value_added"
            )
            frame = engine.execute(cube.order_by(["de_code", "year"]))
            for code in codes:
                rows = frame[frame.de_code == code]
                values = [None if v != v else float(v) for v in rows.value_added]
                series.append(TrendSeries(code, tuple(int(y) for y in rows.year), tuple(values)))
    finally:
        engine.close()
    return ItemTrend(
        empty=False,
        synthetic=synthetic,
        series=tuple(series),
        note=SYNTHETIC_LABEL if synthetic else "",
    )
