"""The leading-group dashboard's project panels: projects by stage (counts and investment) and
factor-guarantee usage against each district's quota, as tables and as chart data.

Every figure here comes from what the districts and the office entered on this platform (the
project ledger); a panel says so, and says "demo" when any project behind it is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hzdigital.lib.divisions import division_name
from hzdigital.projects import access as project_access
from hzdigital.projects.models import Factor, FactorRequest
from hzdigital.projects.selectors import FactorBalance, StageSummary, balances, stage_summary

WAN_PER_YI = Decimal("10000")  # 1 亿元 = 10 000 万元


def choice_label(choice_label: str) -> str:
    """ "谋划 planning" → 谋划, or planning on English pages (choice labels are "中文 English").

    A unit in brackets at the end of the English ("用地 land (亩)") stays with the Chinese too.
    """
    zh, _, en = str(choice_label).partition(" ")
    if en and (get_language() or "").startswith("en"):
        return en
    unit = re.search(r"\s(\([^()]*\))$", en)
    return f"{zh} {unit.group(1)}" if unit else zh


@dataclass(frozen=True)
class BalanceRow:
    balance: FactorBalance
    district_name: str


@dataclass(frozen=True)
class ProjectPanels:
    year: int  # the year whose factor balances are shown
    stages: list[StageSummary]
    balances: list[BalanceRow]  # districts with a quota or a request, per factor
    stages_demo: bool  # some project counted by stage is demo data
    balances_demo: bool  # some request of the year belongs to a demo project

    @property
    def projects(self) -> int:
        return sum(s.projects for s in self.stages)

    def stage_chart(self) -> dict[str, Any]:
        """Chart data: per stage, the number of projects and total investment in 亿元."""
        return {
            "stages": [choice_label(s.label) for s in self.stages],
            "projects": [s.projects for s in self.stages],
            "investment_yi_yuan": [
                float(s.total_investment_wan_yuan / WAN_PER_YI) for s in self.stages
            ],
            "completed_yi_yuan": [float(s.completed_wan_yuan / WAN_PER_YI) for s in self.stages],
        }

    def balance_chart(self) -> list[dict[str, Any]]:
        """Chart data, one chart per factor (their units differ): approved, pending and quota
        per district; a district without a quota has ``None`` there."""
        charts = []
        for factor in Factor:
            rows = [r for r in self.balances if r.balance.factor == factor.value]
            if not rows:
                continue
            charts.append(
                {
                    "factor": factor.value,
                    "label": choice_label(factor.label),
                    "unit": rows[0].balance.unit,
                    "districts": [r.district_name for r in rows],
                    "approved": [float(r.balance.approved) for r in rows],
                    "pending": [float(r.balance.pending) for r in rows],
                    "quota": [
                        None if r.balance.quota is None else float(r.balance.quota) for r in rows
                    ],
                }
            )
        return charts


def project_panels(user: Any, *, year: int) -> ProjectPanels:
    projects = project_access.projects_visible_to(user)
    rows = balances(year, project_access.districts_visible_to(user))
    demo_requests = FactorRequest.objects.filter(year=year, project__is_demo=True)
    return ProjectPanels(
        year=year,
        stages=stage_summary(projects),
        # balances() lists every factor of a district; one with neither quota nor request is noise.
        balances=[
            BalanceRow(r, division_name(r.district_code))
            for r in rows
            if r.quota is not None or r.requested
        ],
        stages_demo=projects.filter(is_demo=True).exists(),
        balances_demo=demo_requests.exists(),
    )


def chart_labels() -> dict[str, str]:
    """The charts' words in the page language (leading.js reads them from the page)."""
    return {
        "projects": _("项目数"),
        "investment": _("总投资(亿元)"),
        "completed": _("完成投资(亿元)"),
        "approved": _("已批准"),
        "pending": _("待审批"),
        "quota": _("指标"),
        "no_quota": _("未设指标"),
    }
