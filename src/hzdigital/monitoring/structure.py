"""Industrial structure of the units: key-industry share, LQ leaders, structural similarity.

The plan (专栏13) gives each district/county its key industries; ``plan.yaml`` maps each to NBS
2021 codes (4-digit medium or 6-digit sub categories). Here that mapping is an argument,
``{division_code: set of NBS codes}``, so the measures work for any mapping; ``designated_codes``
reads it from plan.yaml.

- key-industry share: the part of a unit's **core** value added (01–04, full or
  partial_resolved) whose sub-category falls under one of its designated codes. A designated
  05 code can never match: 05 is not core.
- LQ leaders: the unit's top categories by location quotient (cube ``lq``) beside its
  designated ones, at the cube's level (designated sub codes are cut to that level).
- structural similarity coefficient: the cosine of two units' category share vectors,
  S_ij = Σ_k s_ik s_jk / (√Σ_k s_ik² · √Σ_k s_jk²), 1 for identical structures, 0 for disjoint;
  null for a unit without core value added.

>>> frame = pd.DataFrame({
...     "year": [2023] * 5,
...     "division_code": ["330108", "330108", "330106", "330106", "330110"],
...     "de_code": ["0301", "0101", "0301", "0101", "0401"],
...     "value_added": [60.0, 40.0, 30.0, 20.0, 10.0],
... })
>>> similarity_matrix(frame).round(3).to_numpy().tolist()  # units 330106, 330108, 330110
[[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from pathlib import Path

import ibis.expr.types as ir
import numpy as np
import pandas as pd
import yaml

from hzdigital.monitoring.cube import CORE_MAJORS, COUNTED_STATUSES, PARTIAL_UNRESOLVED
from hzdigital.monitoring.published import CITY_CODE

PLAN_YAML = Path(__file__).resolve().parent.parent / "data" / "plan.yaml"

MSG_PLAN_MISSING = "找不到规划文件 {path} / plan file {path} not found"
MSG_PLAN_UNKNOWN_INDUSTRY = (
    "规划文件 {path}:{unit} 的重点产业“{industry}”在 industry_mappings 中没有对应 / "
    "plan file {path}: key industry {industry!r} of unit {unit} has no entry in industry_mappings"
)

Designated = Mapping[str, Set[str]]  # division_code → NBS codes (4 or 6 digits)


def designated_codes(path: Path | None = None) -> dict[str, frozenset[str]]:
    """``{division_code: NBS codes}`` of each unit's key industries, from plan.yaml."""
    path = path or PLAN_YAML
    if not path.exists():
        raise FileNotFoundError(MSG_PLAN_MISSING.format(path=path))
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    mappings = plan.get("industry_mappings") or {}
    out: dict[str, frozenset[str]] = {}
    for unit in plan.get("units") or []:
        codes: set[str] = set()
        for industry in unit.get("key_industries") or []:
            name = industry["name_zh"]
            if name not in mappings:
                raise ValueError(
                    MSG_PLAN_UNKNOWN_INDUSTRY.format(path=path, unit=unit["code"], industry=name)
                )
            codes.update(str(row["code"]) for row in mappings[name].get("nbs") or [])
        out[str(unit["code"])] = frozenset(codes)
    return out


def core_value_added_by_sub(table: ir.Table, year: int | None = None) -> ir.Table:
    """Core value added (万元) per (year, division_code, de_sub): the engine does the scan."""
    core = table.de_status.isin(COUNTED_STATUSES) & table.de_major.isin(CORE_MAJORS)
    rows = table.filter(core)
    if year is not None:
        rows = rows.filter(rows.year == year)
    return rows.group_by(["year", "division_code", "de_sub"]).aggregate(
        value_added=rows.value_added.sum()
    )


@dataclass(frozen=True)
class KeyIndustryShare:
    year: int
    division_code: str
    core_value_added_wan_yuan: float
    designated_value_added_wan_yuan: float
    share_percent: float | None  # None when core value added is not positive


