"""Hangzhou's county-level administrative divisions (GB/T 2260, boundaries since 2021).

The shipped table is ``data/hangzhou_admin_divisions_2023.csv``. The 2021 adjustment abolished
下城区 (330103) and 江干区 (330104) and created 临平区 (330113) and 钱塘区 (330114); records
still carrying the old codes are common, so they get their own explanation.

>>> division_name("330108")
'滨江区'
>>> is_hangzhou_county("330103")
False
>>> ABOLISHED_DIVISIONS["330103"].successors
('330105',)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

CITY_CODE = "330100"  # 杭州市; in the cube it stands for the city total
DIVISIONS_FILE = "hangzhou_admin_divisions_2023.csv"


@dataclass(frozen=True)
class Division:
    code: str  # 6 digits
    name: str


@dataclass(frozen=True)
class AbolishedDivision:
    code: str
    name: str
    abolished_year: int
    successors: tuple[str, ...]  # the current codes that took over its area


# State Council approval of March 2021: 下城区 merged with 拱墅区 into the new 拱墅区; 江干区
# was split between the new 上城区 and the new 钱塘区 (which also took part of 萧山区). Kept as
# data so that messages can point a clerk to the code to use instead.
ABOLISHED_DIVISIONS: dict[str, AbolishedDivision] = {
    "330103": AbolishedDivision("330103", "下城区", 2021, ("330105",)),
    "330104": AbolishedDivision("330104", "江干区", 2021, ("330102", "330114")),
}


@cache
def county_divisions() -> tuple[Division, ...]:
    """The 13 county-level units under 杭州市, in code order."""
    source = resources.files("hzdigital.data").joinpath(DIVISIONS_FILE)
    with source.open(encoding="utf-8") as handle:
        rows = [
            Division(row["code6"], row["name"])
            for row in csv.DictReader(handle)
            if row["level"] == "county_level" and row["parent_code6"] == CITY_CODE
        ]
    return tuple(sorted(rows, key=lambda division: division.code))


@cache
def _names() -> dict[str, str]:
    return {division.code: division.name for division in county_divisions()}


def county_codes() -> frozenset[str]:
    return frozenset(_names())


def is_hangzhou_county(code: str) -> bool:
    return code in _names()


def division_name(code: str) -> str:
    """Name of a current county-level unit, or of the city itself; ``KeyError`` otherwise."""
    if code == CITY_CODE:
        return "杭州市"
    return _names()[code]
