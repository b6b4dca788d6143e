"""The role × action matrix of supervision's services: who may write what, and who may not.

Every write service is called by every member of the cast; the table says who must succeed.
The attempts that must fail are the point: each raises PermissionDenied and writes nothing.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from cast import MEMBERS, make_cast
from hzdigital.accounts.models import Role
from hzdigital.supervision import access, services
from hzdigital.supervision.models import ImplementationPlan, ProgressReport, Task, WorkPoint
from supervision_world import World, make_world


@pytest.fixture
def world(db) -> World:
    return make_world(make_cast())


def _create_work_point(world: World, user) -> None:
    services.work_point_create(by=user, year=2024, ident="9", title_zh="新要点")


def _create_task(world: World, user) -> None:
    services.task_create(
        by=user, work_point=world.work_point, title_zh="新任务", lead_unit=world.cast.chunan,
        start=date(2024, 3, 1), deadline=date(2024, 9, 30),
    )  # fmt: skip


def _report_on_binjiang_task(world: World, user) -> None:
    services.report_submit(
        by=user, task=world.binjiang_task, period="2024Q2", percent=45, text="进展顺利"
    )


def _report_on_department_task(world: World, user) -> None:
    services.report_submit(
        by=user, task=world.department_task, period="2024Q2", percent=45, text="起草中"
    )


def _review_report(world: World, user) -> None:
    services.report_review(by=user, report=world.pending_report, decision="accepted")


def _write_binjiang_plan(world: World, user) -> None:
    services.implementation_plan_save(
        by=user, unit=world.cast.binjiang, year=2024, title_zh="滨江区2024年实施方案",
        work_points=[world.work_point],
    )  # fmt: skip


# action → (function, the cast members allowed to do it, how to count what it writes)
WRITE_ACTIONS = {
    "create work point": (_create_work_point, {"city_officer"}, WorkPoint),
    "create task": (_create_task, {"city_officer"}, Task),
    "report on 滨江's task": (
        _report_on_binjiang_task,
        {"city_officer", "binjiang_officer"},
        ProgressReport,
    ),  # fmt: skip
    "report on 市经信局's task": (
        _report_on_department_task,
        {"city_officer", "department_officer"},
        ProgressReport,
    ),  # fmt: skip
    "review a report": (_review_report, {"city_officer"}, None),
    "write 滨江's 实施方案": (
        _write_binjiang_plan,
        {"city_officer", "binjiang_officer"},
        ImplementationPlan,
    ),  # fmt: skip
}

MATRIX = [(action, member) for action in WRITE_ACTIONS for member in MEMBERS]


@pytest.mark.parametrize(("action", "member"), MATRIX)
def test_each_role_may_write_exactly_what_the_table_says(world: World, action, member) -> None:
    write, allowed, model = WRITE_ACTIONS[action]
    user = world.cast.by_name(member)
    before = model.objects.count() if model else None
    if member in allowed:
        write(world, user)
        if model:
            assert model.objects.count() == before + 1
        else:
            world.pending_report.refresh_from_db()
            assert world.pending_report.review == "accepted"
    else:
        with pytest.raises(PermissionDenied):
            write(world, user)
        if model:
            assert model.objects.count() == before
        world.pending_report.refresh_from_db()
        assert world.pending_report.review == "submitted"


# Which tasks each member reads (by lead unit slug).
VISIBLE_TASKS = {
    "city_officer": {"binjiang", "chunan", "department"},
    "auditor": {"binjiang", "chunan", "department"},
    "binjiang_officer": {"binjiang"},
    "chunan_officer": {"chunan"},
    "department_officer": {"binjiang", "department"},  # a co-unit of 滨江's task
    "enterprise_user": set(),
    "outsider": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("member", MEMBERS)
def test_each_role_reads_only_its_tasks(world: World, member) -> None:
    tasks = {
        world.binjiang_task.pk: "binjiang",
        world.chunan_task.pk: "chunan",
        world.department_task.pk: "department",
    }
    user = world.cast.by_name(member)
    visible = {tasks[t.pk] for t in access.tasks_visible_to(user)}
    assert visible == VISIBLE_TASKS[member]
    for task_id, name in tasks.items():
        if name in visible:
            task, _ = access.get_task_for_user(user, task_id)
            assert task.pk == task_id
        else:
            with pytest.raises(PermissionDenied):
                access.get_task_for_user(user, task_id)


def test_a_co_unit_sees_the_task_but_may_not_report_on_it(world: World) -> None:
    task, can_write = access.get_task_for_user(
        world.cast.department_officer, world.binjiang_task.pk
    )
    assert task == world.binjiang_task and can_write is False


def test_the_auditor_reads_every_report_but_may_not_review(world: World) -> None:
    report, can_review = access.get_report_for_user(world.cast.auditor, world.pending_report.pk)
    assert report == world.pending_report and can_review is False


def test_unpublished_work_points_stay_hidden_from_the_public(world: World) -> None:
    assert not access.work_points_visible_to(None).exists()
    world.work_point.published = True
    world.work_point.save()
    assert list(access.work_points_visible_to(None)) == [world.work_point]


@pytest.mark.parametrize("role", list(Role))
def test_only_the_auditor_and_the_public_are_read_only(role: Role) -> None:
    writes = (
        role.manages_work_points
        or role.reports_progress
        or role.reviews_reports
        or role.writes_implementation_plans
        or role.manages_own_district
        or role.manages_own_enterprise
    )
    assert writes is not role.is_read_only
