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


def acceptable_rows(frame: pd.DataFrame) -> np.ndarray:
    """Boolean mask of rows the import contract accepts."""
    codes = _text(frame["uscc"])
    year = pd.to_numeric(frame["year"], errors="coerce")
    revenue = pd.to_numeric(frame["revenue"], errors="coerce")
    mask = (
        valid_mask(codes.to_numpy())
        & _text(frame["division_code"]).isin(reference.district_codes()).to_numpy()
        & _text(frame["industry_code"]).isin(reference.industry_classes()).to_numpy()
        & (revenue >= 0).to_numpy()
        & year.between(FIRST_ACCEPTED_YEAR, dt.date.today().year).to_numpy()
    )
    first_of_key = ~frame.duplicated(subset=["uscc", "year"], keep="first").to_numpy()
    return mask & first_of_key


def core_rows(frame: pd.DataFrame) -> np.ndarray:
    """Boolean mask of rows counted in the NBS core (01-04) under the classification rules."""
    codes = _text(frame["industry_code"])
    full = codes.isin(reference.core_full_classes()).to_numpy()
    partial = reference.nbs_rows()
    partial = partial[
        (partial["partial"] == "1") & partial["major_code"].isin(reference.CORE_MAJORS)
    ]
    resolved = np.zeros(len(frame), dtype=bool)
    scope = _text(frame["business_scope"].fillna(""))
    for row in partial.itertuples(index=False):
        of_class = np.flatnonzero((codes == row.gbt4754_code).to_numpy())
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
