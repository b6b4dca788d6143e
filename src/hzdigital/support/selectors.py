"""Reads shared by the pages and the API: the enterprise table (warehouse + profiles), the
enterprises a policy fits, and one enterprise's matches with every condition explained.

The warehouse year is the newest statistical year loaded; an enterprise's age is counted to
the end of that year, so every attribute describes the same moment.

Every support page and API call needs that year's enterprises, and reading them grows with the
warehouse (bench/RESULTS.md, Eligibility), while they only change when an import commits. So
the warehouse part is kept per warehouse version (:func:`hzdigital.warehouse.store.version`),
the newest one per ``HZDIGITAL_HOME``; profiles are Django rows people edit, so they are read
and attached on every call.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from ibis.backends.duckdb import Backend

from hzdigital.eligibility.enterprises import (
    PROFILE_COLUMNS,
    attach_profiles,
    warehouse_attributes,
)
from hzdigital.eligibility.match import PolicyMatch, Status, explain, match
from hzdigital.eligibility.rules import Policy as RulePolicy
from hzdigital.eligibility.table import EnterpriseTable
from hzdigital.lib.divisions import division_name
from hzdigital.support.models import EnterpriseProfile, Policy, PolicyPush
from hzdigital.warehouse import store

STATUS_ORDER = {Status.ELIGIBLE: 0, Status.UNKNOWN: 1, Status.NOT_ELIGIBLE: 2}


@dataclass(frozen=True)
class Enterprises:
    year: int | None  # statistical year read from the warehouse; None when it is empty
    frame: pd.DataFrame  # one row per enterprise: uscc, name, synthetic and every attribute
    table: EnterpriseTable


@dataclass(frozen=True)
class WarehouseEnterprises:
    """The newest year's warehouse attributes, as read at one warehouse version."""

    version: tuple[object, ...]  # store.version() read before the rows
    year: int | None  # None when the warehouse is empty
    frame: pd.DataFrame  # warehouse_attributes() of every enterprise, by USCC; never mutated


def empty_attributes() -> pd.DataFrame:
    return pd.DataFrame({"uscc": pd.Series([], dtype=object)})


def read_newest_year(backend: Backend) -> tuple[int | None, pd.DataFrame]:
    """The newest statistical year and all its enterprises' attributes, from DuckDB."""
    t = store.enterprise_year(backend)
    newest = backend.execute(t.year.max())
    if newest is None or pd.isna(newest):
        return None, empty_attributes()
    year = int(newest)
    return year, backend.execute(warehouse_attributes(t, year))


_lock = threading.Lock()
_kept: dict[Path, WarehouseEnterprises] = {}  # resolved HZDIGITAL_HOME → newest version read


def warehouse_enterprises() -> WarehouseEnterprises:
    """The newest year's enterprises of the warehouse under ``HZDIGITAL_HOME``, read once per
    warehouse version.

    The lock is held while reading, so threads that arrive together after an import wait for
    one read instead of each reading the whole year.
    """
    home = store.resolve_home().resolve()
    backend = store.connect()
    try:
        version = store.version(backend.con)
        with _lock:
            kept = _kept.get(home)
            if kept is None or kept.version != version:
                year, frame = read_newest_year(backend)
                kept = WarehouseEnterprises(version, year, frame)
                _kept[home] = kept  # replaces the older version: one kept per home
            return kept
    finally:
        backend.disconnect()


def data_year() -> int | None:
    return warehouse_enterprises().year


def profiles_frame(usccs: Iterable[str] | None = None) -> pd.DataFrame:
    profiles = EnterpriseProfile.objects.select_related("project")
    if usccs is not None:
        profiles = profiles.filter(uscc__in=list(usccs))
    rows = [
        {
            "uscc": p.uscc,
            "founded_on": p.founded_on,
            "high_tech": p.high_tech,
            "listed": p.listed,
            "talent_founded": p.talent_founded,
            "project_stage": p.project.stage if p.project else None,
        }
        for p in profiles
    ]
    return pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))


