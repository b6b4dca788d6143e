"""The enterprises as columns the matcher can test fast: numbers and flags as float64 arrays
(NaN = missing), codes and choices factorised into int32 codes (-1 = missing) plus their
distinct values. A registry attribute absent from the input frame is missing for every row,
so rules on it come out unknown, never eligible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from hzdigital.eligibility.attributes import ATTRIBUTES, Attribute, Kind
from hzdigital.lib.messages import Message

NEEDS_USCC = Message("企业表缺少 uscc 列", "the enterprise table has no uscc column")
BAD_NUMBER = Message(
    "企业表第 {row} 行 {field} 列:“{value}”不是数值",
    "enterprise table row {row}, column {field}: '{value}' is not a number",
)


@dataclass(frozen=True)
class Column:
    attribute: Attribute
    numbers: np.ndarray | None  # float64, NaN = missing (numbers; flags as 1.0/0.0)
    codes: np.ndarray | None  # int32 index into ``categories``, -1 = missing
    categories: np.ndarray | None  # object array of the distinct values

    @property
    def known(self) -> np.ndarray:
        if self.codes is not None:
            return np.asarray(self.codes >= 0)
        assert self.numbers is not None
        return np.asarray(~np.isnan(self.numbers))

    def value(self, row: int) -> Any:
        """One row's value as Python: float, bool, str, or None when missing."""
        if self.codes is not None and self.categories is not None:
            code = int(self.codes[row])
            return None if code < 0 else str(self.categories[code])
        assert self.numbers is not None
        number = float(self.numbers[row])
        if np.isnan(number):
            return None
        return bool(number) if self.attribute.kind is Kind.FLAG else number


@dataclass(frozen=True)
class EnterpriseTable:
    usccs: np.ndarray  # object array of USCC strings, one per row
    columns: dict[str, Column]

    def __len__(self) -> int:
        return len(self.usccs)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> EnterpriseTable:
        if "uscc" not in frame.columns:
            raise ValueError(NEEDS_USCC.render())
        rows = len(frame)
        columns = {
            attribute.key: _column(attribute, frame[attribute.key])
            if attribute.key in frame.columns
            else _missing(attribute, rows)
            for attribute in ATTRIBUTES
        }
        return cls(frame["uscc"].astype(object).to_numpy(), columns)

    def row_of(self, uscc: str) -> int | None:
        hits = np.flatnonzero(self.usccs == uscc)
        return int(hits[0]) if len(hits) else None

    def take(self, rows: np.ndarray | list[int]) -> EnterpriseTable:
        """The given rows only (categories kept, so codes stay valid)."""
        index = np.asarray(rows, dtype=np.int64)
        columns = {
            key: Column(
                column.attribute,
                None if column.numbers is None else column.numbers[index],
                None if column.codes is None else column.codes[index],
                column.categories,
            )
            for key, column in self.columns.items()
        }
        return EnterpriseTable(self.usccs[index], columns)

    def values(self, row: int) -> dict[str, Any]:
        return {key: column.value(row) for key, column in self.columns.items()}


def _missing(attribute: Attribute, rows: int) -> Column:
    if attribute.kind in (Kind.CODE, Kind.CHOICE):
        return Column(attribute, None, np.full(rows, -1, np.int32), np.array([], dtype=object))
    return Column(attribute, np.full(rows, np.nan), None, None)


def _column(attribute: Attribute, series: pd.Series) -> Column:
    if attribute.kind in (Kind.CODE, Kind.CHOICE):
        # An empty string is no code at all: treat it as missing, like NULL.
        text = series.astype(object).where(series.notna() & (series.astype(str) != ""), None)
        codes, uniques = pd.factorize(text, use_na_sentinel=True)
        categories = np.asarray([str(u) for u in uniques], dtype=object)
        return Column(attribute, None, codes.astype(np.int32), categories)
    if attribute.kind is Kind.FLAG:
        flags = series.astype("boolean").astype("Float64")
        return Column(attribute, flags.to_numpy(dtype=float, na_value=np.nan), None, None)
    numbers = pd.to_numeric(series, errors="coerce")
    bad = numbers.isna() & series.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        value = series.iloc[row]
        raise ValueError(BAD_NUMBER.render(row=row + 1, field=attribute.key, value=value))
    return Column(attribute, numbers.astype("Float64").to_numpy(float, na_value=np.nan), None, None)
