"""The enterprise table the matcher reads: warehouse columns for one statistical year, plus the
attributes the warehouse lacks (founding date, 高新技术企业, listed, talent-founded, project
stage), given as a plain frame by the caller (the ``support`` app keeps them by USCC).

Derived attributes, each with its rule:

- ``core``: NBS major 01–04 with status full or partial_resolved (the cube's rule); a
  ``partial_unresolved`` row is unknown (its scope did not say), never assumed either way.
- ``rd_intensity_percent`` = rd_expense / revenue × 100; missing when either is missing or
  revenue is 0.
- ``age_years``: whole years from the founding date to ``as_of``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import ibis
import ibis.expr.types as ir
import pandas as pd

from hzdigital.monitoring.cube import CORE_MAJORS, COUNTED_STATUSES, PARTIAL_UNRESOLVED

PROFILE_COLUMNS = ("uscc", "founded_on", "high_tech", "listed", "talent_founded", "project_stage")


def warehouse_attributes(t: ir.Table, year: int, usccs: Sequence[str] | None = None) -> ir.Table:
    """One row per enterprise of ``year`` with the warehouse's attributes, as an Ibis expression."""
    t = t.filter(t.year == year)
    if usccs is not None:
        t = t.filter(t.uscc.isin(list(usccs)))
    is_core = t.de_status.isin(list(COUNTED_STATUSES)) & t.de_major.isin(list(CORE_MAJORS))
    core = ibis.cases(
        (t.de_status == PARTIAL_UNRESOLVED, ibis.null("boolean")), else_=is_core.fill_null(False)
    )
    intensity = ibis.cases(
        (t.revenue > 0, t.rd_expense / t.revenue * 100.0), else_=ibis.null("float64")
    )
    return t.select(
        "uscc",
        "name",
        "division_code",
        "de_sub",
        "de_medium",
        "de_major",
        core=core,
        revenue_wan_yuan=t.revenue,
        employees=t.employees,
        rd_intensity_percent=intensity,
        synthetic=t.synthetic,
    ).order_by("uscc")


def whole_years(founded: pd.Series, as_of: date) -> pd.Series:
    """Whole years from each founding date to ``as_of`` (a birthday not yet reached this year
    does not count); missing stays missing.

    >>> born = pd.Series([date(2020, 6, 30), date(2020, 7, 1), None])
    >>> whole_years(born, date(2023, 6, 30)).tolist()
    [3.0, 2.0, nan]
    """
    stamps = pd.to_datetime(founded, errors="coerce")
    years = as_of.year - stamps.dt.year
    before_birthday = (stamps.dt.month > as_of.month) | (
        (stamps.dt.month == as_of.month) & (stamps.dt.day > as_of.day)
    )
    return (years - before_birthday.astype(float)).astype(float)


def attach_profiles(enterprises: pd.DataFrame, profiles: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The warehouse rows with the profile attributes added; an enterprise without a profile
    has them missing (→ unknown). Profiles of enterprises not in ``enterprises`` are ignored."""
    profiles = profiles.reindex(columns=list(PROFILE_COLUMNS))
    merged = enterprises.merge(profiles, on="uscc", how="left", validate="one_to_one")
    merged["age_years"] = whole_years(merged["founded_on"], as_of)
    for flag in ("high_tech", "listed", "talent_founded"):
        merged[flag] = merged[flag].astype("boolean")
    merged["project_stage"] = (
        merged["project_stage"].astype(object).where(merged["project_stage"].notna(), None)
    )
    return merged.drop(columns=["founded_on"])


def empty_profiles() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype=object) for column in PROFILE_COLUMNS})


__all__ = ["attach_profiles", "empty_profiles", "warehouse_attributes", "whole_years"]
