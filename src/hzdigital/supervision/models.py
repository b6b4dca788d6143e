"""The supervision machinery of section 4: work points, tasks, progress reports, 实施方案.

Status is never stored: ``supervision.status.task_status`` computes it from the dates and the
latest accepted report (see ``selectors.task_rows``). The review state of a report is a
workflow state set only by ``services.report_submit`` / ``services.report_review``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from hzdigital.accounts.models import OrgUnit
from hzdigital.plan.models import Measure

PERIOD_PATTERN = re.compile(r"^(20\d\d)Q([1-4])$")
BAD_PERIOD = "报告期应写作 2023Q2 这样的年份加季度 / Period must look like 2023Q2"
DEADLINE_BEFORE_START = "截止日期早于开始日期 / The deadline is before the start"
MILESTONE_QUARTER_OUTSIDE = (
    "里程碑季度不在任务期内 / The milestone's quarter is outside the task's dates"
)
RETURN_NEEDS_REASON = "退回必须说明理由 / A returned report needs a reason"
IDENT_TAKEN = "该年度已有同一编号的工作要点 / The year already has a work point with this number"
MILESTONE_QUARTER_TAKEN = "同一季度只能有一个里程碑 / A task has at most one milestone per quarter"
TASK_TAKEN = (
    "该工作要点已有同名且同一牵头单位的任务 / "
    "The work point already has a task of this title with this lead unit"
)


class WorkPoint(models.Model):
    """A point of the year's 数字经济工作要点, serving a plan measure and an indicator."""

    year = models.PositiveSmallIntegerField()
    ident = models.CharField(max_length=12, help_text="Number within the year, e.g. 3")
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=300, blank=True)
    # PROTECT is not used: plan reloads keep measure keys stable (plan.services), and a
    # measure the plan drops should not block the reload, only unlink the point.
    measure = models.ForeignKey(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_points"
    )
    indicator_key = models.CharField(
        max_length=60, blank=True, help_text="Indicator the point moves (e.g. core_value_added)"
    )
    published = models.BooleanField(default=False, help_text="Visible to the public")
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作要点 work point"
        verbose_name_plural = "工作要点 work points"
        ordering = ["-year", "ident"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "ident"],
                name="work_point_ident_once",
                violation_error_message=IDENT_TAKEN,
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.ident} {self.title_zh}"


class Task(models.Model):
    """One task of a work point, with a lead unit, dates and a measurable target."""

    work_point = models.ForeignKey(WorkPoint, on_delete=models.CASCADE, related_name="tasks")
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=300, blank=True)
    lead_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="led_tasks")
    co_units = models.ManyToManyField(OrgUnit, blank=True, related_name="shared_tasks")
    start = models.DateField()
    deadline = models.DateField()
    target_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(max_length=20, blank=True, help_text="e.g. 家, 亿元, 个")
    target_text = models.CharField(max_length=300, blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords(m2m_fields=[co_units])

    class Meta:
        verbose_name = "任务 task"
        verbose_name_plural = "任务 tasks"
        ordering = ["deadline", "pk"]
        # The Excel upload's stable key: two uploads at once must not both create the task.
        constraints = [
            models.UniqueConstraint(
                fields=["work_point", "title_zh", "lead_unit"],
                name="task_title_once_per_lead",
                violation_error_message=TASK_TAKEN,
            )
        ]

    def __str__(self) -> str:
        return self.title_zh

    def clean(self) -> None:
        if self.start and self.deadline and self.deadline < self.start:
            raise ValidationError({"deadline": DEADLINE_BEFORE_START})


class Milestone(models.Model):
    """A quarterly milestone of a task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    text_zh = models.CharField(max_length=300)
    target_percent = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(100)], help_text="Progress expected by the quarter's end"
    )

    class Meta:
        verbose_name = "季度里程碑 milestone"
        verbose_name_plural = "季度里程碑 milestones"
        ordering = ["task", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "year", "quarter"],
                name="milestone_quarter_once",
                violation_error_message=MILESTONE_QUARTER_TAKEN,
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} {self.text_zh}"

    def clean(self) -> None:
        # A milestone outside the task's dates could never be checked against a report.
        if not (self.task_id and self.year and self.quarter in (1, 2, 3, 4)):
            return
        first_day = date(self.year, 3 * self.quarter - 2, 1)
        last_day = date(self.year, 3 * self.quarter, 1) + timedelta(days=31)
        last_day = last_day.replace(day=1) - timedelta(days=1)
        if last_day < self.task.start or first_day > self.task.deadline:
            raise ValidationError({"quarter": MILESTONE_QUARTER_OUTSIDE})


def validate_period(value: str) -> None:
    if not PERIOD_PATTERN.match(value or ""):
        raise ValidationError(BAD_PERIOD)


class ProgressReport(models.Model):
    """A unit's report on one task for one period; reviewed by the leading-group office."""

    class Review(models.TextChoices):
        SUBMITTED = "submitted", "已提交 submitted"
        ACCEPTED = "accepted", "已采纳 accepted"
        RETURNED = "returned", "已退回 returned"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField(max_length=6, validators=[validate_period], help_text="e.g. 2023Q2")
    percent = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Progress towards the target, 0-100 %",
    )
    text = models.TextField()
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.SUBMITTED)
    return_reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "进度报告 progress report"
        verbose_name_plural = "进度报告 progress reports"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.task} · {self.period} · {self.percent}%"

    def clean(self) -> None:
        if self.review == self.Review.RETURNED and not self.return_reason.strip():
            raise ValidationError({"return_reason": RETURN_NEEDS_REASON})


