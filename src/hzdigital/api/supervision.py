"""Supervision over the API: the tasks a user may see with their computed status, one task
with its milestones and reports, report submission and the office's review.

Signed-in users only (session auth; writes need the CSRF token as django-ninja checks it),
like the pages. Who sees and writes what is decided by ``supervision.access`` and the
services, never here: the pages' form classes validate the input, so the API accepts exactly
what the pages accept.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import SessionAuth

from hzdigital.accounts.access import require, role_of
from hzdigital.accounts.conflicts import SAVED_MEANWHILE, SavedMeanwhile
from hzdigital.api.messages import CSRF_FAILED, INVALID_INPUT
from hzdigital.api.reads import Detail, Unprocessable
from hzdigital.supervision import access, selectors, services
from hzdigital.supervision.forms import ReportForm, ReviewForm
from hzdigital.supervision.models import ProgressReport, Task
from hzdigital.supervision.selectors import TaskRow


class MemberSession(SessionAuth):
    """The site's session; a write without the CSRF token is refused with our bilingual words
    (ninja raises its own English ``HttpError`` there, and only there)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        try:
            return super()._get_key(request)
        except HttpError as error:
            raise HttpError(403, CSRF_FAILED) from error


router = Router(auth=MemberSession(), tags=["supervision"])


class UnitOut(Schema):
    slug: str
    name_zh: str


class WorkPointOut(Schema):
    id: int
    year: int
    ident: str
    title_zh: str


class TaskOut(Schema):
    id: int
    title_zh: str
    title_en: str
    work_point: WorkPointOut
    lead_unit: UnitOut
    co_units: list[UnitOut]
    start: date
    deadline: date
    target_value: float | None
    target_unit: str
    target_text: str
    status: str  # not_started | on_schedule | behind | overdue | done, computed on read
    status_zh: str
    status_en: str
    light: str  # traffic-light colour of the status
    expected_percent: float  # 序时进度 today, 0-100
    accepted_percent: float  # latest accepted progress, 0-100
    days_left: int  # negative once overdue
    can_report: bool  # whether this user may submit a progress report


class MilestoneOut(Schema):
    year: int
    quarter: int
    text_zh: str
    target_percent: int


class AttachmentOut(Schema):
    id: int
    name: str
    size_bytes: int


class ReportOut(Schema):
    id: int
    task_id: int
    period: str
    percent: float
    text: str
    review: str  # submitted | accepted | returned
    return_reason: str
    submitted_by: str
    submitted_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    attachments: list[AttachmentOut]


class TaskDetailOut(TaskOut):
    can_review: bool
    milestones: list[MilestoneOut]
    reports: list[ReportOut]


class ReviewIn(Schema):
    decision: str  # accepted | returned
    reason: str = ""


class Invalid(Schema):
    """Refused input: ``errors`` maps each field to its messages (bilingual, from the rules)."""

    detail: str
    errors: dict[str, list[str]]


def _unit(unit) -> dict[str, str]:
    return {"slug": unit.slug, "name_zh": unit.name_zh}


def _task(row: TaskRow, user) -> dict:
    task, result = row.task, row.result
    point = task.work_point
    return {
        "id": task.pk,
        "title_zh": task.title_zh,
        "title_en": task.title_en,
        "work_point": {
            "id": point.pk,
            "year": point.year,
            "ident": point.ident,
            "title_zh": point.title_zh,
        },
        "lead_unit": _unit(task.lead_unit),
        "co_units": [_unit(u) for u in task.co_units.all()],
        "start": task.start,
        "deadline": task.deadline,
        "target_value": None if task.target_value is None else float(task.target_value),
        "target_unit": task.target_unit,
        "target_text": task.target_text,
        "status": row.status.value,
        "status_zh": row.label_zh,
        "status_en": row.label_en,
        "light": row.status.light,
        "expected_percent": float(result.expected_percent),
        "accepted_percent": float(result.accepted_percent),
        "days_left": result.days_left,
        "can_report": access.may_report_on(user, task),
    }


