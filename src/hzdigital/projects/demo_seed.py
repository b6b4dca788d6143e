"""A labelled demo portfolio: 20 invented projects across districts and stages, with yearly
investment, milestones, blockers, factor requests (some decided) and district quotas.

Idempotent: a project is found by name before it is created, quotas are set, requests are only
made for projects that have none. Every project is ``is_demo`` and its name says 演示.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from hzdigital.accounts.seed import seed_accounts
from hzdigital.projects import services
from hzdigital.projects.models import Factor, FactorRequest, MajorProject, Stage

DISTRICTS = ("330108", "330110", "330106", "330109", "330114", "330102", "330113", "330127")
CATEGORIES = ("0101", "0105", "0301", "0303", "0304", "0401", "0405", "0502", "0503", "0506")
KINDS = ("智能计算中心", "集成电路产线", "工业互联网平台", "数据中心", "智能制造基地")
QUOTAS = {
    Factor.LAND: Decimal("300"),
    Factor.ENERGY: Decimal("20000"),
    Factor.FUNDS: Decimal("50000"),
}


@dataclass(frozen=True)
class ProjectsSeedResult:
    projects: int  # demo projects in the portfolio
    created: int  # of which new in this run


def _spec(n: int) -> dict:
    stages = list(Stage)
    return {
        "name_zh": f"演示 {KINDS[n % len(KINDS)]} {n + 1:02d} 号项目",
        "district_code": DISTRICTS[n % len(DISTRICTS)],
        "nbs_category": CATEGORIES[n % len(CATEGORIES)],
        "investor": f"演示投资有限公司{n % 7 + 1}",
        "total_investment_wan_yuan": Decimal(20000 + 7500 * n),
        "stage": stages[n % len(stages)],
    }


def seed_projects(*, year: int | None = None, count: int = 20) -> ProjectsSeedResult:
    year = year or date.today().year
    seed_accounts()
    office = get_user_model().objects.get(username="office")
    for district in DISTRICTS:
        for factor, amount in QUOTAS.items():
            services.quota_set(
                by=office, district_code=district, year=year, factor=factor, amount=amount
            )
    created = 0
    for n in range(count):
        spec = _spec(n)
        if MajorProject.objects.filter(name_zh=spec["name_zh"]).exists():
            continue
        project = services.project_create(by=office, is_demo=True, **spec)
        created += 1
        total = spec["total_investment_wan_yuan"]
        services.investment_record(
            by=office, project=project, year=year - 1,
            planned_wan_yuan=total * 3 / 10, completed_wan_yuan=total * (n % 4) / 10,
        )  # fmt: skip
        services.investment_record(
            by=office, project=project, year=year,
            planned_wan_yuan=total * 4 / 10, completed_wan_yuan=total * (n % 3) / 10,
        )  # fmt: skip
        services.milestone_add(by=office, project=project, due=date(year, 3, 31), text_zh="完成立项", done_on=date(year, 3, 20))  # fmt: skip
        services.milestone_add(by=office, project=project, due=date(year, 12, 31), text_zh="主体工程完工")  # fmt: skip
        if n % 4 == 1:
            blocker = services.blocker_raise(by=office, project=project, text_zh="用地报批进度滞后")
            if n % 8 == 1:
                services.blocker_escalate(by=office, blocker=blocker)
        factor = list(Factor)[n % 3]
        request = services.factor_request_create(
            by=office, project=project, year=year, factor=factor,
            requested=QUOTAS[factor] / 5,
        )  # fmt: skip
        if n % 2 == 0:
            services.factor_request_decide(by=office, request=request, approved=QUOTAS[factor] / 8)
    demo = MajorProject.objects.filter(is_demo=True).count()
    assert FactorRequest.objects.exists() or count == 0
    return ProjectsSeedResult(projects=demo, created=created)