class Attachment(models.Model):
    """An evidence file of a report, checked by ``attachments.attachment_problem``."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="supervision/%Y/%m/")
    original_name = models.CharField(max_length=200)
    size_bytes = models.PositiveIntegerField()

    class Meta:
        verbose_name = "附件 attachment"
        verbose_name_plural = "附件 attachments"

    def __str__(self) -> str:
        return self.original_name


class ImplementationPlan(models.Model):
    """A unit's 实施方案 for a year, carrying out some of the year's work points.

    The unit writes it (draft), submits it, and the office accepts it or returns it with a
    reason; the state is set only by ``services.implementation_plan_*``.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "草稿 draft"
        SUBMITTED = "submitted", "已提交 submitted"
        ACCEPTED = "accepted", "已采纳 accepted"
        RETURNED = "returned", "已退回 returned"

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="implementation_plans")
    year = models.PositiveSmallIntegerField()
    title_zh = models.CharField(max_length=200)
    summary_zh = models.TextField(blank=True)
    work_points = models.ManyToManyField(WorkPoint, related_name="implementation_plans")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    return_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords(m2m_fields=[work_points])

    class Meta:
        verbose_name = "实施方案 implementation plan"
        verbose_name_plural = "实施方案 implementation plans"
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="implementation_plan_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.unit} {self.title_zh}"

    @property
    def is_editable(self) -> bool:
        """A plan awaiting review stays as sent, so the office reviews what it received."""
        return self.state != self.State.SUBMITTED

    @property
    def is_submittable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    def clean(self) -> None:
        if self.state == self.State.RETURNED and not self.return_reason.strip():
            raise ValidationError({"return_reason": RETURN_NEEDS_REASON})


class Notice(models.Model):
    """An in-app reminder about a task; one per recipient, task, kind and day."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "即将到期 due soon"
        BEHIND = "behind", "滞后于序时进度 behind schedule"
        OVERDUE = "overdue", "已逾期 overdue"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField()
    message = models.TextField()
    emailed = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "提醒 notice"
        verbose_name_plural = "提醒 notices"
        ordering = ["-day", "task"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "task", "kind", "day"], name="notice_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.task}"


class UploadLock(models.Model):
    """One row per (kind of workbook, scope) that uploads write to, e.g. ("work_points", "2025").

    An upload updates its rows first thing in its transaction (``upload_locks.hold``), so a
    second upload of the same kind and scope waits until the first commits, then finds its
    rows saved instead of inserting them again. The rows carry no data beyond the last time.
    """

    kind = models.CharField(max_length=40)
    scope = models.CharField(max_length=60)
    held_at = models.DateTimeField()

    class Meta:
        verbose_name = "导入锁 upload lock"
        verbose_name_plural = "导入锁 upload locks"
        constraints = [models.UniqueConstraint(fields=["kind", "scope"], name="upload_lock_once")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.scope}"
