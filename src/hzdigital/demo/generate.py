"""Seeded synthetic enterprise records, calibrated to Hangzhou's published digital-economy totals.

``generate_records(rows, seed, years=...)`` returns one row per enterprise per year in the
import contract's columns (DESIGN.md, "Enterprise records (import)"). The same seed gives the
same frame. Steps, each vectorised over enterprises or rows:

1. a panel of enterprises: most active in every year, some entering or leaving part-way;
2. each enterprise gets a kind (core digital, 05-type, partial class, non-digital), a district
   and a GB/T 4754 class: core classes weighted by the district's designated key industries;
3. heavy-tailed sizes: log-normal revenue with firm-level growth, a leading enterprise per
   district; value added, employees and R&D follow from revenue by industry profile;
4. core revenue and value added are scaled per (year, district) so they equal the calibration
   targets (``calibration.py``): published figures where they exist, documented assumptions
   elsewhere; non-core enterprises get the same year's scale so sizes stay comparable;
5. optionally, a controlled number of bad rows of each kind the import rejects (``faults.py``).

>>> frame = generate_records(60, seed=1, years=(2021,))
>>> len(frame), bool(frame["name"].str.startswith("（合成）").all())
(60, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from hzdigital.demo import faults, panel
from hzdigital.demo.output import write_records
from hzdigital.demo.report import calibration_report

__all__ = [
    "COLUMNS",
    "DEFAULT_YEARS",
    "calibration_report",
    "generate_records",
    "parse_years",
    "write_records",
]

COLUMNS = (
    "uscc", "name", "division_code", "industry_code", "year", "revenue", "value_added",
    "employees", "rd_expense", "business_scope",
)  # fmt: skip
DEFAULT_YEARS = (2021, 2022, 2023, 2024)  # the years the published series covers
FIRST_YEAR = 2015  # the import's first accepted year
LAST_YEAR = 2025  # the plan's last year
GENERATION_ATTR = "hzdigital_generation"  # DataFrame.attrs key holding the generation parameters

MESSAGE_BAD_YEARS = (
    "年度参数无效：{text}（格式如 2021-2024 或 2021,2023，范围 {first}–{last}）"
    " / invalid years {text} (e.g. 2021-2024 or 2021,2023, within {first}-{last})"
)
MESSAGE_BAD_ROWS = "行数必须为正整数：{rows} / rows must be a positive integer: {rows}"
MESSAGE_BAD_SHARE = (
    "错误行比例须在 0 到 0.5 之间：{share} / bad share must be within 0-0.5: {share}"
)


def parse_years(years: str | Iterable[int]) -> tuple[int, ...]:
    """Years as sorted unique ints, from ``2021-2024``, ``2021,2023`` or an iterable.

    >>> parse_years("2021-2023,2025")
    (2021, 2022, 2023, 2025)
    """
    text = years if isinstance(years, str) else ",".join(str(int(y)) for y in years)
    found: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = re.fullmatch(r"(\d{4})(?:\s*-\s*(\d{4}))?", part)
        if not match:
            raise ValueError(MESSAGE_BAD_YEARS.format(text=text, first=FIRST_YEAR, last=LAST_YEAR))
        first, last = int(match[1]), int(match[2] or match[1])
        found.update(range(first, last + 1))
    if not found or min(found) < FIRST_YEAR or max(found) > LAST_YEAR:
        raise ValueError(MESSAGE_BAD_YEARS.format(text=text, first=FIRST_YEAR, last=LAST_YEAR))
    return tuple(sorted(found))


def generate_records(
    rows: int,
    seed: int = 2021,
    years: str | Iterable[int] = DEFAULT_YEARS,
    bad_share: float = 0.0,
    bad_kinds: Iterable[str] | None = None,
) -> pd.DataFrame:
    """``rows`` enterprise-year records (bad rows included), deterministic for ``seed``.

    ``bad_share`` of the rows (rounded) are bad, spread evenly over ``bad_kinds`` (default:
    every kind in ``faults.BAD_ROW_KINDS``). ``frame.attrs["hzdigital_generation"]`` records
    the parameters and the number of bad rows of each kind.
    """
    if rows < 1:
        raise ValueError(MESSAGE_BAD_ROWS.format(rows=rows))
    if not 0.0 <= bad_share <= 0.5:
        raise ValueError(MESSAGE_BAD_SHARE.format(share=bad_share))
    year_list = parse_years(years)
    kinds = tuple(bad_kinds) if bad_kinds is not None else tuple(faults.BAD_ROW_KINDS)
    faults.check_kinds(kinds)
    bad_total = round(rows * bad_share) if kinds else 0
    good_rows = rows - bad_total
    if good_rows < 1:
        raise ValueError(MESSAGE_BAD_SHARE.format(share=bad_share))

    rng = np.random.default_rng(seed)
    good, usccs = panel.build_panel(good_rows, year_list, rng)
    counts = faults.split_counts(bad_total, kinds) if kinds else {}
    frame = good
    if bad_total:
        bad = faults.make_bad_rows(good, counts, usccs.fresh, rng)
        # Bad rows go to random places in the file, as they would in a clerk's spreadsheet.
        keys = np.concatenate(
            [np.arange(len(good), dtype=float), rng.uniform(0, len(good), len(bad))]
        )
        frame = pd.concat([good, bad], ignore_index=True).iloc[np.argsort(keys, kind="stable")]
        frame = frame.reset_index(drop=True)
    frame = frame.loc[:, list(COLUMNS)]
    frame.attrs[GENERATION_ATTR] = {
        "synthetic": True,
        "seed": seed,
        "rows": rows,
        "years": list(year_list),
        "bad_share": bad_share,
        "bad_rows": counts,
    }
    return frame
