"""Data editions: published results frozen in the warehouse, and the revisions between them.

Every import changes the warehouse; a statistician *publishes* an edition when the data are
ready. Publishing computes the cube at every level (all years), the plan targets' status, and
what the pages need besides (which imports make up each year and district, core value added
per NBS sub-category), and stores them in the warehouse's own ``edition_*`` tables keyed by
the edition id. From then on the dashboard, the API and the report read those frozen rows, so
an edition's figures never move, whatever is imported later.

Publishing the same data twice creates no new edition: the content hash of the cube
(``cube_sha256``) is compared with the latest edition's, and when equal that edition is
returned with ``created=False``.

Hashing and revisions compare numbers rounded to ``DIGITS`` decimals (see
``edition_freeze``). What is frozen is computed in ``edition_freeze``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from hzdigital.lib.messages import Message
from hzdigital.monitoring.cube import KEY_COLUMNS, LEVELS
from hzdigital.monitoring.edition_freeze import CUBE_FIELDS as CUBE_FIELDS  # re-exported
from hzdigital.monitoring.edition_freeze import EXTRA as EXTRA
from hzdigital.monitoring.edition_freeze import Frozen, compute, cube_sha256, rounded
from hzdigital.warehouse import store

EDITION_TABLE = "edition"
CUBE_TABLE = "edition_cube"
TARGETS_TABLE = "edition_targets"
CONTRIBUTIONS_TABLE = "edition_contribution"
CORE_BY_SUB_TABLE = "edition_core_by_sub"
INDEX_PANEL_TABLE = "edition_index_panel"  # the district index's inputs (evaluation.inputs)

NUMBER_FIELDS = tuple(f for f in CUBE_FIELDS if f not in KEY_COLUMNS)
LIVE = "live"  # the word that asks for the warehouse's current state instead of an edition

MSG_NOTHING_TO_PUBLISH = Message(
    "数据仓库为空,没有可发布的数据:请先导入企业数据",
    "the warehouse is empty, so there is nothing to publish: import enterprise records first",
)
MSG_UNKNOWN_EDITION = Message(
    "没有编号为 {edition_id} 的数据版本;已发布:{known}",
    "no data edition {edition_id}; published: {known}",
)
MSG_NO_EDITIONS = Message("尚未发布任何数据版本", "no data edition has been published yet")

DDL = (
    f"""CREATE TABLE IF NOT EXISTS {EDITION_TABLE} (
        edition_id VARCHAR PRIMARY KEY, number INTEGER NOT NULL,
        published_at TIMESTAMP NOT NULL, published_by VARCHAR NOT NULL, note VARCHAR NOT NULL,
        import_ids VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL, cube_sha256 VARCHAR NOT NULL,
        cells BIGINT NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {CUBE_TABLE} (
        edition_id VARCHAR NOT NULL, level VARCHAR NOT NULL, year INTEGER NOT NULL,
        division_code VARCHAR NOT NULL, de_code VARCHAR NOT NULL, enterprises BIGINT,
        revenue DOUBLE, value_added DOUBLE, employees BIGINT, rd_expense DOUBLE,
        yoy_value_added DOUBLE, share_of_city DOUBLE, share_of_gdp DOUBLE, lq DOUBLE,
        rd_intensity DOUBLE)""",
    f"""CREATE TABLE IF NOT EXISTS {TARGETS_TABLE} (
        edition_id VARCHAR PRIMARY KEY, reports VARCHAR NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {CONTRIBUTIONS_TABLE} (
        edition_id VARCHAR NOT NULL, year INTEGER NOT NULL, division_code VARCHAR NOT NULL,
        import_id VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {CORE_BY_SUB_TABLE} (
        edition_id VARCHAR NOT NULL, year INTEGER NOT NULL, division_code VARCHAR NOT NULL,
        de_sub VARCHAR, value_added DOUBLE)""",
    f"""CREATE TABLE IF NOT EXISTS {INDEX_PANEL_TABLE} (
        edition_id VARCHAR NOT NULL, year INTEGER NOT NULL, division_code VARCHAR NOT NULL,
        category VARCHAR NOT NULL, enterprises DOUBLE, revenue DOUBLE, value_added DOUBLE,
        employees DOUBLE, rd_expense DOUBLE)""",
)


class UnknownEdition(LookupError):
    def __init__(self, edition_id: str, known: list[str]) -> None:
        self.message = MSG_UNKNOWN_EDITION
        self.values = {"edition_id": edition_id, "known": ", ".join(known) or "—"}
        super().__init__(MSG_UNKNOWN_EDITION.render(**self.values))


class NothingToPublish(RuntimeError):
    def __init__(self) -> None:
        super().__init__(MSG_NOTHING_TO_PUBLISH.render())


@dataclass(frozen=True)
class Edition:
    edition_id: str  # E1, E2, … in publishing order
    published_at: datetime  # UTC
    published_by: str  # user name (or "cli:<user>")
    note: str
    import_ids: tuple[str, ...]  # imports whose rows the edition's figures are made of
    synthetic: bool  # any of those rows came from the demo generator
    cube_sha256: str  # content hash of the cube at every level (rounded to DIGITS)
    cells: int  # cube rows frozen, all levels

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition_id": self.edition_id,
            "published_at": self.published_at.isoformat(),
            "published_by": self.published_by,
            "note": self.note,
            "import_ids": list(self.import_ids),
            "synthetic": self.synthetic,
            "cube_sha256": self.cube_sha256,
            "cells": self.cells,
        }


@dataclass(frozen=True)
class PublishResult:
    edition: Edition
    created: bool  # False: the data equal the latest edition's, which is returned instead


@dataclass(frozen=True)
class Revision:
    """One cube cell whose value differs between two editions."""

    level: str
    year: int
    division_code: str
    de_code: str
    measure: str
    old: float | None  # None: the cell did not exist (or was undefined) in the old edition
    new: float | None
    difference: float | None  # new − old, in the measure's unit
    percent: float | None  # difference / |old| × 100; None when old is missing or zero

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in DDL:
        con.execute(statement)


def _connect(home: str | Path | None, *, create: bool = False) -> Any:
    """A warehouse connection; only publishing creates the edition tables, so that a page
    read never issues DDL next to an import running in another thread."""
    backend = store.connect(home)
    if create:
        ensure_tables(backend.con)
    return backend


def _scalar(con: duckdb.DuckDBPyConnection, query: str, params: list[object] | None = None) -> Any:
    """One value; fetched whole, since DuckDB refuses new work while a result is unread."""
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    query = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
    return bool(_scalar(con, query, [EDITION_TABLE]))


# ---- publishing and reading ---------------------------------------------------------------


def publish_edition(*, by: str, note: str = "", home: str | Path | None = None) -> PublishResult:
    """Freeze the warehouse's current results as a new edition (or return the equal latest).

    Raises ``NothingToPublish`` when the warehouse has no enterprise rows.
    """
    backend = _connect(home, create=True)
    try:
        con = backend.con
        if not _scalar(con, f"SELECT count(*) FROM {store.ENTERPRISE_YEAR}"):
            raise NothingToPublish
        frozen = compute(backend)
        sha = cube_sha256(frozen.cubes)
        latest = _editions(con)[:1]
        if latest and latest[0].cube_sha256 == sha:
            return PublishResult(latest[0], created=False)
        edition = _store(con, frozen, sha, by=by, note=note)
    finally:
        backend.disconnect()
    return PublishResult(edition, created=True)


def _store(
    con: duckdb.DuckDBPyConnection, frozen: Frozen, sha: str, *, by: str, note: str
) -> Edition:
    con.execute("BEGIN TRANSACTION")
    try:
        number = int(_scalar(con, f"SELECT coalesce(max(number), 0) FROM {EDITION_TABLE}")) + 1
        edition = Edition(
            edition_id=f"E{number}",
            published_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
            published_by=by,
            note=note,
            import_ids=frozen.import_ids,
            synthetic=frozen.synthetic,
            cube_sha256=sha,
            cells=len(frozen.cubes),
        )
        con.execute(
            f"INSERT INTO {EDITION_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                edition.edition_id,
                number,
                edition.published_at,
                by,
                note,
                json.dumps(list(edition.import_ids)),
                edition.synthetic,
                sha,
                edition.cells,
            ],
        )
        for table, frame in (
            (CUBE_TABLE, frozen.cubes),
            (CONTRIBUTIONS_TABLE, frozen.contributions),
            (CORE_BY_SUB_TABLE, frozen.core_by_sub),
            *([(INDEX_PANEL_TABLE, frozen.index_panel)] if frozen.index_panel is not None else []),
        ):
            con.register("staged", frame.assign(edition_id=edition.edition_id))
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM staged")
            con.unregister("staged")
        con.execute(
            f"INSERT INTO {TARGETS_TABLE} VALUES (?, ?)",
            [edition.edition_id, json.dumps(frozen.reports, ensure_ascii=False, default=str)],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return edition


def _editions(con: duckdb.DuckDBPyConnection) -> list[Edition]:
    if not _has_tables(con):
        return []
    rows = con.execute(
        f"""SELECT edition_id, published_at, published_by, note, import_ids, synthetic,
        cube_sha256, cells FROM {EDITION_TABLE} ORDER BY number DESC"""
    ).fetchall()
    return [
        Edition(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), bool(r[5]), r[6], int(r[7]))
        for r in rows
    ]


def _read(home: str | Path | None, query: str, params: list[object]) -> pd.DataFrame:
    backend = _connect(home)
    try:
        return backend.con.execute(query, params).fetch_df()
    finally:
        backend.disconnect()


def list_editions(home: str | Path | None = None) -> list[Edition]:
    """Every published edition, newest first."""
    backend = _connect(home)
    try:
        return _editions(backend.con)
    finally:
        backend.disconnect()


def latest_edition(home: str | Path | None = None) -> Edition | None:
    editions = list_editions(home)
    return editions[0] if editions else None


def get_edition(edition_id: str, home: str | Path | None = None) -> Edition:
    editions = list_editions(home)
    for edition in editions:
        if edition.edition_id == edition_id:
            return edition
    raise UnknownEdition(edition_id, [e.edition_id for e in editions])


def choose_edition(requested: str | None, home: str | Path | None = None) -> Edition | None:
    """What a reader shows: the named edition, live data for ``live``, else the latest
    published edition, or live data (None) when nothing has been published."""
    if requested == LIVE:
        return None
    if requested:
        return get_edition(requested, home)
    return latest_edition(home)


def edition_cube(
    edition_id: str, level: str, year: int | None = None, home: str | Path | None = None
) -> pd.DataFrame:
    """The frozen cube of one level (CUBE_FIELDS), optionally one year, in key order."""
    get_edition(edition_id, home)
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    query = f"SELECT {', '.join(CUBE_FIELDS)} FROM {CUBE_TABLE} WHERE edition_id = ? AND level = ?"
    params: list[object] = [edition_id, level]
    if year is not None:
        query += " AND year = ?"
        params.append(year)
    query += f" ORDER BY {', '.join(KEY_COLUMNS)}"
    return _read(home, query, params)


def edition_targets(edition_id: str, home: str | Path | None = None) -> list[dict[str, Any]]:
    """The targets payload frozen with the edition (the ``targets --json`` ``targets`` list)."""
    get_edition(edition_id, home)
    frame = _read(home, f"SELECT reports FROM {TARGETS_TABLE} WHERE edition_id = ?", [edition_id])
    return json.loads(frame.reports.iloc[0])


def edition_contributions(edition_id: str, home: str | Path | None = None) -> pd.DataFrame:
    return _read(
        home,
        f"""SELECT year, division_code, import_id, synthetic FROM {CONTRIBUTIONS_TABLE}
        WHERE edition_id = ? ORDER BY ALL""",
        [edition_id],
    )


def edition_core_by_sub(edition_id: str, home: str | Path | None = None) -> pd.DataFrame:
    return _read(
        home,
        f"""SELECT year, division_code, de_sub, value_added FROM {CORE_BY_SUB_TABLE}
        WHERE edition_id = ? ORDER BY ALL""",
        [edition_id],
    )


def edition_index_panel(edition_id: str, home: str | Path | None = None) -> pd.DataFrame:
    """The index inputs frozen with the edition; empty for an edition published before they
    were frozen (the index then says so rather than read live rows)."""
    get_edition(edition_id, home)
    backend = _connect(home)
    try:
        query = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
        if not _scalar(backend.con, query, [INDEX_PANEL_TABLE]):
            return pd.DataFrame()
        return backend.con.execute(
            f"""SELECT year, division_code, category, enterprises, revenue, value_added,
            employees, rd_expense FROM {INDEX_PANEL_TABLE} WHERE edition_id = ? ORDER BY ALL""",
            [edition_id],
        ).fetch_df()
    finally:
        backend.disconnect()


# ---- revisions ------------------------------------------------------------------------------


def _cells(edition_id: str, home: str | Path | None) -> dict[tuple[object, ...], float | None]:
    frame = _read(
        home,
        f"SELECT level, {', '.join(CUBE_FIELDS)} FROM {CUBE_TABLE} WHERE edition_id = ?",
        [edition_id],
    )
    cells: dict[tuple[object, ...], float | None] = {}
    for row in frame.astype(object).to_dict(orient="records"):
        key = (row["level"], int(row["year"]), row["division_code"], row["de_code"])
        for measure in NUMBER_FIELDS:
            cells[(*key, measure)] = _float(row[measure])
    return cells


def _float(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return float(value)  # type: ignore[arg-type]


def revisions(old_id: str, new_id: str, home: str | Path | None = None) -> list[Revision]:
    """Every cube cell (level, year, division, category, measure) whose value changed from
    edition ``old_id`` to ``new_id``, cells that appeared or vanished included."""
    for edition_id in (old_id, new_id):
        get_edition(edition_id, home)
    old, new = _cells(old_id, home), _cells(new_id, home)
    result = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: tuple(str(p) for p in k)):
        before, after = old.get(key), new.get(key)
        if rounded(before) == rounded(after):
            continue
        difference = None if before is None or after is None else after - before
        percent = None if difference is None or not before else difference / abs(before) * 100
        level, year, division_code, de_code, measure = key
        result.append(
            Revision(
                str(level), int(year), str(division_code), str(de_code), str(measure),  # type: ignore[call-overload]
                before, after, difference, percent,
            )
        )  # fmt: skip
    return result
