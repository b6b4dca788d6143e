"""Row-level reads: the enterprises behind a cube cell, enterprise search, the imports log.

A cube cell and its enterprise list must agree, so :func:`in_category` selects rows with the
same rule the cube buckets them by (``monitoring.cube``): a major or medium counts rows whose
status is full, partial_resolved or text; ``core`` counts majors 01–04 that are full or
partial_resolved; ``partial_unresolved`` rows are never in any category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import ibis
import ibis.expr.types as ir

from hzdigital.dashboard.selectors import display_division_names, division_names, warehouse
from hzdigital.lib.divisions import CITY_CODE
from hzdigital.monitoring.cube import (
    CORE,
    CORE_MAJORS,
    COUNTED_STATUSES,
    PARTIAL_UNRESOLVED,
    TEXT_STATUS,
)
from hzdigital.monitoring.engines import Engine
from hzdigital.warehouse import store

PAGE_SIZE = 25  # enterprises per page: a screen of rows, enough to check reasons by eye

ROW_COLUMNS = (
    "uscc", "year", "name", "division_code", "industry_code", "revenue", "value_added",
    "employees", "rd_expense", "de_sub", "de_medium", "de_major", "de_status", "de_evidence",
    "classification_edition", "import_id", "synthetic",
)  # fmt: skip


@dataclass(frozen=True)
class EnterpriseRow:
    uscc: str
    year: int
    name: str
    division_code: str
    division_name: str
    industry_code: str  # GB/T 4754-2017 class
    revenue_wan_yuan: float
    value_added_wan_yuan: float | None
    employees: int
    de_code: str  # the NBS 2021 sub-category, "" when none
    de_status: str  # full | partial_resolved | partial_unresolved | text | none
    de_evidence: str  # matched terms or the rule that decided
    edition: str  # classification edition that decided
    confidence: str  # the row confidence (conf=…) the evidence states, "" when not stated
    import_id: str
    synthetic: bool


@dataclass(frozen=True)
class EnterprisePage:
    rows: list[EnterpriseRow]
    total: int  # rows matching, all pages
    page: int  # 1-based
    pages: int

    @property
    def editions(self) -> list[str]:
        """The classification editions that decided the rows shown, in first-seen order."""
        return list(dict.fromkeys(row.edition for row in self.rows))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def in_category(t: ir.Table, de_code: str) -> ir.BooleanValue:
    """Rows the cube counts in ``de_code`` (see the module docstring)."""
    counted = t.de_status.isin([*COUNTED_STATUSES, TEXT_STATUS])
    if de_code == CORE:
        return t.de_status.isin(COUNTED_STATUSES) & t.de_major.isin(CORE_MAJORS)
    if de_code == PARTIAL_UNRESOLVED:
        return t.de_status == PARTIAL_UNRESOLVED
    column = t.de_major if len(de_code) == 2 else t.de_medium
    return counted & (column == de_code)


def _confidence(evidence: str) -> str:
    match = re.search(r"conf=(\w+)", evidence or "")
    return match.group(1) if match else ""


def _rows(frame) -> list[EnterpriseRow]:
    names = display_division_names()
    return [
        EnterpriseRow(
            uscc=r.uscc,
            year=int(r.year),
            name=r.name,
            division_code=r.division_code,
            division_name=names.get(r.division_code, r.division_code),
            industry_code=r.industry_code,
            revenue_wan_yuan=float(r.revenue),
            value_added_wan_yuan=None if r.value_added is None else float(r.value_added),
            employees=int(r.employees),
            de_code=r.de_sub or "",
            de_status=r.de_status or "none",
            de_evidence=r.de_evidence or "",
            edition=r.classification_edition or "",
            confidence=_confidence(r.de_evidence or ""),
            import_id=r.import_id,
            synthetic=bool(r.synthetic),
        )
        for r in frame.astype(object).where(frame.notna(), None).itertuples()
    ]


def _page(engine: Engine, t: ir.Table, page: int, order: list) -> EnterprisePage:
    total = int(engine.execute(t.count()).iloc[0, 0])
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    frame = engine.execute(
        t.select(*ROW_COLUMNS).order_by(order).limit(PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    )
    return EnterprisePage(rows=_rows(frame), total=total, page=page, pages=pages)


def enterprises_in(year: int, division_code: str, de_code: str, page: int = 1) -> EnterprisePage:
    """The enterprise-years of one cube cell, largest value added first."""
    with warehouse() as engine:
        t = store.enterprise_year(engine.con)
        t = t.filter(t.year == year)
        if division_code != CITY_CODE:
            t = t.filter(t.division_code == division_code)
        t = t.filter(in_category(t, de_code))
        return _page(engine, t, page, [ibis.desc(t.value_added), t.uscc])


def _division_matches(query: str) -> list[str]:
    return [code for code, name in division_names().items() if query in name or query == code]


def search_enterprises(query: str, page: int = 1) -> EnterprisePage:
    """Enterprises by name, USCC, industry code (letter prefix allowed) or district.

    Each enterprise appears once, in its newest year in the warehouse.
    """
    query = query.strip()
    with warehouse() as engine:
        found, order = _search(store.enterprise_year(engine.con), query)
        return _page(engine, found, page, order)


def _search(t: ir.Table, query: str) -> tuple[ir.Table, list]:
    newest = t.year == t.year.max().over(group_by=t.uscc)
    t = t.filter(newest)
    code = re.sub(r"^[A-Za-z]", "", query)
    conditions = [t.name.contains(query), t.uscc == query.upper()]
    if code.isdigit() and 1 <= len(code) <= 4:
        conditions.append(t.industry_code.startswith(code))
    divisions = [d for d in _division_matches(query) if d != CITY_CODE]
    if divisions:
        conditions.append(t.division_code.isin(divisions))
    condition = conditions[0]
    for extra in conditions[1:]:
        condition = condition | extra
    return t.filter(condition), [ibis.desc(t.revenue), t.uscc]


@dataclass(frozen=True)
class ImportLogEntry:
    import_id: str
    file_name: str
    rows: int
    accepted: int
    rejected: int
    has_quarantine: bool
    started_at: object  # datetime, UTC as the warehouse stores it
    synthetic: bool


def imports_log(limit: int = 50) -> list[ImportLogEntry]:
    """Past imports from the warehouse's ``imports`` table, newest first."""
    with warehouse() as engine:
        t = store.imports(engine.con)
        frame = engine.execute(t.order_by(ibis.desc(t.started_at)).limit(limit))
    return [
        ImportLogEntry(
            import_id=r.import_id,
            file_name=r.file_name,
            rows=int(r.rows),
            accepted=int(r.accepted),
            rejected=int(r.rejected),
            has_quarantine=bool(r.quarantine_path),
            started_at=r.started_at,
            synthetic=bool(r.synthetic),
        )
        for r in frame.astype(object).where(frame.notna(), None).itertuples()
    ]


def quarantine_file(import_id: str) -> Path | None:
    """The quarantine file of an import, only if it lies in the quarantine folder and exists."""
    with warehouse() as engine:
        t = store.imports(engine.con)
        frame = engine.execute(t.filter(t.import_id == import_id).select("quarantine_path"))
    if frame.empty or frame.iloc[0, 0] is None:
        return None
    path = Path(frame.iloc[0, 0]).resolve()
    folder = store.quarantine_dir().resolve()
    if path.parent != folder or not path.is_file():
        return None
    return path
