"""Talent (专栏12) over /api/talent/: directions and programmes, yearly figures, targets with
their trajectory status, and the district-report → office-review workflow.

Reads are open like the pages: everyone sees accepted figures; a district also sees its own
drafts, submissions and returns, the office and auditors see all (``talent.access``). Writes
need a signed-in session and the CSRF token (supervision's ``MemberSession``); the services
decide who may write, so the API accepts exactly what the pages accept.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from hzdigital.accounts.access import require
from hzdigital.accounts.conflicts import SavedMeanwhile
from hzdigital.accounts.models import OrgUnit
from hzdigital.api.messages import INVALID_INPUT
from hzdigital.api.reads import Detail, Unprocessable
from hzdigital.api.supervision import Invalid, MemberSession, ReviewIn, saved_meanwhile
from hzdigital.plan import selectors as plan_selectors
from hzdigital.talent import access, selectors, services
from hzdigital.talent.metrics import FIRST_YEAR, LAST_YEAR, METRICS
from hzdigital.talent.models import TalentFigure

router = Router(tags=["talent"])
DIVISION_PATTERN = r"^\d{6}$"


class MetricOut(Schema):
    key: str
    name_zh: str
    name_en: str
    unit_zh: str  # the unit of the count: 人, 人次, 个, 家
    unit_en: str
    stock: bool  # counted at year end (True) or summed over the year


class ProgrammeOut(Schema):
    slug: str
    name_zh: str
    name_en: str
    quote_zh: str  # the plan's words
    metrics: list[MetricOut]


class DirectionOut(Schema):
    slug: str
    name_zh: str
    name_en: str
    text_zh: str
    programmes: list[ProgrammeOut]


class FigureOut(Schema):
    id: int
    division_code: str
    unit_name_zh: str
    programme: str  # plan.TalentProgramme slug
    metric: str
    unit_zh: str  # the unit of the count
    year: int
    value: int
    review: str  # draft | submitted | accepted | returned
    return_reason: str
    demo: bool  # invented for the demo: never cite it


class FigureQuery(Schema):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    division_code: str | None = Field(None, pattern=DIVISION_PATTERN)
    programme: str | None = Field(None, max_length=50)
    metric: str | None = Field(None, max_length=24)


class PointOut(Schema):
    year: int
    expected: float | None
    actual: float | None
    status: str  # on_track | ahead | behind | before_baseline | no_actual
    gap: float | None  # actual − expected, in the metric's unit
    demo: bool


class TargetOut(Schema):
    id: int
    programme: str
    metric: str
    division_code: str  # 330100 = the city (sum over districts)
    baseline_year: int
    baseline_value: float | None  # stated, or the accepted figure of the baseline year
    target_year: int
    target_value: float | None  # stated, or baseline × baseline_multiple
    baseline_multiple: float | None
    path_kind: str
    comparison: str
    source: str
    demo: bool
    problem: str  # why the target cannot be computed yet ("" when it can)
    points: list[PointOut]


class FigureIn(Schema):
    division_code: str = Field(pattern=DIVISION_PATTERN)
    programme: str
    metric: str
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    value: int = Field(ge=0, le=10_000_000)
    note: str = ""


class SubmitIn(Schema):
    division_code: str = Field(pattern=DIVISION_PATTERN)
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)


def _figure(figure: TalentFigure) -> dict[str, Any]:
    return {
        "id": figure.pk,
        "division_code": figure.unit.division_code,
        "unit_name_zh": figure.unit.name_zh,
        "programme": figure.programme_slug,
        "metric": figure.metric,
        "unit_zh": METRICS[figure.metric].unit_zh,
        "year": figure.year,
        "value": figure.value,
        "review": figure.review,
        "return_reason": figure.return_reason,
        "demo": figure.is_demo,
    }


def _invalid(error: ValidationError) -> Status:
    errors = {k: list(v) for k, v in error.message_dict.items()}
    return Status(400, {"detail": INVALID_INPUT, "errors": errors})


@router.get("/talent/directions", response={200: list[DirectionOut], 503: Detail})
def directions(request: HttpRequest):
    """The four directions of 专栏12 with the plan's programmes and the metrics each reports."""
    try:
        plan = plan_selectors.plan_as_dict()
    except plan_selectors.NoActivePlanEdition:
        return Status(503, {"detail": plan_selectors.NO_ACTIVE_EDITION})
    programmes = selectors.programmes_by_slug(plan)
    return [
        {**d, "programmes": [programmes[p["slug"]] for p in d["programmes"]]}
        for d in plan["talent_directions"]
    ]


