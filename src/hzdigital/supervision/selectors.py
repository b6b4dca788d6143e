"""Reads shared by the supervision pages, the reminders and the dashboard.

Status is computed here, on read, from the latest accepted report of each task; nothing
stores it. The tolerance of the time-proportional rule is the setting
``SUPERVISION_TOLERANCE_POINTS`` (percentage points, default ``status.DEFAULT_TOLERANCE_POINTS``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from hzdigital.accounts.models import OrgUnit
from hzdigital.supervision.models import ProgressReport, Task
from hzdigital.supervision.status import (
    DEFAULT_TOLERANCE_POINTS,
    STATUS_LABELS,
    StatusResult,
    TaskStatus,
    task_status,
)


def tolerance_points() -> Decimal:
    return Decimal(str(getattr(settings, "SUPERVISION_TOLERANCE_POINTS", DEFAULT_TOLERANCE_POINTS)))


def today() -> date:
    """Today in the city's time zone (settings.TIME_ZONE), the day deadlines are counted in."""
    return timezone.localdate()


def accepted_percent_by_task(task_ids: Iterable[int]) -> dict[int, Decimal]:
    """The latest accepted progress of each task (by period, then review time)."""
    latest: dict[int, Decimal] = {}
    accepted = (
        ProgressReport.objects.filter(task_id__in=list(task_ids), review="accepted")
        .order_by("task_id", "-period", "-reviewed_at", "-pk")
        .values_list("task_id", "percent")
    )
    for task_id, percent in accepted:
        latest.setdefault(task_id, percent)  # the first row per task is the latest
    return latest


@dataclass(frozen=True)
class TaskRow:
    task: Task
    result: StatusResult

    @property
    def status(self) -> TaskStatus:
        return self.result.status

    @property
    def label_zh(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def label_en(self) -> str:
        return STATUS_LABELS[self.status][1]


def task_rows(tasks: Iterable[Task], *, on: date | None = None) -> list[TaskRow]:
    """Each task with its computed status on the day ``on`` (default today)."""
    tasks = list(tasks)
    day = on or today()
    tolerance = tolerance_points()
    accepted = accepted_percent_by_task(t.pk for t in tasks)
    return [
        TaskRow(
            task=t,
            result=task_status(
                start=t.start,
                deadline=t.deadline,
                accepted_percent=accepted.get(t.pk),
                today=day,
                tolerance_points=tolerance,
            ),
        )
        for t in tasks
    ]


@dataclass
class UnitProgress:
    unit: OrgUnit
    counts: Counter = field(default_factory=Counter)  # TaskStatus → number of tasks led
    accepted_sum: float = 0.0  # sum of accepted percent, for the mean
    expected_sum: float = 0.0  # sum of 序时进度 (percent), for the mean

    @property
    def tasks(self) -> int:
        return sum(self.counts.values())

    @property
    def mean_accepted_percent(self) -> float:
        return self.accepted_sum / self.tasks if self.tasks else 0.0

    @property
    def mean_expected_percent(self) -> float:
        return self.expected_sum / self.tasks if self.tasks else 0.0

    def count(self, status: str) -> int:
        return self.counts[TaskStatus(status)]


@dataclass(frozen=True)
class Dashboard:
    day: date
    rows: list[TaskRow]
    by_unit: list[UnitProgress]  # units leading at least one task, most troubled first
    totals: dict[TaskStatus, int]  # every status, zero included

    def of_status(self, status: TaskStatus) -> list[TaskRow]:
        return [row for row in self.rows if row.status == status]


def dashboard(tasks: Iterable[Task], *, on: date | None = None) -> Dashboard:
    rows = task_rows(tasks, on=on)
    units: dict[int, UnitProgress] = {}
    for row in rows:
        progress = units.setdefault(row.task.lead_unit_id, UnitProgress(unit=row.task.lead_unit))
        progress.counts[row.status] += 1
        progress.accepted_sum += float(row.result.accepted_percent)
        progress.expected_sum += float(row.result.expected_percent)
    by_unit = sorted(
        units.values(),
        key=lambda p: (-p.count("overdue"), -p.count("behind"), p.unit.kind, p.unit.order),
    )
    totals = {status: 0 for status in TaskStatus}
    for row in rows:
        totals[row.status] += 1
    return Dashboard(day=on or today(), rows=rows, by_unit=by_unit, totals=totals)


def reports_awaiting_review() -> Any:
    return (
        ProgressReport.objects.filter(review="submitted")
        .select_related("task", "task__lead_unit", "submitted_by")
        .prefetch_related("attachments")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class HistoryEntry:
    when: Any  # datetime of the change
    who: str  # username, or "系统 system" when no user was recorded
    action: str  # created / changed / deleted
    changes: list[tuple[str, str, str]]  # (field verbose name, old value, new value)


ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _shown(model_field: Any, value: Any) -> str:
    """A history value as people read it: many-to-many rows become the related names."""
    if model_field.many_to_many and isinstance(value, list):
        key = model_field.related_model._meta.model_name
        ids = [row[key] for row in value if key in row]
        related = model_field.related_model.objects.filter(pk__in=ids)
        return "、".join(sorted(str(item) for item in related))
    return "" if value is None else str(value)


def history_of(obj: Any) -> list[HistoryEntry]:
    """Who changed what and when, newest first, from django-simple-history."""
    records = list(obj.history.select_related("history_user").order_by("-history_date"))
    entries = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes: list[tuple[str, str, str]] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                model_field = obj._meta.get_field(change.field)
                changes.append(
                    (
                        str(model_field.verbose_name),
                        _shown(model_field, change.old),
                        _shown(model_field, change.new),
                    )
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.get_username() if user else "系统 system",
                action=ACTIONS.get(record.history_type, record.history_type),
                changes=changes,
            )
        )
    return entries
