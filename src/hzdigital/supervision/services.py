"""Writes of supervision: plain functions ``<entity>_<verb>`` with keyword-only arguments.

Each runs in one transaction, checks the actor's right with ``access`` (so every caller, page,
API, CLI or seed, obeys the same rules), calls ``full_clean`` before saving and records the
actor as the author of the history row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hzdigital.accounts.access import require
from hzdigital.accounts.conflicts import refused_if_saved_meanwhile
from hzdigital.accounts.history import save_as
from hzdigital.accounts.models import OrgUnit
from hzdigital.plan.models import Measure
from hzdigital.supervision import access
from hzdigital.supervision.attachments import MAX_ATTACHMENTS, TOO_MANY, attachment_problem
from hzdigital.supervision.models import (
    Attachment,
    ImplementationPlan,
    Milestone,
    Notice,
    ProgressReport,
    Task,
    WorkPoint,
)

PENDING_REPORT_EXISTS = (
    "该任务本期({period})已有待审核的报告 / A report for {period} is already awaiting review"
)
NOT_AWAITING_REVIEW = "该报告已审核,不能再次审核 / This report has already been reviewed"
UNKNOWN_DECISION = "审核结论只能是采纳或退回 / The decision must be accept or return"
PLAN_NOT_SUBMITTABLE = (
    "只有草稿或已退回的实施方案可以提交 / Only a draft or returned plan can be submitted"
)
PLAN_AWAITING_REVIEW = (
    "实施方案正在审核中,审核后才能修改 / The plan is under review; edit it after the review"
)
PLAN_NOT_AWAITING_REVIEW = (
    "该实施方案不在待审核状态 / This implementation plan is not awaiting review"
)

Review = ProgressReport.Review
DECISIONS = (Review.ACCEPTED, Review.RETURNED)


@dataclass(frozen=True)
class MilestoneSpec:
    year: int
    quarter: int  # 1-4
    text_zh: str
    target_percent: int  # progress expected by the end of the quarter, 0-100


@transaction.atomic
def work_point_create(
    *,
    by: Any,
    year: int,
    ident: str,
    title_zh: str,
    title_en: str = "",
    measure: Measure | None = None,
    indicator_key: str = "",
    published: bool = False,
    is_demo: bool = False,
) -> WorkPoint:
    require(access.may_manage_work_points(by))
    point = WorkPoint(
        year=year,
        ident=ident,
        title_zh=title_zh,
        title_en=title_en,
        measure=measure,
        indicator_key=indicator_key,
        published=published,
        is_demo=is_demo,
    )
    with refused_if_saved_meanwhile("ident"):
        save_as(point, by)
    return point


@transaction.atomic
def work_point_update(
    *,
    by: Any,
    point: WorkPoint,
    year: int,
    ident: str,
    title_zh: str,
    title_en: str = "",
    measure: Measure | None = None,
    indicator_key: str = "",
) -> WorkPoint:
    """Change a work point's wording or links; publishing is its own step."""
    require(access.may_manage_work_points(by))
    point.year, point.ident, point.measure = year, ident, measure
    point.title_zh, point.title_en, point.indicator_key = title_zh, title_en, indicator_key
    with refused_if_saved_meanwhile("ident"):
        save_as(point, by)
    return point


@transaction.atomic
def work_point_publish(*, by: Any, point: WorkPoint, published: bool = True) -> WorkPoint:
    """Show the point (and its tasks) to the public, or withdraw it."""
    require(access.may_manage_work_points(by))
    if point.published == published:
        return point  # nothing changes, so no history row either
    point.published = published
    save_as(point, by)
    return point


def _set_milestones(task: Task, milestones: Sequence[MilestoneSpec]) -> None:
    for spec in milestones:
        milestone = Milestone(task=task, **spec.__dict__)
        milestone.full_clean()
        milestone.save()