def key_industry_shares(by_sub: pd.DataFrame, designated: Designated) -> list[KeyIndustryShare]:
    """Share of each designated unit's core value added in its key industries, per year.

    ``by_sub`` has columns year, division_code, de_sub, value_added (as from
    ``core_value_added_by_sub``).
    """
    out = []
    for (year, division), rows in by_sub.groupby(["year", "division_code"], sort=True):
        if division not in designated:
            continue
        value_added = rows.value_added.fillna(0.0)
        prefixes = tuple(designated[division])
        inside = rows.de_sub.astype(str).str.startswith(prefixes) if prefixes else None
        total = float(value_added.sum())
        part = float(value_added[inside].sum()) if inside is not None else 0.0
        share = part / total * 100 if total > 0 else None
        out.append(KeyIndustryShare(int(year), str(division), total, part, share))
    return out


@dataclass(frozen=True)
class LqLeaders:
    year: int
    division_code: str
    top: tuple[tuple[str, float], ...]  # (category, LQ), highest first
    designated: tuple[str, ...]  # designated categories at the cube's level
    matched: tuple[str, ...]  # designated categories among the top
    designated_specialised: tuple[str, ...]  # designated categories with LQ > 1


def lq_leaders(cube: pd.DataFrame, designated: Designated, top_n: int = 5) -> list[LqLeaders]:
    """Top categories by LQ for each designated unit, beside its designated categories.

    ``cube`` is a cube frame at level major or medium (de_code of 2 or 4 digits).
    """
    cells = cube[(cube.division_code != CITY_CODE) & (cube.de_code != PARTIAL_UNRESOLVED)]
    out = []
    for (year, division), rows in cells.groupby(["year", "division_code"], sort=True):
        if division not in designated:
            continue
        width = len(str(rows.de_code.iloc[0]))
        wanted = tuple(sorted({code[:width] for code in designated[division]}))
        ranked = rows.dropna(subset=["lq"]).sort_values(
            ["lq", "value_added", "de_code"], ascending=[False, False, True]
        )
        top = tuple((str(c), float(q)) for c, q in zip(ranked.de_code, ranked.lq, strict=True))
        top = top[:top_n]
        lq = dict(zip(ranked.de_code.astype(str), ranked.lq.astype(float), strict=True))
        out.append(
            LqLeaders(
                year=int(year),
                division_code=str(division),
                top=top,
                designated=wanted,
                matched=tuple(code for code, _ in top if code in wanted),
                designated_specialised=tuple(c for c in wanted if lq.get(c, 0.0) > 1),
            )
        )
    return out


def share_vectors(cube: pd.DataFrame, *, core_only: bool = True) -> pd.DataFrame:
    """Category shares of value added, one row per unit (columns = categories, rows sum to 1).

    ``cube`` holds one year of cube rows; the city and partial_unresolved are left out.
    """
    cells = cube[(cube.division_code != CITY_CODE) & (cube.de_code != PARTIAL_UNRESOLVED)]
    if core_only:
        cells = cells[cells.de_code.str[:2].isin(CORE_MAJORS)]
    table = cells.pivot_table(
        index="division_code", columns="de_code", values="value_added", aggfunc="sum"
    ).fillna(0.0)
    totals = table.sum(axis=1)
    return table.div(totals.where(totals > 0), axis=0)


def similarity_matrix(cube: pd.DataFrame, *, core_only: bool = True) -> pd.DataFrame:
    """Structural similarity coefficient between every pair of units (symmetric, 1 on the
    diagonal); a unit without positive value added gets a row and column of NaN."""
    shares = share_vectors(cube, core_only=core_only)
    vectors = shares.to_numpy(dtype=float)
    norms = np.linalg.norm(vectors, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = vectors / norms[:, None]
    matrix = unit @ unit.T
    return pd.DataFrame(matrix, index=shares.index, columns=shares.index)
