"""Who may see and write what in supervision: named helpers, one per kind of object.

Each ``get_<thing>_for_user`` returns the object and whether the user may write it, and raises
``PermissionDenied`` when the user may not even see it (the healthchecks
``_get_project_for_user`` style); a missing object is ``Http404`` as usual. Services call the
``may_*`` predicates again, so a write through the CLI or a seed obeys the same rules.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from hzdigital.accounts.access import membership_of, require
from hzdigital.accounts.models import OrgUnit, Role
from hzdigital.supervision.models import (
    ImplementationPlan,
    Notice,
    ProgressReport,
    Task,
    WorkPoint,
)


def _role_and_unit(user: Any) -> tuple[Role, OrgUnit | None]:
    membership = membership_of(user)
    if membership is None:
        return Role.PUBLIC, None
    return Role(membership.role), membership.unit


def tasks_visible_to(user: Any) -> QuerySet[Task]:
    """Tasks the user may read: all for the office and auditors, else the unit's own."""
    role, unit = _role_and_unit(user)
    tasks = Task.objects.select_related("work_point", "lead_unit")
    if role.sees_all_units:
        return tasks
    if role.sees_own_unit and unit is not None:
        # A co-unit sees the task too: it has to contribute, though only the lead reports.
        return tasks.filter(Q(lead_unit=unit) | Q(co_units=unit)).distinct()
    return tasks.none()


def work_points_visible_to(user: Any) -> QuerySet[WorkPoint]:
    role, unit = _role_and_unit(user)
    points = WorkPoint.objects.select_related("measure")
    if role.sees_all_units:
        return points
    if role.sees_own_unit and unit is not None:
        own = Q(tasks__lead_unit=unit) | Q(tasks__co_units=unit)
        return points.filter(own | Q(published=True)).distinct()
    return points.filter(published=True)


def may_manage_work_points(user: Any) -> bool:
    return _role_and_unit(user)[0].manages_work_points


def may_report_on(user: Any, task: Task) -> bool:
    """Only the lead unit reports on a task (the office may report for anyone)."""
    role, unit = _role_and_unit(user)
    if not role.reports_progress:
        return False
    return role.sees_all_units or (unit is not None and task.lead_unit_id == unit.pk)


def may_review(user: Any) -> bool:
    return _role_and_unit(user)[0].reviews_reports


def may_write_plan_of(user: Any, unit: OrgUnit) -> bool:
    role, own_unit = _role_and_unit(user)
    if not role.writes_implementation_plans:
        return False
    return role.sees_all_units or (own_unit is not None and own_unit.pk == unit.pk)


def get_task_for_user(user: Any, task_id: int) -> tuple[Task, bool]:
    """The task and whether the user may report on it; PermissionDenied if it is not theirs."""
    task = get_object_or_404(Task.objects.select_related("work_point", "lead_unit"), pk=task_id)
    require(tasks_visible_to(user).filter(pk=task.pk).exists())
    return task, may_report_on(user, task)


def get_work_point_for_user(user: Any, work_point_id: int) -> tuple[WorkPoint, bool]:
    point = get_object_or_404(WorkPoint, pk=work_point_id)
    require(work_points_visible_to(user).filter(pk=point.pk).exists())
    return point, may_manage_work_points(user)


def get_report_for_user(user: Any, report_id: int) -> tuple[ProgressReport, bool]:
    """The report and whether the user may review it."""
    report = get_object_or_404(ProgressReport.objects.select_related("task"), pk=report_id)
    require(tasks_visible_to(user).filter(pk=report.task_id).exists())
    return report, may_review(user)


def get_plan_for_user(user: Any, plan_id: int) -> tuple[ImplementationPlan, bool]:
    plan = get_object_or_404(ImplementationPlan.objects.select_related("unit"), pk=plan_id)
    role, unit = _role_and_unit(user)
    visible = role.sees_all_units or (unit is not None and unit.pk == plan.unit_id)
    require(visible)
    return plan, may_write_plan_of(user, plan.unit)


def is_recipient(user: Any, notice: Notice) -> bool:
    """A notice is its recipient's alone: nobody else reads it or marks it read."""
    return bool(getattr(user, "is_authenticated", False)) and notice.recipient_id == user.pk


def get_notice_for_user(user: Any, notice_id: int) -> Notice:
    notice = get_object_or_404(Notice, pk=notice_id)
    require(is_recipient(user, notice))
    return notice