@transaction.atomic
def task_create(
    *,
    by: Any,
    work_point: WorkPoint,
    title_zh: str,
    lead_unit: OrgUnit,
    start: date,
    deadline: date,
    co_units: Iterable[OrgUnit] = (),
    target_value: Decimal | int | None = None,
    target_unit: str = "",
    target_text: str = "",
    milestones: Sequence[MilestoneSpec] = (),
    is_demo: bool = False,
) -> Task:
    require(access.may_manage_work_points(by))
    task = Task(
        work_point=work_point,
        title_zh=title_zh,
        lead_unit=lead_unit,
        start=start,
        deadline=deadline,
        target_value=target_value,
        target_unit=target_unit,
        target_text=target_text,
        is_demo=is_demo,
    )
    with refused_if_saved_meanwhile("title_zh"):
        save_as(task, by)
    task.co_units.set([unit for unit in co_units if unit.pk != lead_unit.pk])
    _set_milestones(task, milestones)
    return task


@transaction.atomic
def task_update(
    *,
    by: Any,
    task: Task,
    title_zh: str,
    lead_unit: OrgUnit,
    start: date,
    deadline: date,
    co_units: Iterable[OrgUnit] = (),
    target_value: Decimal | int | None = None,
    target_unit: str = "",
    target_text: str = "",
    milestones: Sequence[MilestoneSpec] = (),
) -> Task:
    """Change a task; its milestones are replaced by ``milestones`` (the form shows them all)."""
    require(access.may_manage_work_points(by))
    task.title_zh, task.lead_unit, task.start, task.deadline = title_zh, lead_unit, start, deadline
    task.target_value, task.target_unit, task.target_text = target_value, target_unit, target_text
    with refused_if_saved_meanwhile("title_zh"):
        save_as(task, by)
    task.co_units.set([unit for unit in co_units if unit.pk != lead_unit.pk])
    task.milestones.all().delete()
    _set_milestones(task, milestones)
    return task


def task_save(
    *, by: Any, task: Task | None = None, work_point: WorkPoint | None = None, **values: Any
) -> Task:
    """Update ``task``, or create a task of ``work_point``: the one entry the task form and the
    API save through (each of the two runs in one transaction, milestones included)."""
    if task is not None:
        return task_update(by=by, task=task, **values)
    assert work_point is not None, "a new task needs its work point"
    return task_create(by=by, work_point=work_point, **values)


