"""Major projects over the API: the list and one project, the stage move, yearly investment,
blockers (raise, escalate, resolve), factor-guarantee requests and the office's decision, and
the per-district balances against quotas.

Signed-in users only, like the pages. ``projects.access`` decides who sees and writes what,
and every write goes through ``projects.services`` (which checks the same rights again): a
district officer reads and writes its own district, the city office every district and the
factor decisions, an auditor reads everything and writes nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from hzdigital.accounts.access import require
from hzdigital.accounts.conflicts import SavedMeanwhile
from hzdigital.api.reads import YEAR_MAX, YEAR_MIN, Detail, Unprocessable
from hzdigital.api.supervision import Invalid, MemberSession, _invalid, saved_meanwhile
from hzdigital.lib.divisions import division_name
from hzdigital.projects import access, selectors, services
from hzdigital.projects.models import (
    FACTOR_UNITS,
    Blocker,
    Factor,
    FactorRequest,
    MajorProject,
    Stage,
)

router = Router(auth=MemberSession(), tags=["projects"])

READ = {401: Detail, 403: Detail, 404: Detail, 422: Unprocessable}
WRITE = {400: Invalid, 401: Detail, 403: Detail, 404: Detail, 422: Unprocessable}


class ProjectOut(Schema):
    id: int
    name_zh: str
    district_code: str
    district_name: str
    nbs_category: str
    investor: str
    stage: str  # planning | signed | started | building | completed | producing
    stage_label: str
    total_investment_wan_yuan: float
    completed_investment_wan_yuan: float
    completion_rate_percent: float | None
    is_demo: bool  # invented for the demo: label it wherever it shows
    can_write: bool


class YearOut(Schema):
    year: int
    planned_wan_yuan: float
    completed_wan_yuan: float


class ProjectMilestoneOut(Schema):
    due: date
    text_zh: str
    done_on: date | None


class BlockerOut(Schema):
    id: int
    project_id: int
    text_zh: str
    level: str  # district | city
    resolved: bool
    raised_at: datetime


class FactorRequestOut(Schema):
    id: int
    project_id: int
    year: int
    factor: str  # land | energy | funds
    unit: str  # 亩 | 吨标准煤 | 万元
    requested: float
    approved: float
    decision: str  # pending | approved | rejected


class ProjectDetailOut(ProjectOut):
    action_plan: str
    next_stage: str | None
    years: list[YearOut]
    milestones: list[ProjectMilestoneOut]
    blockers: list[BlockerOut]
    requests: list[FactorRequestOut]


class BalanceOut(Schema):
    district_code: str
    district_name: str
    year: int
    factor: str
    unit: str
    quota: float | None  # null: no quota set
    requested: float
    approved: float
    pending: float
    remaining: float
    used_percent: float | None


class ProjectFilter(Schema):
    stage: str = Field("", max_length=12)
    district: str = Field("", max_length=6)


class BalanceFilter(Schema):
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)


class AdvanceIn(Schema):
    to: str  # the next stage's value


class InvestmentIn(Schema):
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    planned_wan_yuan: Decimal
    completed_wan_yuan: Decimal = Decimal("0")


class BlockerIn(Schema):
    text_zh: str


class FactorRequestIn(Schema):
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    factor: str  # land | energy | funds
    requested: Decimal  # in the factor's unit


class FactorDecisionIn(Schema):
    approved: Decimal  # 0 rejects


def _number(value) -> float | None:
    return None if value is None else float(value)


def _project(project: MajorProject, user) -> dict:
    return {
        "id": project.pk,
        "name_zh": project.name_zh,
        "district_code": project.district_code,
        "district_name": project.district_name,
        "nbs_category": project.nbs_category,
        "investor": project.investor,
        "stage": project.stage,
        "stage_label": project.get_stage_display(),
        "total_investment_wan_yuan": float(project.total_investment_wan_yuan),
        "completed_investment_wan_yuan": float(project.completed_investment_wan_yuan),
        "completion_rate_percent": _number(project.completion_rate_percent),
        "is_demo": project.is_demo,
        "can_write": access.may_write_district(user, project.district_code),
    }


def _blocker(blocker: Blocker) -> dict:
    fields = ("id", "project_id", "text_zh", "level", "resolved", "raised_at")
    return {name: getattr(blocker, name) for name in fields}


def _request(request: FactorRequest) -> dict:
    return {
        "id": request.pk,
        "project_id": request.project_id,
        "year": request.year,
        "factor": request.factor,
        "unit": FACTOR_UNITS[Factor(request.factor)],
        "requested": float(request.requested),
        "approved": float(request.approved),
        "decision": request.decision,
    }


def _detail(project: MajorProject, user) -> dict:
    following = Stage(project.stage).next
    return _project(project, user) | {
        "action_plan": project.action_plan,
        "next_stage": following.value if following else None,
        "years": [
            {
                "year": y.year,
                "planned_wan_yuan": float(y.planned_wan_yuan),
                "completed_wan_yuan": float(y.completed_wan_yuan),
            }
            for y in project.years.all()
        ],  # fmt: skip
        "milestones": list(project.milestones.values("due", "text_zh", "done_on")),
        "blockers": [_blocker(b) for b in project.blockers.all()],
        "requests": [_request(r) for r in project.requests.all()],
    }


def _writable_project(request: HttpRequest, project_id: int) -> MajorProject:
    project, can_write = access.get_project_for_user(request.user, project_id)
    require(can_write)
    return project


@router.get("/projects", response={200: list[ProjectOut], **READ})
def project_list(request: HttpRequest, filters: Query[ProjectFilter]):
    """The projects the user may see (a district officer: its district), optionally of one
    ``stage`` and one ``district`` (6-digit code), as the list page filters them."""
    require(access.sees_projects(request.user))
    projects = access.projects_visible_to(request.user).prefetch_related("years")
    if filters.stage in Stage.values:  # an unknown stage filters nothing, as on the page
        projects = projects.filter(stage=filters.stage)
    if filters.district:
        projects = projects.filter(district_code=filters.district)
    return [_project(p, request.user) for p in projects]


@router.get("/projects/{project_id}", response={200: ProjectDetailOut, **READ})
def project_detail(request: HttpRequest, project_id: int):
    """One project with its yearly investment, milestones, blockers and factor requests."""
    project, _ = access.get_project_for_user(request.user, project_id)
    return _detail(project, request.user)


@router.get("/balances", response={200: list[BalanceOut], **READ})
def balance_list(request: HttpRequest, filters: Query[BalanceFilter]):
    """Factor balances (land 亩, energy 吨标准煤, funds 万元) per district against its quota
    for ``year`` (default this year); a district officer sees its own district."""
    require(access.sees_projects(request.user))
    year = filters.year or date.today().year
    rows = selectors.balances(year, access.districts_visible_to(request.user))
    return [
        {"district_code": b.district_code, "district_name": division_name(b.district_code),
         "year": b.year, "factor": b.factor, "unit": b.unit, "quota": _number(b.quota),
         "requested": float(b.requested), "approved": float(b.approved),
         "pending": float(b.pending), "remaining": float(b.remaining),
         "used_percent": _number(b.used_percent)}
        for b in rows
    ]  # fmt: skip


@router.post("/projects/{project_id}/advance", response={200: ProjectDetailOut, **WRITE})
def project_advance(request: HttpRequest, project_id: int, payload: AdvanceIn):
    """Move the project to its next stage (``to`` must be that stage)."""
    project = _writable_project(request, project_id)
    try:
        services.project_advance(by=request.user, project=project, to=payload.to)
    except ValidationError as error:
        return _invalid(error.message_dict)
    return _detail(project, request.user)


@router.post("/projects/{project_id}/investment", response={200: YearOut, **WRITE, 409: Invalid})
def investment_record(request: HttpRequest, project_id: int, payload: InvestmentIn):
    """Record a year's planned and completed investment (万元), replacing that year's. 409 when
    the year was entered by someone else at the same moment: read the project again and retry."""
    project = _writable_project(request, project_id)
    try:
        row = services.investment_record(
            by=request.user, project=project, year=payload.year,
            planned_wan_yuan=payload.planned_wan_yuan,
            completed_wan_yuan=payload.completed_wan_yuan,
        )  # fmt: skip
    except SavedMeanwhile as error:
        return saved_meanwhile(error)
    except ValidationError as error:
        return _invalid(error.message_dict)
    return {
        "year": row.year,
        "planned_wan_yuan": float(row.planned_wan_yuan),
        "completed_wan_yuan": float(row.completed_wan_yuan),
    }


@router.post("/projects/{project_id}/blockers", response={201: BlockerOut, **WRITE})
def blocker_raise(request: HttpRequest, project_id: int, payload: BlockerIn):
    """Raise a blocker at district level."""
    project = _writable_project(request, project_id)
    try:
        blocker = services.blocker_raise(by=request.user, project=project, text_zh=payload.text_zh)
    except ValidationError as error:
        return _invalid(error.message_dict)
    return Status(201, _blocker(blocker))


def _blocker_for(request: HttpRequest, blocker_id: int) -> Blocker:
    blocker = get_object_or_404(Blocker.objects.select_related("project"), pk=blocker_id)
    access.get_project_for_user(request.user, blocker.project_id)  # must at least see it
    return blocker


@router.post("/blockers/{blocker_id}/escalate", response={200: BlockerOut, **WRITE})
def blocker_escalate(request: HttpRequest, blocker_id: int):
    """Hand a blocker the district cannot solve to the city office."""
    blocker = _blocker_for(request, blocker_id)
    try:
        return _blocker(services.blocker_escalate(by=request.user, blocker=blocker))
    except ValidationError as error:
        return _invalid(error.message_dict)


@router.post("/blockers/{blocker_id}/resolve", response={200: BlockerOut, **WRITE})
def blocker_resolve(request: HttpRequest, blocker_id: int):
    """Close a blocker: the district its own; once escalated, the city office only."""
    blocker = _blocker_for(request, blocker_id)
    return _blocker(services.blocker_resolve(by=request.user, blocker=blocker))


@router.post("/projects/{project_id}/factor-requests", response={201: FactorRequestOut, **WRITE})
def factor_request_create(request: HttpRequest, project_id: int, payload: FactorRequestIn):
    """Ask for land (亩), energy (吨标准煤) or funds (万元) for a year."""
    project = _writable_project(request, project_id)
    try:
        created = services.factor_request_create(
            by=request.user, project=project, year=payload.year, factor=payload.factor,
            requested=payload.requested,
        )  # fmt: skip
    except ValidationError as error:
        return _invalid(error.message_dict)
    return Status(201, _request(created))


@router.post("/factor-requests/{request_id}/decision", response={200: FactorRequestOut, **WRITE})
def factor_request_decide(request: HttpRequest, request_id: int, payload: FactorDecisionIn):
    """The city office approves ``approved`` (0 rejects), within the request and the
    district's remaining quota."""
    factor_request = get_object_or_404(FactorRequest, pk=request_id)
    access.get_project_for_user(request.user, factor_request.project_id)
    require(access.may_decide_factors(request.user))
    try:
        decided = services.factor_request_decide(
            by=request.user, request=factor_request, approved=payload.approved
        )
    except ValidationError as error:
        return _invalid(error.message_dict)
    return _request(decided)
