"""The rest of supervision over the API: what the pages let people write (work points and
their tasks, 实施方案, notices read) and the reads that go with them.

Same session auth and CSRF rule as ``api.supervision``. Who sees and writes what is decided by
``supervision.access`` and the services, never here; the pages' form classes check what an
input can be, so the API accepts exactly what the pages accept. A refusal by the rules is 400
with ``errors`` per field; a refusal because of the object's state (a plan under review, a
number already taken, a key saved by someone else at the same moment) is 409 with the same
shape.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from hzdigital.accounts.access import require, role_of, unit_of
from hzdigital.accounts.conflicts import SAVED_MEANWHILE
from hzdigital.accounts.models import OrgUnit
from hzdigital.api.messages import INVALID_INPUT
from hzdigital.api.reads import Detail, Unprocessable
from hzdigital.api.supervision import Invalid, MemberSession, ReviewIn
from hzdigital.api.supervision_write_schemas import (
    MarkedOut,
    NoticeFilter,
    NoticeOut,
    PlanIn,
    PlanOut,
    PublishIn,
    TaskBriefOut,
    TaskIn,
    WorkPointDetailOut,
    WorkPointIn,
    WorkPointRowOut,
)
from hzdigital.lib.messages import Message
from hzdigital.supervision import access, services
from hzdigital.supervision.forms import (
    ImplementationPlanForm,
    MilestoneForm,
    ReviewForm,
    TaskForm,
    WorkPointForm,
)
from hzdigital.supervision.models import IDENT_TAKEN, ImplementationPlan, Notice, Task, WorkPoint

router = Router(auth=MemberSession(), tags=["supervision"])

CONFLICT = Message(
    "与对象的当前状态冲突,见 errors", "Conflicts with the object's current state: see errors"
).render()
UNKNOWN_UNIT = Message("没有标识为 {slug} 的单位", "No unit has the slug {slug}")
OTHER_POINT = Message("该任务不属于这个工作要点", "The task does not belong to this work point")
# The services' messages that say "not now, given the object's state" rather than "wrong input".
CONFLICTS = frozenset(
    {
        services.PLAN_AWAITING_REVIEW,
        services.PLAN_NOT_SUBMITTABLE,
        services.PLAN_NOT_AWAITING_REVIEW,
        IDENT_TAKEN,
    }
)
WRITE = {400: Invalid, 401: Detail, 403: Detail, 404: Detail, 409: Invalid, 422: Unprocessable}
READ = {401: Detail, 403: Detail, 404: Detail, 422: Unprocessable}


def _refused(errors: dict[str, list[str]]) -> Status:
    plain = {field: [str(m) for m in problems] for field, problems in errors.items()}
    saved_meanwhile = SAVED_MEANWHILE.render()
    if any(saved_meanwhile in problems for problems in plain.values()):
        return Status(409, {"detail": saved_meanwhile, "errors": plain})
    conflict = any(m in CONFLICTS for problems in plain.values() for m in problems)
    if conflict:
        return Status(409, {"detail": CONFLICT, "errors": plain})
    return Status(400, {"detail": INVALID_INPUT, "errors": plain})


def _unit(unit: OrgUnit) -> dict[str, str]:
    return {"slug": unit.slug, "name_zh": unit.name_zh}


def _point(point: WorkPoint, user) -> dict:
    return {
        "id": point.pk, "year": point.year, "ident": point.ident,
        "title_zh": point.title_zh, "title_en": point.title_en,
        "measure_id": point.measure_id,
        "measure_ident": point.measure.ident if point.measure else None,
        "indicator_key": point.indicator_key, "published": point.published,
        "demo": point.is_demo, "can_manage": access.may_manage_work_points(user),
    }  # fmt: skip


def _task(task: Task) -> dict:
    fields = ("year", "quarter", "text_zh", "target_percent")
    return {
        "id": task.pk, "title_zh": task.title_zh, "lead_unit": _unit(task.lead_unit),
        "co_units": [_unit(u) for u in task.co_units.all()],
        "start": task.start, "deadline": task.deadline,
        "target_value": None if task.target_value is None else float(task.target_value),
        "target_unit": task.target_unit, "target_text": task.target_text,
        "milestones": list(task.milestones.values(*fields)), "demo": task.is_demo,
    }  # fmt: skip


def _point_detail(point: WorkPoint, user) -> dict:
    tasks = access.tasks_visible_to(user).filter(work_point=point).prefetch_related("co_units")
    return _point(point, user) | {"tasks": [_task(t) for t in tasks.order_by("pk")]}


def _plan(plan: ImplementationPlan, user) -> dict:
    return {
        "id": plan.pk, "year": plan.year, "unit": _unit(plan.unit),
        "title_zh": plan.title_zh, "summary_zh": plan.summary_zh,
        "work_points": sorted(p.pk for p in plan.work_points.all()),
        "state": plan.state, "state_label": plan.get_state_display(),
        "return_reason": plan.return_reason,
        "reviewed_by": plan.reviewed_by.get_username() if plan.reviewed_by else None,
        "reviewed_at": plan.reviewed_at, "demo": plan.is_demo,
        "can_write": access.may_write_plan_of(user, plan.unit),
        "can_review": access.may_review(user),
    }  # fmt: skip


def _managed_point(request: HttpRequest, point_id: int) -> WorkPoint:
    point, can_manage = access.get_work_point_for_user(request.user, point_id)
    require(can_manage)
    return point


# ---- work points ---------------------------------------------------------------------------


@router.get("/work-points", response={200: list[WorkPointRowOut], **READ}, auth=None)
def work_point_list(request: HttpRequest, year: int | None = None):
    """The work points the user may see: all for the office and auditors, a unit's own and the
    published ones for officers, the published ones for everyone else (no sign-in needed)."""
    points = access.work_points_visible_to(request.user)
    if year is not None:
        points = points.filter(year=year)
    return [_point(p, request.user) for p in points]


@router.get("/work-points/{point_id}", response={200: WorkPointDetailOut, **READ}, auth=None)
def work_point_detail(request: HttpRequest, point_id: int):
    """One work point with the tasks of it the user may see."""
    point, _ = access.get_work_point_for_user(request.user, point_id)
    return _point_detail(point, request.user)


def _point_values(payload: WorkPointIn) -> WorkPointForm:
    data = payload.dict()
    data["measure"] = data.pop("measure_id") or ""
    return WorkPointForm(data)


@router.post("/work-points", response={201: WorkPointDetailOut, **WRITE})
def work_point_create(request: HttpRequest, payload: WorkPointIn):
    """A new (unpublished) work point of the year. The city office only."""
    require(access.may_manage_work_points(request.user))
    form = _point_values(payload)
    if not form.is_valid():
        return _refused(form.errors)
    try:
        point = services.work_point_create(by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused(error.message_dict)
    return Status(201, _point_detail(point, request.user))


@router.put("/work-points/{point_id}", response={200: WorkPointDetailOut, **WRITE})
def work_point_update(request: HttpRequest, point_id: int, payload: WorkPointIn):
    """Change a work point's wording or links (publishing is its own step). The office only."""
    point = _managed_point(request, point_id)
    form = _point_values(payload)
    if not form.is_valid():
        return _refused(form.errors)
    try:
        services.work_point_update(by=request.user, point=point, **form.cleaned_data)
    except ValidationError as error:
        return _refused(error.message_dict)
    return _point_detail(point, request.user)


