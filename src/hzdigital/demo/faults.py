"""Bad rows of each kind the import rejects, injected in a controlled number.

Each bad row has exactly one defect, so a test can count the rejections of each kind. Bad rows
other than duplicates get a fresh enterprise code, so they never collide with a good row's key
(uscc + year); a duplicate is an exact copy of a good row, so whichever copy an import keeps,
the accepted totals (and thus the calibration) are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hzdigital.demo import reference
from hzdigital.lib.uscc import USCC_CHARSET

# Real county-level codes outside Hangzhou: Ningbo 海曙, Wenzhou 鹿城, Jiaxing 南湖, Shanghai
# 黄浦, Nanjing 玄武.
OUTSIDE_HANGZHOU_DIVISIONS = ("330203", "330302", "330402", "310101", "320102")
BAD_YEARS = (2009, 2014)  # before the import's first accepted year (2015)


@dataclass(frozen=True)
class BadRowKind:
    name: str
    message_zh: str
    message_en: str
    corrupt: Callable[[pd.DataFrame, np.random.Generator], pd.DataFrame]


def _bad_check_char(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    # Shift the check character by 1..30 places in the 31-character set: still a legal
    # character, never the right one.
    shift = rng.integers(1, len(USCC_CHARSET), size=len(rows))
    rows["uscc"] = [
        code[:17] + USCC_CHARSET[(USCC_CHARSET.index(code[17]) + s) % len(USCC_CHARSET)]
        for code, s in zip(rows["uscc"], shift, strict=True)
    ]
    return rows


def _unknown_class(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    known = set(reference.industry_classes())
    unknown = [f"{n:04d}" for n in range(100, 10_000) if f"{n:04d}" not in known]
    rows["industry_code"] = [unknown[i] for i in rng.integers(0, len(unknown), size=len(rows))]
    return rows


def _outside_hangzhou(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    picks = rng.integers(0, len(OUTSIDE_HANGZHOU_DIVISIONS), size=len(rows))
    rows["division_code"] = [OUTSIDE_HANGZHOU_DIVISIONS[i] for i in picks]
    return rows


def _negative_revenue(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    rows["revenue"] = -rows["revenue"].abs() - 1.0  # strictly negative, even for a zero revenue
    return rows


def _duplicate_key(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    return rows  # the caller copies these rows with their original enterprise code


def _bad_year(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    rows["year"] = [BAD_YEARS[i] for i in rng.integers(0, len(BAD_YEARS), size=len(rows))]
    return rows


BAD_ROW_KINDS: dict[str, BadRowKind] = {
    kind.name: kind
    for kind in (
        BadRowKind("check_char", "统一社会信用代码校验位错误", "wrong USCC check character", _bad_check_char),
        BadRowKind("unknown_class", "行业代码不在 GB/T 4754-2017 中", "industry class not in GB/T 4754-2017", _unknown_class),
        BadRowKind("outside_hangzhou", "行政区划代码不属于杭州市", "division is not a Hangzhou county", _outside_hangzhou),
        BadRowKind("negative_revenue", "营业收入为负数", "negative revenue", _negative_revenue),
        BadRowKind("duplicate_key", "同一企业同一年度重复", "duplicate uscc + year", _duplicate_key),
        BadRowKind("bad_year", "统计年度超出范围", "year out of range", _bad_year),
    )
}  # fmt: skip

MESSAGE_UNKNOWN_BAD_KIND = (
    "未知的错误行类型 {kind}（可选：{known}） / unknown bad-row kind {kind} (choose from: {known})"
)


def check_kinds(kinds: tuple[str, ...]) -> None:
    for kind in kinds:
        if kind not in BAD_ROW_KINDS:
            known = ", ".join(BAD_ROW_KINDS)
            raise ValueError(MESSAGE_UNKNOWN_BAD_KIND.format(kind=kind, known=known))


def split_counts(total: int, kinds: tuple[str, ...]) -> dict[str, int]:
    """Spread ``total`` bad rows over the kinds as evenly as possible, in the order given."""
    base, extra = divmod(total, len(kinds))
    return {kind: base + (1 if i < extra else 0) for i, kind in enumerate(kinds)}


def make_bad_rows(
    good: pd.DataFrame,
    counts: dict[str, int],
    fresh_usccs: Callable[[np.ndarray], list[str]],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """The bad rows, each a corrupted copy of a random good row."""
    parts = []
    for kind_name, count in counts.items():
        if count == 0:
            continue
        rows = good.iloc[rng.integers(0, len(good), size=count)].copy()
        if kind_name != "duplicate_key":
            rows["uscc"] = fresh_usccs(rows["division_code"].to_numpy())
        parts.append(BAD_ROW_KINDS[kind_name].corrupt(rows, rng))
    if not parts:
        return good.iloc[0:0].copy()
    return pd.concat(parts, ignore_index=True)