def _report(report: ProgressReport) -> dict:
    return {
        "id": report.pk,
        "task_id": report.task_id,
        "period": report.period,
        "percent": float(report.percent),
        "text": report.text,
        "review": report.review,
        "return_reason": report.return_reason,
        "submitted_by": report.submitted_by.get_username(),
        "submitted_at": report.submitted_at,
        "reviewed_by": report.reviewed_by.get_username() if report.reviewed_by else None,
        "reviewed_at": report.reviewed_at,
        "attachments": [
            {"id": a.pk, "name": a.original_name, "size_bytes": a.size_bytes}
            for a in report.attachments.all()
        ],
    }


def _task_detail(task: Task, user) -> dict:
    (row,) = selectors.task_rows([task])
    reports = task.reports.select_related("submitted_by", "reviewed_by").prefetch_related(
        "attachments"
    )
    return _task(row, user) | {
        "can_review": access.may_review(user),
        "milestones": list(task.milestones.values("year", "quarter", "text_zh", "target_percent")),
        "reports": [_report(r) for r in reports],
    }


def _invalid(errors: dict[str, list[str]]) -> Status:
    return Status(400, {"detail": INVALID_INPUT, "errors": {k: list(v) for k, v in errors.items()}})


def saved_meanwhile(error: SavedMeanwhile) -> Status:
    """409: the record's key was saved by another writer at the same moment; reload and retry."""
    errors = {k: list(v) for k, v in error.message_dict.items()}
    return Status(409, {"detail": SAVED_MEANWHILE.render(), "errors": errors})


@router.get("/tasks", response={200: list[TaskOut], 401: Detail, 403: Detail})
def task_list(request: HttpRequest):
    """The tasks the user may see (all for the office and auditors, else the unit's own or
    shared), each with its status computed today; the workspace page's list."""
    role = role_of(request.user)
    require(role.sees_own_unit or role.sees_all_units)
    tasks = access.tasks_visible_to(request.user).prefetch_related("co_units")
    return [_task(row, request.user) for row in selectors.task_rows(tasks)]


@router.get(
    "/tasks/{task_id}",
    response={200: TaskDetailOut, 401: Detail, 403: Detail, 404: Detail, 422: Unprocessable},
)
def task_detail(request: HttpRequest, task_id: int):
    """One task: status, milestones and its reports with their review state."""
    task, _ = access.get_task_for_user(request.user, task_id)
    return _task_detail(task, request.user)


@router.post(
    "/tasks/{task_id}/reports",
    response={
        201: ReportOut,
        400: Invalid,
        401: Detail,
        403: Detail,
        404: Detail,
        422: Unprocessable,
    },
)
def report_submit(
    request: HttpRequest,
    task_id: int,
    period: Form[str],
    percent: Form[str],
    text: Form[str],
    attachments: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    """Submit a progress report (multipart form: period like 2024Q2 among the current and
    three previous quarters, percent 0-100, text, optional evidence files ``attachments``).
    Only the task's lead unit (and the city office) may report; one report per period awaits
    review at a time."""
    task, can_report = access.get_task_for_user(request.user, task_id)
    require(can_report)
    form = ReportForm(
        {"period": period, "percent": percent, "text": text},
        request.FILES,
        today=selectors.today(),
    )
    if not form.is_valid():
        return _invalid(form.errors)
    try:
        report = form.submit(by=request.user, task=task)
    except ValidationError as error:
        return _invalid(error.message_dict)
    return Status(201, _report(report))


@router.post(
    "/reports/{report_id}/review",
    response={
        200: ReportOut,
        400: Invalid,
        401: Detail,
        403: Detail,
        404: Detail,
        422: Unprocessable,
    },
)
def report_review(request: HttpRequest, report_id: int, payload: ReviewIn):
    """Accept a submitted report, or return it with a reason (JSON body). The office only."""
    report, can_review = access.get_report_for_user(request.user, report_id)
    require(can_review)
    form = ReviewForm({"decision": payload.decision, "reason": payload.reason})
    if not form.is_valid():
        return _invalid(form.errors)
    try:
        reviewed = services.report_review(
            by=request.user,
            report=report,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        return _invalid(error.message_dict)
    return _report(reviewed)
