"""Every change to work points, tasks and reports is kept: who, when, what changed."""

from __future__ import annotations

import pytest

from cast import make_cast
from hzdigital.supervision import services
from hzdigital.supervision.selectors import history_of
from supervision_world import World, make_world


@pytest.fixture
def world(db) -> World:
    return make_world(make_cast())


def test_a_reviewed_report_shows_who_submitted_and_who_reviewed(world: World) -> None:
    services.report_review(by=world.cast.city_officer, report=world.pending_report,
                           decision="returned", reason="请补充证明材料")  # fmt: skip
    newest, oldest = history_of(world.pending_report)
    assert (oldest.who, oldest.action) == ("binjiang", "created")
    assert (newest.who, newest.action) == ("city", "changed")
    changed = {name: (old, new) for name, old, new in newest.changes}
    assert changed["review"] == ("submitted", "returned")
    assert changed["return reason"] == ("", "请补充证明材料")
    assert newest.when >= oldest.when


def test_the_admin_history_page_names_the_author(world: World, admin_client) -> None:
    task = world.chunan_task
    response = admin_client.get(f"/admin/supervision/task/{task.pk}/history/")
    assert response.status_code == 200 and "city" in response.content.decode()


def test_an_edit_records_the_field_its_old_and_new_value(world: World) -> None:
    task = world.chunan_task
    task.title_zh = "建设千岛湖绿色数据中心"
    task._history_user = world.cast.city_officer
    task.save()
    newest = history_of(task)[0]
    assert ("title zh", "建设千岛湖数据中心", "建设千岛湖绿色数据中心") in newest.changes


def test_a_work_point_keeps_its_creation(world: World) -> None:
    (entry,) = history_of(world.work_point)
    assert (entry.who, entry.action, entry.changes) == ("city", "created", [])


def test_co_unit_changes_are_shown_by_name(world: World) -> None:
    # The task was created, then its co-units were set: the newest entry names them.
    changed = history_of(world.binjiang_task)[0]
    assert ("co units", "", "市经信局") in changed.changes
