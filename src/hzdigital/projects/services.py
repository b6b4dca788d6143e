"""Writes of major projects: ``<entity>_<verb>`` with keyword-only arguments and ``by=user``.

Each checks access (so pages, seeds and the CLI obey the same rules), runs in one transaction,
calls ``full_clean`` and records the actor for django-simple-history.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hzdigital.accounts.access import require
from hzdigital.accounts.conflicts import refused_if_saved_meanwhile
from hzdigital.accounts.history import save_as
from hzdigital.projects import access
from hzdigital.projects.models import (
    Blocker,
    FactorQuota,
    FactorRequest,
    MajorProject,
    ProjectMilestone,
    Stage,
    YearlyInvestment,
)

ALREADY_LAST_STAGE = "项目已投产,没有下一阶段 / The project is in production: no later stage"
STAGE_SKIPPED = (
    "项目只能进入下一阶段({expected}) / A project moves to the next stage only ({expected})"
)
ALREADY_AT_CITY = "问题已提交市领导小组办公室 / The blocker is already with the city office"
ALREADY_DECIDED = "该申请已审批 / This request has already been decided"
APPROVED_EXCEEDS_REQUEST = "批准量不能超过申请量 / Approved amount exceeds the request"
APPROVED_EXCEEDS_QUOTA = (
    "批准后将超出区县年度指标(剩余 {remaining}) / Approval exceeds the district's quota "
    "(remaining {remaining})"
)
NO_QUOTA = "该区县本年度没有此要素指标 / The district has no quota for this factor and year"


@transaction.atomic
def project_create(
    *,
    by: Any,
    name_zh: str,
    district_code: str,
    nbs_category: str,
    investor: str,
    total_investment_wan_yuan: Decimal,
    stage: str = Stage.PLANNING,
    action_plan: str = "",
    is_demo: bool = False,
) -> MajorProject:
    require(access.may_write_district(by, district_code))
    project = MajorProject(
        name_zh=name_zh,
        district_code=district_code,
        nbs_category=nbs_category,
        investor=investor,
        total_investment_wan_yuan=total_investment_wan_yuan,
        stage=stage,
        action_plan=action_plan,
        is_demo=is_demo,
    )
    with refused_if_saved_meanwhile("name_zh"):
        save_as(project, by)
    return project


@transaction.atomic
def project_advance(*, by: Any, project: MajorProject, to: str) -> MajorProject:
    """Move to the next stage; skipping or going back is refused (a stage is a fact on site)."""
    require(access.may_write_district(by, project.district_code))
    following = Stage(project.stage).next
    if following is None:
        raise ValidationError({"stage": ALREADY_LAST_STAGE})
    if to != following:
        raise ValidationError({"stage": STAGE_SKIPPED.format(expected=following.label)})
    project.stage = following
    save_as(project, by)
    return project


@transaction.atomic
def investment_record(
    *,
    by: Any,
    project: MajorProject,
    year: int,
    planned_wan_yuan: Decimal,
    completed_wan_yuan: Decimal = Decimal("0"),
) -> YearlyInvestment:
    require(access.may_write_district(by, project.district_code))
    row = YearlyInvestment.objects.filter(project=project, year=year).first()
    row = row or YearlyInvestment(project=project, year=year)
    row.planned_wan_yuan = planned_wan_yuan
    row.completed_wan_yuan = completed_wan_yuan
    with refused_if_saved_meanwhile("year"):  # the year's row, entered meanwhile elsewhere
        save_as(row, by)
    return row


@transaction.atomic
def milestone_add(
    *, by: Any, project: MajorProject, due: date, text_zh: str, done_on: date | None = None
) -> ProjectMilestone:
    require(access.may_write_district(by, project.district_code))
    milestone = ProjectMilestone(project=project, due=due, text_zh=text_zh, done_on=done_on)
    save_as(milestone, by)
    return milestone


@transaction.atomic
def blocker_raise(*, by: Any, project: MajorProject, text_zh: str) -> Blocker:
    require(access.may_write_district(by, project.district_code))
    blocker = Blocker(project=project, text_zh=text_zh)
    save_as(blocker, by)
    return blocker


@transaction.atomic
def blocker_escalate(*, by: Any, blocker: Blocker) -> Blocker:
    """The district hands a blocker it cannot solve to the city office."""
    require(access.may_write_district(by, blocker.project.district_code))
    if blocker.level == Blocker.Level.CITY:
        raise ValidationError({"level": ALREADY_AT_CITY})
    blocker.level = Blocker.Level.CITY
    save_as(blocker, by)
    return blocker


@transaction.atomic
def blocker_resolve(*, by: Any, blocker: Blocker) -> Blocker:
    # Once at the city, only the city office closes it: the district asked for help.
    if blocker.level == Blocker.Level.CITY:
        require(access.may_decide_factors(by))
    else:
        require(access.may_write_district(by, blocker.project.district_code))
    blocker.resolved = True
    save_as(blocker, by)
    return blocker


@transaction.atomic
def quota_set(
    *, by: Any, district_code: str, year: int, factor: str, amount: Decimal
) -> FactorQuota:
    require(access.may_decide_factors(by))
    quota = FactorQuota.objects.filter(
        district_code=district_code, year=year, factor=factor
    ).first() or FactorQuota(district_code=district_code, year=year, factor=factor)
    quota.amount = amount
    with refused_if_saved_meanwhile("factor"):
        save_as(quota, by)
    return quota


@transaction.atomic
def factor_request_create(
    *, by: Any, project: MajorProject, year: int, factor: str, requested: Decimal
) -> FactorRequest:
    require(access.may_write_district(by, project.district_code))
    request = FactorRequest(project=project, year=year, factor=factor, requested=requested)
    save_as(request, by)
    return request


@transaction.atomic
def factor_request_decide(*, by: Any, request: FactorRequest, approved: Decimal) -> FactorRequest:
    """Approve ``approved`` (0 = reject) within the request and the district's remaining quota."""
    from hzdigital.projects.selectors import balance_of

    require(access.may_decide_factors(by))
    if request.decision != FactorRequest.Decision.PENDING:
        raise ValidationError({"decision": ALREADY_DECIDED})
    if approved > request.requested:
        raise ValidationError({"approved": APPROVED_EXCEEDS_REQUEST})
    if approved > 0:
        balance = balance_of(request.project.district_code, request.year, request.factor)
        if balance.quota is None:
            raise ValidationError({"approved": NO_QUOTA})
        if approved > balance.remaining:
            message = APPROVED_EXCEEDS_QUOTA.format(remaining=balance.remaining)
            raise ValidationError({"approved": message})
    request.approved = approved
    request.decision = (
        FactorRequest.Decision.APPROVED if approved > 0 else FactorRequest.Decision.REJECTED
    )
    request.decided_by = by
    save_as(request, by)
    return request
