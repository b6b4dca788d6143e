"""Reads behind the structure page (差异化、特色化): the measures of ``monitoring.structure``
applied to the warehouse and to the plan's designated key industries, shaped for one template.
"""

from __future__ import annotations

from dataclasses import dataclass

from hzdigital.dashboard.edition_reads import snapshot  # an edition's figures, or live
from hzdigital.dashboard.selectors import (
    category_names,
    cube,
    display_division_names,
    yi_yuan,
)
from hzdigital.lib.divisions import county_divisions
from hzdigital.monitoring.structure import (
    designated_codes,
    key_industry_shares,
    lq_leaders,
    similarity_matrix,
)

STRUCTURE_LEVEL = "medium"  # LQ leaders and similarity over the 4-digit NBS categories
TOP_N = 5


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    lq: float | None
    designated: bool  # one of the unit's key industries in the plan


@dataclass(frozen=True)
class UnitStructure:
    division_code: str
    name: str
    core_value_added_yi_yuan: float | None
    key_industry_share_percent: float | None  # of core value added; None without any
    top: list[Category]  # highest location quotient first
    designated: list[Category]  # the plan's key industries at the medium level
    matched: int  # designated categories among the top


@dataclass(frozen=True)
class Structure:
    units: list[UnitStructure]
    labels: list[str]  # unit names, in matrix order
    codes: list[str]  # division codes, in matrix order
    matrix: list[list[float | None]]  # structural similarity coefficient, 0–1


def structure(year: int) -> Structure:
    designated = designated_codes()
    names, units = category_names(), display_division_names()
    frame = cube(STRUCTURE_LEVEL, year)
    by_sub = snapshot().core_by_sub()
    shares = {
        s.division_code: s for s in key_industry_shares(by_sub[by_sub.year == year], designated)
    }
    lq_of = {
        (r.division_code, r.de_code): (None if r.lq != r.lq else float(r.lq))
        for r in frame.itertuples()
    }
    leaders = {row.division_code: row for row in lq_leaders(frame, designated, top_n=TOP_N)}
    result = []
    for division in county_divisions():
        code = division.code
        wanted = sorted({c[:4] for c in designated.get(code, ())})
        leader = leaders.get(code)
        share = shares.get(code)
        result.append(
            UnitStructure(
                division_code=code,
                name=units.get(code, division.name),
                core_value_added_yi_yuan=yi_yuan(share.core_value_added_wan_yuan)
                if share
                else None,
                key_industry_share_percent=share.share_percent if share else None,
                top=[
                    Category(c, names.get(c, c), lq, c in wanted)
                    for c, lq in (leader.top if leader else ())
                ],
                designated=[
                    Category(c, names.get(c, c), lq_of.get((code, c)), True) for c in wanted
                ],
                matched=len(leader.matched) if leader else 0,
            )
        )
    matrix = similarity_matrix(frame)
    order = list(matrix.index)
    return Structure(
        units=result,
        labels=[units.get(c, c) for c in order],
        codes=order,
        matrix=[[None if v != v else round(float(v), 4) for v in row] for row in matrix.to_numpy()],
    )