@router.get("/talent/figures", response={200: list[FigureOut], 422: Unprocessable})
def figures(request: HttpRequest, filters: Query[FigureQuery]):
    """Yearly figures the user may see (the public: accepted ones), filtered."""
    rows = access.figures_visible_to(request.user)
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    if filters.division_code:
        rows = rows.filter(unit__division_code=filters.division_code)
    if filters.programme:
        rows = rows.filter(programme_slug=filters.programme)
    if filters.metric:
        rows = rows.filter(metric=filters.metric)
    return [_figure(f) for f in rows.order_by("year", "unit__order", "programme_slug", "metric")]


@router.get("/talent/targets", response={200: list[TargetOut]})
def targets(request: HttpRequest):
    """Every talent target with its path and each year's status (accepted figures only)."""
    answer = []
    for view in selectors.target_views():
        target, resolved = view.target, view.resolved
        answer.append({
            "id": target.pk, "programme": target.programme_slug, "metric": target.metric,
            "division_code": target.division_code, "baseline_year": target.baseline_year,
            "baseline_value": resolved.baseline_value if resolved else target.baseline_value,
            "target_year": target.target_year,
            "target_value": resolved.target_value if resolved else target.target_value,
            "baseline_multiple": target.baseline_multiple, "path_kind": target.path_kind,
            "comparison": target.comparison, "source": target.source, "demo": target.is_demo,
            "problem": view.problem,
            "points": [
                {"year": p.year, "expected": p.expected,
                 "actual": p.actual.value if p.actual else None, "status": p.status,
                 "gap": p.gap, "demo": bool(p.actual and p.actual.synthetic)}
                for p in view.points
            ],
        })  # fmt: skip
    return answer


def _district(code: str) -> OrgUnit:
    return get_object_or_404(OrgUnit, kind=OrgUnit.Kind.DISTRICT, division_code=code)


WRITE_ERRORS = {400: Invalid, 401: Detail, 403: Detail, 404: Detail, 422: Unprocessable}


@router.post(
    "/talent/figures",
    response={200: FigureOut, **WRITE_ERRORS, 409: Invalid},
    auth=MemberSession(),
)
def figure_save(request: HttpRequest, payload: FigureIn):
    """Enter or change a draft figure (a district officer for its own district; the office
    for any). A submitted or accepted figure cannot be changed. 409 when the same figure was
    saved by someone else (a page, an upload) at the same moment: read it again and retry."""
    unit = _district(payload.division_code)
    require(access.may_report_for(request.user, unit))
    try:
        saved = services.figure_save(
            by=request.user, unit=unit, programme_slug=payload.programme,
            metric=payload.metric, year=payload.year, value=payload.value, note=payload.note,
        )  # fmt: skip
    except SavedMeanwhile as error:
        return saved_meanwhile(error)
    except ValidationError as error:
        return _invalid(error)
    return _figure(saved.figure)


@router.post(
    "/talent/figures/submit", response={200: list[FigureOut], **WRITE_ERRORS}, auth=MemberSession()
)
def figures_submit(request: HttpRequest, payload: SubmitIn):
    """Submit the district's drafts and corrected returns of a year for the office's review."""
    unit = _district(payload.division_code)
    require(access.may_report_for(request.user, unit))
    try:
        submitted = services.figures_submit(by=request.user, unit=unit, year=payload.year)
    except ValidationError as error:
        return _invalid(error)
    return [_figure(f) for f in submitted]


@router.post(
    "/talent/figures/{figure_id}/review",
    response={200: FigureOut, **WRITE_ERRORS},
    auth=MemberSession(),
)
def figure_review(request: HttpRequest, figure_id: int, payload: ReviewIn):
    """Accept a submitted figure, or return it with a reason (the office only)."""
    figure = get_object_or_404(TalentFigure, pk=figure_id)
    require(access.figures_visible_to(request.user).filter(pk=figure.pk).exists())
    require(access.may_review(request.user))
    try:
        (reviewed,) = services.figures_review(
            by=request.user, figures=[figure], decision=payload.decision, reason=payload.reason
        )
    except ValidationError as error:
        return _invalid(error)
    return _figure(reviewed)
