"""The calibration report: each target cell, what the records achieve, and where it came from.

Achieved totals are computed from the records as an import would load them: rows it rejects
(bad USCC, unknown class, division outside Hangzhou, negative revenue, bad year, the second of a
duplicate key) are left out. A row is core when its class maps fully to NBS majors 01-04, or
when its class is partial (*) and its business scope names the NBS sub-category; this is the
classification rule of DESIGN.md ("Classification"), applied to the shipped edition.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from hzdigital.demo import calibration, reference
from hzdigital.demo.codes import valid_mask

FIRST_ACCEPTED_YEAR = 2015


def _text(column: pd.Series) -> pd.Series:
    """The column as text; the generator's own object columns are used as they are (a
    conversion to Arrow strings costs seconds on a million rows)."""
    if column.dtype == object or pd.api.types.is_string_dtype(column):
        return column
    return column.astype(str)


def _per_value(column: pd.Series, test) -> np.ndarray:
    """``test`` applied to the distinct values only, spread back to the rows: a million rows
    hold some 300 000 codes and a few hundred classes."""
    ids, distinct = pd.factorize(_text(column))
    return np.asarray(test(distinct), dtype=bool)[ids] & (ids >= 0)


def acceptable_rows(frame: pd.DataFrame) -> np.ndarray:
    """Boolean mask of rows the import contract accepts."""
    year = pd.to_numeric(frame["year"], errors="coerce")
    revenue = pd.to_numeric(frame["revenue"], errors="coerce")
    counties = set(reference.district_codes())
    classes = reference.industry_classes()
    mask = (
        _per_value(frame["uscc"], lambda codes: valid_mask(np.asarray(codes, dtype=object)))
        & _per_value(frame["division_code"], lambda codes: [c in counties for c in codes])
        & _per_value(frame["industry_code"], lambda codes: [c in classes for c in codes])
        & (revenue >= 0).to_numpy()
        & year.between(FIRST_ACCEPTED_YEAR, dt.date.today().year).to_numpy()
    )
    first_of_key = ~frame.duplicated(subset=["uscc", "year"], keep="first").to_numpy()
    return mask & first_of_key


def core_rows(frame: pd.DataFrame) -> np.ndarray:
    """Boolean mask of rows counted in the NBS core (01-04) under the classification rules."""
    full_classes = reference.core_full_classes()
    full = _per_value(frame["industry_code"], lambda codes: [c in full_classes for c in codes])
    partial = reference.nbs_rows()
    partial = partial[
        (partial["partial"] == "1") & partial["major_code"].isin(reference.CORE_MAJORS)
    ]
    resolved = np.zeros(len(frame), dtype=bool)
    ids, distinct = pd.factorize(_text(frame["industry_code"]))
    position = {code: i for i, code in enumerate(distinct)}
    scope = _text(frame["business_scope"].fillna(""))
    for row in partial.itertuples(index=False):
        if row.gbt4754_code not in position:
            continue
        of_class = np.flatnonzero(ids == position[row.gbt4754_code])
        named = scope.iloc[of_class].str.contains(row.sub_name, regex=False).to_numpy(dtype=bool)
        resolved[of_class[named]] = True
    return full | resolved


def calibration_report(frame: pd.DataFrame) -> list[calibration.CalibrationCell]:
    """One cell per (indicator, city or district, year) of the years present in ``frame``."""
    accepted = frame[acceptable_rows(frame)]
    core = accepted[core_rows(accepted)]
    years = tuple(sorted(int(y) for y in pd.unique(accepted["year"])))
    by_district = core.groupby(["year", "division_code"])[["revenue", "value_added"]].sum()
    by_year = core.groupby("year")[["revenue", "value_added"]].sum()
    column = {calibration.REVENUE: "revenue", calibration.VALUE_ADDED: "value_added"}
    names = reference.district_names() | {calibration.CITY_CODE: "杭州市"}
    cells = []
    for target in calibration.calibration_targets(years):
        key = column[target.indicator]
        if target.division_code == calibration.CITY_CODE:
            achieved = by_year[key].get(target.year, 0.0)
        else:
            achieved = by_district[key].get((target.year, target.division_code), 0.0)
        cells.append(
            calibration.CalibrationCell(
                cell=f"{target.indicator} {target.division_code} "
                f"{names[target.division_code]} {target.year}",
                indicator=target.indicator,
                division_code=target.division_code,
                year=target.year,
                target_wan_yuan=round(target.target_wan_yuan, 2),
                achieved_wan_yuan=round(float(achieved), 2),
                basis=target.basis,
                source=target.source,
            )
        )
    return cells
