"""Reads of major projects: per-district factor balances and projects by stage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from hzdigital.projects.models import (
    FACTOR_UNITS,
    ZERO,
    Factor,
    FactorQuota,
    FactorRequest,
    MajorProject,
    Stage,
    YearlyInvestment,
)


@dataclass(frozen=True)
class FactorBalance:
    district_code: str
    year: int
    factor: str
    unit: str  # 亩, 吨标准煤 or 万元
    quota: Decimal | None  # None: no quota set for this district, year and factor
    requested: Decimal  # all requests, whatever their decision
    approved: Decimal  # used: approved amounts only
    pending: Decimal  # requested and not yet decided

    @property
    def factor_label(self) -> str:
        return Factor(self.factor).label

    @property
    def remaining(self) -> Decimal:
        return (self.quota or ZERO) - self.approved

    @property
    def used_percent(self) -> Decimal | None:
        if not self.quota:
            return None
        return (self.approved * 100 / self.quota).quantize(Decimal("0.1"))


def _sum(requests, field: str) -> Decimal:
    return requests.aggregate(total=Sum(field))["total"] or ZERO


def balance_of(district_code: str, year: int, factor: str) -> FactorBalance:
    quota = FactorQuota.objects.filter(
        district_code=district_code, year=year, factor=factor
    ).first()
    requests = FactorRequest.objects.filter(
        project__district_code=district_code, year=year, factor=factor
    )
    pending = requests.filter(decision=FactorRequest.Decision.PENDING)
    return FactorBalance(
        district_code=district_code,
        year=year,
        factor=factor,
        unit=FACTOR_UNITS[Factor(factor)],
        quota=quota.amount if quota else None,
        requested=_sum(requests, "requested"),
        approved=_sum(requests.filter(decision=FactorRequest.Decision.APPROVED), "approved"),
        pending=_sum(pending, "requested"),
    )


def balances(year: int, district_codes: list[str] | None = None) -> list[FactorBalance]:
    """Every district with a quota or a request in ``year``, per factor."""
    quotas = FactorQuota.objects.filter(year=year).values_list("district_code", flat=True)
    asked = FactorRequest.objects.filter(year=year).values_list("project__district_code", flat=True)
    codes = sorted(set(quotas) | set(asked))
    if district_codes is not None:
        codes = [c for c in codes if c in district_codes]
    return [balance_of(code, year, factor) for code in codes for factor in Factor]


@dataclass(frozen=True)
class StageSummary:
    stage: str  # a Stage value
    label: str  # 谋划 planning …
    projects: int
    total_investment_wan_yuan: Decimal  # the projects' total (all years) investment
    completed_wan_yuan: Decimal  # investment completed so far, summed over the years recorded
    demo_projects: int  # how many of them are invented demo projects


def stage_summary(projects: QuerySet[MajorProject]) -> list[StageSummary]:
    """Every stage in order (zero rows included): how many projects, how much investment."""
    totals = {
        row["stage"]: row
        for row in projects.order_by()
        .values("stage")
        .annotate(
            count=Count("pk"),
            total=Sum("total_investment_wan_yuan"),
            demo=Count("pk", filter=Q(is_demo=True)),
        )
    }
    # Completed investment sums the yearly rows, so it is aggregated apart from the totals
    # (one join would count a project's total once per year).
    completed = dict(
        YearlyInvestment.objects.filter(project__in=projects)
        .order_by()
        .values_list("project__stage")
        .annotate(done=Sum("completed_wan_yuan"))
    )
    return [
        StageSummary(
            stage=stage.value,
            label=stage.label,
            projects=totals.get(stage.value, {}).get("count", 0),
            total_investment_wan_yuan=totals.get(stage.value, {}).get("total") or ZERO,
            completed_wan_yuan=completed.get(stage.value) or ZERO,
            demo_projects=totals.get(stage.value, {}).get("demo", 0),
        )
        for stage in Stage
    ]
