"""Report files for the download button, kept until the data (or the day) changes.

A PDF takes tens of seconds on the project's machines, far too long to build on every click,
and the figures only move when an import commits or an edition is published. So each file is
kept under ``HZDIGITAL_HOME/reports/`` by a key made of the data's version, the year, the
language and the day (the implementation chapter counts work-point status as of today).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path  # noqa: TC003 - the return annotation

from hzdigital.reports.content import build_report
from hzdigital.reports.context import choose_edition
from hzdigital.reports.render import write
from hzdigital.warehouse.store import resolve_home

CACHE_FOLDER = "reports"


def data_version() -> str:
    """The published edition's id, or the live warehouse's import log position."""
    ident, _ = choose_edition("zh")
    if ident is not None:
        return f"edition:{ident}"
    from hzdigital.monitoring.output import warehouse_rows

    if warehouse_rows() == 0:
        return "empty"
    from hzdigital.dashboard.snapshot import snapshot

    return f"live:{snapshot().version}"


def report_file(year: int, lang: str, fmt: str, *, today: date | None = None) -> Path:
    """The report file for (year, language, format), built when the kept one is stale."""
    day = (today or date.today()).isoformat()
    key = hashlib.sha256(f"{data_version()}|{year}|{lang}|{day}".encode()).hexdigest()[:16]
    path = resolve_home() / CACHE_FOLDER / f"report-{year}-{lang}-{key}.{fmt}"
    if not path.exists():
        partial = path.with_suffix(path.suffix + ".partial")
        write(build_report(year, lang, today=today), fmt, partial)
        partial.replace(path)  # atomic: a concurrent reader never sees half a file
    return path
