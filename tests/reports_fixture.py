"""One small synthetic warehouse and the report built from it, shared by the report tests.

Not a test module: ``tests/test_reports_*.py`` call :func:`report_world` from module-scoped
fixtures, so generating, importing and building (tens of seconds) run once per module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard_warehouse import FixtureWarehouse, build_warehouse
from hzdigital.reports.content import build_report
from hzdigital.reports.model import Report

YEAR = 2023  # the fixture warehouse holds 2022 and 2023


@dataclass(frozen=True)
class ReportWorld:
    warehouse: FixtureWarehouse
    zh: Report
    en: Report


def report_world(home: Path) -> ReportWorld:
    warehouse = build_warehouse(home)
    return ReportWorld(warehouse, build_report(YEAR, "zh"), build_report(YEAR, "en"))
