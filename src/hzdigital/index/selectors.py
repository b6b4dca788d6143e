"""The index as the CLI, the pages, the API and the report read it: one function, ``report``.

Its inputs are the chosen data edition's panel (``?edition=``/``--edition``; default the
latest published edition, else live, as ``/api/monitor``) and the talent app's accepted
figures, handed to the framework-free ``evaluation`` package as a plain table.

A 1 000-run Monte Carlo with its sensitivity takes seconds on a busy machine, so a report is
kept in memory until its inputs change: the warehouse file's size and modification time (a
new import or edition shows at once), the framework file's, and the talent figures
themselves (they are few, so the table is read every time and is part of the key).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from pathlib import Path

import pandas as pd

from hzdigital.evaluation.framework import FRAMEWORK_YAML, load_framework
from hzdigital.evaluation.inputs import EXTRA_COLUMNS, Panel, no_extra
from hzdigital.evaluation.service import IndexReport, build_report, load_panel
from hzdigital.monitoring import editions
from hzdigital.monitoring.engines import warehouse_path

TALENT_SOURCE = "区县上报、市领导小组办公室采纳的人才数据 / talent figures reported by districts, accepted by the office"

_lock = threading.Lock()
_panels: dict[tuple, Panel] = {}
_reports: dict[tuple, IndexReport] = {}


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), None, None)
    return (str(path), stat.st_size, stat.st_mtime_ns)


def talent_inputs() -> pd.DataFrame:
    """Accepted talent figures per (district, year, metric) as ``inputs.EXTRA_COLUMNS``, the
    indicator named ``talent:<metric>``; demo figures are marked synthetic."""
    from django.db import DatabaseError
    from django.db.models import Count, Q, Sum

    from hzdigital.talent.selectors import accepted

    try:
        rows = list(
            accepted()
            .exclude(unit__division_code="")
            .values("unit__division_code", "year", "metric")
            .annotate(total=Sum("value"), demo=Count("pk", filter=Q(is_demo=True)))
            .order_by("unit__division_code", "year", "metric")
        )
    except DatabaseError:
        # An app database not yet migrated (``hzdigital index`` right after an import) holds
        # no accepted figure; the talent indicators are then left out with their note.
        return no_extra()
    if not rows:
        return no_extra()
    return pd.DataFrame(
        {
            "division_code": [r["unit__division_code"] for r in rows],
            "year": [int(r["year"]) for r in rows],
            "indicator": [f"talent:{r['metric']}" for r in rows],
            "value": [float(r["total"]) for r in rows],
            "source": TALENT_SOURCE,
            "synthetic": [r["demo"] > 0 for r in rows],
        }
    )[EXTRA_COLUMNS]


def _digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def panel(edition: str | None = None) -> Panel:
    """The panel of the chosen edition; ``IndexDataError`` when it holds nothing to index,
    ``editions.UnknownEdition`` for an id never published."""
    chosen = editions.choose_edition(edition)
    key = (_stamp(warehouse_path()), chosen.edition_id if chosen else editions.LIVE)
    with _lock:
        if key not in _panels:
            if len(_panels) > 8:
                _panels.clear()
            _panels[key] = load_panel(edition=chosen)
        return _panels[key]


def years(edition: str | None = None) -> list[int]:
    return sorted(panel(edition).years, reverse=True)


def report(
    year: int | None = None,
    edition: str | None = None,
    *,
    framework: Path | None = None,
    runs: int = 1000,
    seed: int = 2021,
) -> IndexReport:
    """The index of ``year`` (default: the latest year in the data) from the chosen edition
    plus the accepted talent figures."""
    chosen = editions.choose_edition(edition)
    data = panel(chosen.edition_id if chosen else editions.LIVE)
    extra = talent_inputs()
    framework_file = framework or FRAMEWORK_YAML
    key = (
        _stamp(warehouse_path()),
        _stamp(framework_file),
        chosen.edition_id if chosen else editions.LIVE,
        _digest(extra),
        year,
        runs,
        seed,
    )
    with _lock:
        if key not in _reports:
            if len(_reports) > 8:
                _reports.clear()
            _reports[key] = build_report(
                replace(data, extra=extra),
                year,
                load_framework(framework_file),
                runs,
                seed,
                edition=chosen,
            )
        return _reports[key]
