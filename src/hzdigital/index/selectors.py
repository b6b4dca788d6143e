"""The index as the pages and the API read it: one computation per (year, warehouse state).

A 1 000-run Monte Carlo with its sensitivity takes seconds on a busy machine, so a report is
kept in memory until the warehouse file or the framework file changes (their size and
modification time are part of the key): a new import shows at once, a reload does not
recompute.
"""

from __future__ import annotations

import threading
from pathlib import Path

from hzdigital.evaluation.framework import FRAMEWORK_YAML
from hzdigital.evaluation.inputs import Panel
from hzdigital.evaluation.service import IndexReport, build_report, load_panel
from hzdigital.monitoring.engines import warehouse_path

_lock = threading.Lock()
_panels: dict[tuple, Panel] = {}
_reports: dict[tuple, IndexReport] = {}


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), None, None)
    return (str(path), stat.st_size, stat.st_mtime_ns)


def panel() -> Panel:
    """The warehouse panel; ``IndexDataError`` when the warehouse is empty."""
    key = _stamp(warehouse_path())
    with _lock:
        if key not in _panels:
            _panels.clear()
            _panels[key] = load_panel()
        return _panels[key]


def years() -> list[int]:
    return sorted(panel().years, reverse=True)


def report(year: int) -> IndexReport:
    key = (_stamp(warehouse_path()), _stamp(FRAMEWORK_YAML), year)
    data = panel()
    with _lock:
        if key not in _reports:
            if len(_reports) > 8:
                _reports.clear()
            _reports[key] = build_report(data, year)
        return _reports[key]