def _check_attachments(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": TOO_MANY.format(limit=MAX_ATTACHMENTS)})
    problems = []
    for upload in files:
        head = upload.read(16)
        upload.seek(0)
        problem = attachment_problem(upload.name or "", upload.size or 0, head)
        if problem:
            problems.append(problem)
    if problems:
        raise ValidationError({"attachments": problems})


@transaction.atomic
def report_submit(
    *,
    by: Any,
    task: Task,
    period: str,
    percent: Decimal | int | float,
    text: str,
    attachments: Sequence[UploadedFile] = (),
    now: datetime | None = None,
    is_demo: bool = False,
) -> ProgressReport:
    """A progress report from the task's lead unit, awaiting the office's review."""
    require(access.may_report_on(by, task))
    # One report per task and period awaits review at a time: the office reviews the latest
    # word of the unit, not a queue of drafts.
    if task.reports.filter(period=period, review=Review.SUBMITTED).exists():
        raise ValidationError({"period": PENDING_REPORT_EXISTS.format(period=period)})
    _check_attachments(attachments)
    report = ProgressReport(
        task=task,
        period=period,
        percent=Decimal(str(percent)),
        text=text,
        review=Review.SUBMITTED,
        submitted_by=by,
        submitted_at=now or timezone.now(),
        is_demo=is_demo,
    )
    save_as(report, by)
    for upload in attachments:
        attachment = Attachment(
            report=report, original_name=upload.name or "", size_bytes=upload.size or 0
        )
        attachment.file.save(upload.name or "attachment", upload, save=False)
        attachment.full_clean()
        attachment.save()
    return report


def record_decision(
    item: Any, state_field: str, decision: str, reason: str, *, by: Any, moment: datetime
) -> None:
    """Write a review's decision on ``item`` (a report, a 实施方案, a talent figure…): accepted,
    or returned with its reason; who decided and when. The caller has checked the decision."""
    setattr(item, state_field, decision)
    item.return_reason = reason.strip() if decision == Review.RETURNED else ""
    item.reviewed_by = by
    item.reviewed_at = moment
    save_as(item, by)


def lock_awaiting_review(
    model: Any, ids: list[Any], *, decision: str, state_field: str, awaiting: str, not_awaiting: str
) -> list[Any]:
    """The rows a review decides on, locked: two reviewers clicking at once must not both
    decide. Refuses an unknown decision, and rows not (or no longer) awaiting review."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    locked = list(model.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if not locked or any(getattr(row, state_field) != awaiting for row in locked):
        raise ValidationError({state_field: not_awaiting})
    return locked


@transaction.atomic
def report_review(
    *,
    by: Any,
    report: ProgressReport,
    decision: str,
    reason: str = "",
    now: datetime | None = None,
) -> ProgressReport:
    """Accept a submitted report, or return it to the unit with a reason."""
    require(access.may_review(by))
    (report,) = lock_awaiting_review(
        ProgressReport,
        [report.pk],
        decision=decision,
        state_field="review",
        awaiting=Review.SUBMITTED,
        not_awaiting=NOT_AWAITING_REVIEW,
    )
    record_decision(report, "review", decision, reason, by=by, moment=now or timezone.now())
    return report


@transaction.atomic
def implementation_plan_save(
    *,
    by: Any,
    unit: OrgUnit,
    year: int,
    title_zh: str,
    work_points: Iterable[WorkPoint],
    summary_zh: str = "",
    is_demo: bool = False,
) -> ImplementationPlan:
    """Create or update the unit's 实施方案 of the year.

    A changed plan is a draft again: what the office accepted is not what it says now. A plan
    awaiting review stays as submitted, so the office reviews what it was sent.
    """
    require(access.may_write_plan_of(by, unit))
    plan = ImplementationPlan.objects.filter(unit=unit, year=year).first()
    plan = plan or ImplementationPlan(unit=unit, year=year)
    if not plan.is_editable:
        raise ValidationError({"state": PLAN_AWAITING_REVIEW})
    plan.state = ImplementationPlan.State.DRAFT
    plan.title_zh = title_zh
    plan.summary_zh = summary_zh
    plan.is_demo = is_demo
    with refused_if_saved_meanwhile("title_zh"):  # the unit's plan of the year, made meanwhile
        save_as(plan, by)
    plan.work_points.set(list(work_points))
    return plan


@transaction.atomic
def implementation_plan_submit(*, by: Any, plan: ImplementationPlan) -> ImplementationPlan:
    """The unit hands its 实施方案 to the office for review."""
    require(access.may_write_plan_of(by, plan.unit))
    if not plan.is_submittable:
        raise ValidationError({"state": PLAN_NOT_SUBMITTABLE})
    plan.state = ImplementationPlan.State.SUBMITTED
    save_as(plan, by)
    return plan


@transaction.atomic
def implementation_plan_review(
    *,
    by: Any,
    plan: ImplementationPlan,
    decision: str,
    reason: str = "",
    now: datetime | None = None,
) -> ImplementationPlan:
    """Accept a submitted 实施方案, or return it to the unit with a reason."""
    require(access.may_review(by))
    (plan,) = lock_awaiting_review(
        ImplementationPlan,
        [plan.pk],
        decision=decision,
        state_field="state",
        awaiting=ImplementationPlan.State.SUBMITTED,
        not_awaiting=PLAN_NOT_AWAITING_REVIEW,
    )
    # The plan's states share the report's decision values.
    record_decision(plan, "state", decision, reason, by=by, moment=now or timezone.now())
    return plan


def notice_mark_read(*, by: Any, notice: Notice, now: datetime | None = None) -> Notice:
    """Mark one of the user's own notices read (a notice already read keeps its first time)."""
    require(access.is_recipient(by, notice))
    if notice.read_at is None:
        notice.read_at = now or timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notices_mark_all_read(*, by: Any, now: datetime | None = None) -> int:
    """Mark every unread notice of the user read; the number marked."""
    return Notice.objects.filter(recipient=by, read_at=None).update(read_at=now or timezone.now())
