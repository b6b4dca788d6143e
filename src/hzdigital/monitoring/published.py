"""Reader of the published series ``data/published_statistics.csv``.

Each figure keeps its unit, status (verified / secondary / derived) and source, because the
trajectory shows officials where a number came from. GDP is published in 亿元 while the warehouse
holds 万元; the conversion is done here once, explicitly (1 亿元 = 10 000 万元).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

PUBLISHED_CSV = Path(__file__).resolve().parent.parent / "data" / "published_statistics.csv"

WAN_YUAN_PER_YI_YUAN = 10_000  # 1 亿元 = 10 000 万元

CITY_CODE = "330100"


@dataclass(frozen=True)
class PublishedFigure:
    """One published number, as the source states it."""

    indicator: str  # e.g. core_value_added, gdp, target_core_revenue
    division_code: str  # 6 digits; 100000 = the whole country
    division_name: str
    period: str  # "2021", or a part of a year such as "2021H1" / "2018Q1-Q3"
    value: float  # in ``unit``
    unit: str  # 亿元 or %
    status: str  # verified | secondary | derived
    source: str  # URL
    note: str

    @property
    def year(self) -> int | None:
        """The calendar year when the figure covers a whole year, else None."""
        return int(self.period) if self.period.isdigit() else None


@cache
def _read(path: Path) -> tuple[PublishedFigure, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            PublishedFigure(
                indicator=row["indicator"],
                division_code=row["division_code"],
                division_name=row["division_name"],
                period=row["period"],
                value=float(row["value"]),
                unit=row["unit"],
                status=row["status"],
                source=row["source"],
                note=row["note"],
            )
            for row in csv.DictReader(handle)
        )


def load_published(path: Path | None = None) -> tuple[PublishedFigure, ...]:
    """All published figures.

    >>> figures = load_published()
    >>> [f.value for f in figures if f.indicator == "core_value_added" and f.period == "2021"
    ...  and f.division_code == "330100"]
    [4905.0]
    """
    return _read(path or PUBLISHED_CSV)


def annual_figures(
    indicator: str, division_code: str = CITY_CODE, path: Path | None = None
) -> dict[int, PublishedFigure]:
    """Whole-year figures of one indicator for one division, keyed by year.

    Part-year figures (H1, Q1–Q3) are left out: they are not comparable with annual ones.

    >>> sorted(annual_figures("gdp"))
    [2021, 2022, 2023, 2024]
    """
    return {
        f.year: f
        for f in load_published(path)
        if f.indicator == indicator and f.division_code == division_code and f.year is not None
    }


def gdp_wan_yuan(path: Path | None = None) -> pd.DataFrame:
    """Published GDP per (year, division_code), converted from 亿元 to 万元.

    Columns: year (int), division_code (str), gdp_wan_yuan (float). Years or divisions without a
    published GDP are simply absent, so a join leaves share_of_gdp null rather than invented.

    >>> frame = gdp_wan_yuan()
    >>> frame[(frame.year == 2021) & (frame.division_code == "330100")].gdp_wan_yuan.item()
    181090000.0
    """
    rows = [
        {
            "year": f.year,
            "division_code": f.division_code,
            "gdp_wan_yuan": f.value * WAN_YUAN_PER_YI_YUAN,
        }
        for f in load_published(path)
        if f.indicator == "gdp" and f.year is not None and f.unit == "亿元"
    ]
    frame = pd.DataFrame(rows, columns=["year", "division_code", "gdp_wan_yuan"])
    return frame.astype({"year": "int64", "gdp_wan_yuan": "float64"})