@router.post("/work-points/{point_id}/publish", response={200: WorkPointDetailOut, **WRITE})
def work_point_publish(request: HttpRequest, point_id: int, payload: PublishIn):
    """Publish the point to the public (``{"published": true}``) or withdraw it (false)."""
    point = _managed_point(request, point_id)
    services.work_point_publish(by=request.user, point=point, published=payload.published)
    return _point_detail(point, request.user)


# ---- tasks ---------------------------------------------------------------------------------


def _task_forms(payload: TaskIn) -> tuple[TaskForm, list[MilestoneForm], dict[str, list[str]]]:
    """The page's task form and one milestone form per row, with unit slugs turned into the
    ids the forms choose from; ``errors`` holds what the forms never see (unknown slugs)."""
    slugs = [payload.lead_unit, *payload.co_units]
    ids = dict(OrgUnit.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    errors: dict[str, list[str]] = {}
    for field, wanted in (("lead_unit", [payload.lead_unit]), ("co_units", payload.co_units)):
        unknown = [UNKNOWN_UNIT.render(slug=s) for s in wanted if s not in ids]
        if unknown:
            errors[field] = unknown
    data = payload.dict(exclude={"milestones"})
    data["lead_unit"] = ids.get(payload.lead_unit, "")
    data["co_units"] = [ids[s] for s in payload.co_units if s in ids]
    data["target_value"] = "" if payload.target_value is None else str(payload.target_value)
    milestones = [MilestoneForm(m.dict()) for m in payload.milestones]
    return TaskForm(data), milestones, errors


def _save_task(request: HttpRequest, payload: TaskIn, **target) -> Task | Status:
    form, milestones, errors = _task_forms(payload)
    if not form.is_valid():
        errors = dict(form.errors) | errors
    for index, row in enumerate(milestones):
        if not row.is_valid():
            errors |= {f"milestones[{index}].{k}": v for k, v in row.errors.items()}
    if errors:
        return _refused(errors)
    values = {**form.cleaned_data, "milestones": [row.spec() for row in milestones]}
    try:
        return services.task_save(
            by=request.user, task=target.get("task"), work_point=target.get("point"), **values
        )
    except ValidationError as error:
        return _refused(error.message_dict)


@router.post("/work-points/{point_id}/tasks", response={201: TaskBriefOut, **WRITE})
def task_create(request: HttpRequest, point_id: int, payload: TaskIn):
    """A task of the work point: lead unit and co-units by slug, dates, target, quarterly
    milestones. The city office only."""
    point = _managed_point(request, point_id)
    saved = _save_task(request, payload, point=point)
    if isinstance(saved, Status):
        return saved
    return Status(201, _task(saved))


@router.put("/work-points/{point_id}/tasks/{task_id}", response={200: TaskBriefOut, **WRITE})
def task_update(request: HttpRequest, point_id: int, task_id: int, payload: TaskIn):
    """Change a task; ``milestones`` replaces all of its milestones. The city office only."""
    point = _managed_point(request, point_id)
    task, _ = access.get_task_for_user(request.user, task_id)
    if task.work_point_id != point.pk:
        raise Http404(OTHER_POINT.render())
    saved = _save_task(request, payload, task=task)
    if isinstance(saved, Status):
        task.refresh_from_db()
        return saved
    return _task(saved)


# ---- implementation plans (实施方案) -------------------------------------------------------


@router.get("/implementation-plans", response={200: list[PlanOut], **READ})
def plan_list(request: HttpRequest, year: int | None = None):
    """The 实施方案 the user may see: every unit's for the office and auditors, the own unit's
    for department and district officers."""
    role = role_of(request.user)
    require(role.sees_all_units or role.writes_implementation_plans)
    plans = ImplementationPlan.objects.select_related("unit", "reviewed_by")
    if not role.sees_all_units:
        plans = plans.filter(unit=unit_of(request.user))
    if year is not None:
        plans = plans.filter(year=year)
    return [_plan(p, request.user) for p in plans.prefetch_related("work_points")]


@router.get("/implementation-plans/{plan_id}", response={200: PlanOut, **READ})
def plan_detail(request: HttpRequest, plan_id: int):
    plan, _ = access.get_plan_for_user(request.user, plan_id)
    return _plan(plan, request.user)


@router.put("/implementation-plans/{year}/units/{unit_slug}", response={200: PlanOut, **WRITE})
def plan_save(request: HttpRequest, year: int, unit_slug: str, payload: PlanIn):
    """Write the unit's plan of the year, creating it on first save; a saved plan is a draft
    (again). The unit's officers and the city office; not while it awaits review (409)."""
    unit = get_object_or_404(OrgUnit, slug=unit_slug)
    require(access.may_write_plan_of(request.user, unit))
    points = access.work_points_visible_to(request.user).filter(year=year)
    data = {"title_zh": payload.title_zh, "summary_zh": payload.summary_zh}
    form = ImplementationPlanForm(
        data | {"work_points": payload.work_point_ids}, work_points=points
    )
    if not form.is_valid():
        return _refused(form.errors)
    try:
        plan = services.implementation_plan_save(
            by=request.user, unit=unit, year=year, **form.cleaned_data
        )
    except ValidationError as error:
        return _refused(error.message_dict)
    return _plan(plan, request.user)


@router.post("/implementation-plans/{plan_id}/submit", response={200: PlanOut, **WRITE})
def plan_submit(request: HttpRequest, plan_id: int):
    """Hand a draft or returned plan to the office for review (409 in any other state)."""
    plan, can_write = access.get_plan_for_user(request.user, plan_id)
    require(can_write)
    try:
        plan = services.implementation_plan_submit(by=request.user, plan=plan)
    except ValidationError as error:
        return _refused(error.message_dict)
    return _plan(plan, request.user)


@router.post("/implementation-plans/{plan_id}/review", response={200: PlanOut, **WRITE})
def plan_review(request: HttpRequest, plan_id: int, payload: ReviewIn):
    """Accept a submitted plan, or return it with a reason (JSON body). The office only."""
    plan, _ = access.get_plan_for_user(request.user, plan_id)
    require(access.may_review(request.user))
    form = ReviewForm({"decision": payload.decision, "reason": payload.reason})
    if not form.is_valid():
        return _refused(form.errors)
    try:
        plan = services.implementation_plan_review(by=request.user, plan=plan, **form.cleaned_data)
    except ValidationError as error:
        return _refused(error.message_dict)
    return _plan(plan, request.user)


# ---- notices -------------------------------------------------------------------------------


@router.get("/notices", response={200: list[NoticeOut], **READ})
def notice_list(request: HttpRequest, filters: Query[NoticeFilter]):
    """The user's own reminders, newest first; nobody sees another's."""
    notices = Notice.objects.filter(recipient=request.user)
    if filters.unread:
        notices = notices.filter(read_at=None)
    return [_notice(n) for n in notices]


def _notice(notice: Notice) -> dict:
    return {
        "id": notice.pk, "task_id": notice.task_id, "kind": notice.kind, "day": notice.day,
        "message": notice.message, "read_at": notice.read_at,
    }  # fmt: skip


@router.post("/notices/{notice_id}/read", response={200: NoticeOut, **WRITE})
def notice_read(request: HttpRequest, notice_id: int):
    """Mark one of the user's notices read (someone else's is refused, 403)."""
    notice = access.get_notice_for_user(request.user, notice_id)
    return _notice(services.notice_mark_read(by=request.user, notice=notice))


@router.post("/notices/read-all", response={200: MarkedOut, **WRITE})
def notices_read_all(request: HttpRequest):
    """Mark every unread notice of the user read; how many were marked."""
    return {"marked": services.notices_mark_all_read(by=request.user)}
