"""Daily reminders: tasks due within N days, behind 序时进度, or overdue.

``plan_reminders`` decides (which task, which kind, which users); ``send_reminders`` writes an
in-app ``Notice`` per recipient and emails it. A notice is unique per recipient, task, kind and
day, so running the command twice on one day sends nothing new.

Who hears: the officers of the task's lead unit always; for an overdue task also the officers
of its co-units, since the deadline was theirs too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from hzdigital.accounts.models import Membership, Role
from hzdigital.supervision.models import Notice, Task
from hzdigital.supervision.selectors import TaskRow, task_rows
from hzdigital.supervision.status import TaskStatus

DEFAULT_DAYS_AHEAD = 7  # "due soon" = the deadline is at most this many days away

# Messages, Chinese first; fields: title, deadline, days, expected, accepted.
MESSAGES = {
    Notice.Kind.DUE_SOON: (
        "任务“{title}”将于 {deadline} 到期(还有 {days} 天),当前已采纳进度 {accepted}%。"
        " / Task {title} is due on {deadline} ({days} days left); accepted progress {accepted}%."
    ),
    Notice.Kind.BEHIND: (
        "任务“{title}”滞后于序时进度:应达 {expected}%,已采纳 {accepted}%。"
        " / Task {title} is behind schedule: {expected}% expected, {accepted}% accepted."
    ),
    Notice.Kind.OVERDUE: (
        "任务“{title}”已于 {deadline} 逾期,已采纳进度 {accepted}%。"
        " / Task {title} was due on {deadline} and is overdue; accepted progress {accepted}%."
    ),
}
SUBJECT = "[hzdigital] 任务提醒 Task reminder: {title}"


@dataclass(frozen=True)
class Reminder:
    task: Task
    kind: Notice.Kind
    recipients: tuple[Any, ...]  # users
    message: str


def _kinds(row: TaskRow, days_ahead: int) -> list[Notice.Kind]:
    """The reminder kinds a task deserves today (a task may be both due soon and behind)."""
    status, days_left = row.status, row.result.days_left
    if status == TaskStatus.DONE:
        return []
    if status == TaskStatus.OVERDUE:
        return [Notice.Kind.OVERDUE]
    kinds = []
    if 0 <= days_left <= days_ahead:
        kinds.append(Notice.Kind.DUE_SOON)
    if status == TaskStatus.BEHIND:
        kinds.append(Notice.Kind.BEHIND)
    return kinds


def _officers(unit_ids: set[int]) -> list[Any]:
    roles = [role for role in Role if role.receives_task_notices]
    members = Membership.objects.filter(unit_id__in=unit_ids, role__in=roles, user__is_active=True)
    return [m.user for m in members.select_related("user").order_by("user__username")]


def plan_reminders(*, on: date, days_ahead: int = DEFAULT_DAYS_AHEAD) -> list[Reminder]:
    tasks = Task.objects.select_related("lead_unit").prefetch_related("co_units")
    reminders = []
    for row in task_rows(tasks, on=on):
        for kind in _kinds(row, days_ahead):
            units = {row.task.lead_unit_id}
            if kind == Notice.Kind.OVERDUE:
                units |= {unit.pk for unit in row.task.co_units.all()}
            recipients = tuple(_officers(units))
            if not recipients:
                continue
            message = MESSAGES[kind].format(
                title=row.task.title_zh,
                deadline=row.task.deadline.isoformat(),
                days=row.result.days_left,
                expected=f"{float(row.result.expected_percent):.1f}",
                accepted=f"{float(row.result.accepted_percent):.1f}",
            )
            reminders.append(Reminder(row.task, kind, recipients, message))
    return reminders


@dataclass(frozen=True)
class SendResult:
    notices_created: int  # new in-app notices (one per recipient)
    already_sent: int  # skipped: the same notice was made earlier today
    emails_sent: int


def send_reminders(*, on: date, days_ahead: int = DEFAULT_DAYS_AHEAD) -> SendResult:
    created = skipped = emailed = 0
    for reminder in plan_reminders(on=on, days_ahead=days_ahead):
        for user in reminder.recipients:
            try:
                # A savepoint per notice: a duplicate must not undo the others.
                with transaction.atomic():
                    notice = Notice.objects.create(
                        recipient=user,
                        task=reminder.task,
                        kind=reminder.kind,
                        day=on,
                        message=reminder.message,
                    )
            except IntegrityError:
                skipped += 1
                continue
            created += 1
            if user.email:
                send_mail(
                    SUBJECT.format(title=reminder.task.title_zh),
                    reminder.message,
                    None,  # DEFAULT_FROM_EMAIL
                    [user.email],
                )
                notice.emailed = True
                notice.save(update_fields=["emailed"])
                emailed += 1
    return SendResult(notices_created=created, already_sent=skipped, emails_sent=emailed)