def enterprises(usccs: Sequence[str] | None = None) -> Enterprises:
    """The warehouse's newest year (optionally only ``usccs``) with the profiles attached.

    A requested USCC missing from the warehouse still gets a row, with every warehouse
    attribute missing: its rules come out unknown, not silently dropped.
    """
    kept = warehouse_enterprises()
    year, frame = kept.year, kept.frame
    if usccs is not None:
        wanted = set(usccs)
        frame = frame[frame["uscc"].isin(wanted)].reset_index(drop=True)
        found = set(frame["uscc"])
        absent = [u for u in usccs if u not in found]
        if absent:
            frame = pd.concat([frame, pd.DataFrame({"uscc": absent})], ignore_index=True)
    as_of = date(year, 12, 31) if year is not None else date.today()
    merged = attach_profiles(frame, profiles_frame(usccs), as_of)
    return Enterprises(year, merged, EnterpriseTable.from_frame(merged))


def rule_policies(policies: Iterable[Policy]) -> list[RulePolicy]:
    return [policy.as_rule() for policy in policies]


@dataclass(frozen=True)
class MatchRow:
    uscc: str
    name: str
    division_code: str
    division_name: str
    status: Status
    synthetic: bool  # the warehouse row is made-up demo data
    pushed: bool


def _flag(value: Any) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def policy_matches(
    policy: Policy, divisions: list[str] | None = None
) -> tuple[int | None, dict[Status, int], list[MatchRow]]:
    """Counts by status, and the enterprises that are eligible or unknown (may apply), eligible
    first; ``divisions`` limits both to those districts (None = the whole city)."""
    data = enterprises()
    frame, table = data.frame, data.table
    if divisions is not None:
        keep = frame["division_code"].isin(divisions).to_numpy()
        frame = frame[keep].reset_index(drop=True)
        table = table.take(keep.nonzero()[0])
    result = match(table, [policy.as_rule()])
    counts = result.counts(policy.code)
    pushed = set(PolicyPush.objects.filter(policy=policy).values_list("uscc", flat=True))
    rows = []
    for status in (Status.ELIGIBLE, Status.UNKNOWN):
        for index in result.rows_with(policy.code, status):
            record = frame.iloc[int(index)]
            code = _text(record.get("division_code"))
            rows.append(
                MatchRow(
                    uscc=str(record["uscc"]),
                    name=_text(record.get("name")),
                    division_code=code,
                    division_name=division_name(code) if code else "",
                    status=status,
                    synthetic=_flag(record.get("synthetic")),
                    pushed=str(record["uscc"]) in pushed,
                )
            )
    return data.year, counts, rows


@dataclass(frozen=True)
class EnterpriseMatches:
    uscc: str
    year: int | None  # the warehouse year the figures come from
    in_warehouse: bool  # False: every warehouse attribute is unknown
    name: str  # the warehouse name ("" when not in the warehouse)
    synthetic: bool  # the warehouse row is synthetic demo data
    values: dict[str, Any]  # attribute key → value (None = unknown)
    profile: EnterpriseProfile | None
    matches: list[PolicyMatch]  # eligible first, then unknown, then not eligible


def enterprise_matches(uscc: str, policies: Iterable[Policy]) -> EnterpriseMatches:
    data = enterprises([uscc])
    row = data.table.row_of(uscc)
    assert row is not None  # enterprises() always returns a row for a requested USCC
    record = data.frame.iloc[row]
    chosen = list(policies)
    found = explain(data.table, row, rule_policies(chosen))
    found.sort(key=lambda m: STATUS_ORDER[m.status])
    return EnterpriseMatches(
        uscc=uscc,
        year=data.year,
        in_warehouse=bool(_text(record.get("name"))),
        name=_text(record.get("name")),
        synthetic=_flag(record.get("synthetic")),
        values=data.table.values(row),
        profile=EnterpriseProfile.objects.filter(uscc=uscc).select_related("project").first(),
        matches=found,
    )
