"""The same workbook uploaded twice at the same moment is saved once: the second upload waits
for the first, then finds every row saved and changes nothing. A key saved meanwhile by a
writer that takes no upload lock (a page) refuses the row with the bilingual conflict
message, never an exception.

Each upload runs in its own thread with its own database connection; a barrier releases both
at once. On SQLite the threads meet in a database file (see ``shared_database``).
"""

from __future__ import annotations

import io
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models.signals import pre_save

from cast import make_cast
from hzdigital.projects import excel as project_excel
from hzdigital.projects.models import MajorProject, YearlyInvestment
from hzdigital.supervision import excel as work_point_excel
from hzdigital.supervision import upload_locks
from hzdigital.supervision.models import Milestone, Task, UploadLock, WorkPoint
from hzdigital.talent import excel as talent_excel
from hzdigital.talent.models import TalentFigure
from test_projects_excel import filled as filled_projects
from test_supervision_excel import filled as filled_work_points
from test_talent_excel import _filled as filled_talent

# own_process: on SQLite the fixture below swaps the process's test connection, which the live
# server thread of a browser test run earlier in the same process shares (`make test` runs
# these apart; see the Makefile).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.own_process]
CONFLICT = upload_locks.CONFLICT

SQLITE_WAIT_SECONDS = 60  # how long a second SQLite writer waits for the first (busy timeout)


@pytest.fixture
def shared_database(tmp_path) -> Iterator[None]:
    """A database that two threads' connections really share, with its locks.

    PostgreSQL's test database is one already. SQLite's is an in-memory database in shared-cache
    mode, where a second writer fails at once ("database table is locked") instead of waiting
    as it does on a file: for these tests it is copied into a file, and moved back after.
    """
    if connection.vendor != "sqlite":
        yield
        return
    settings = connection.settings_dict  # the same dict every thread's connection is made from
    memory_name, options = settings["NAME"], settings["OPTIONS"]
    keep_alive = sqlite3.connect(memory_name, uri=True)  # it lives while one connection does
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    settings["NAME"], settings["OPTIONS"] = str(path), options | {"timeout": SQLITE_WAIT_SECONDS}
    connection.close()  # the next query opens the file
    try:
        yield
    finally:
        connection.close()
        settings["NAME"], settings["OPTIONS"] = memory_name, options
        connection.ensure_connection()  # back to the in-memory database before it may go
        keep_alive.close()


@pytest.fixture
def cast(shared_database):
    return make_cast()


def at_once(*uploads: Callable[[], Any]) -> list[Any]:
    """Run each upload in its own thread, released together; their results in order."""
    barrier = threading.Barrier(len(uploads))
    results: list[Any] = [None] * len(uploads)
    raised: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[index] = uploads[index]()
        except BaseException as error:  # noqa: BLE001 - reported by the test, not swallowed
            raised.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(uploads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "an upload never returned"
    assert raised == []
    return results


def alone_after_clearing(
    rows: Callable[[], dict[str, Any]], clear: Callable[[], object], upload: Callable[[], Any]
) -> tuple[dict[str, Any], Any]:
    """What ``upload`` leaves by itself, and its result: ``clear`` removes what the two uploads
    left (deleting writes history too, so history is counted from there), then it runs once."""
    clear()
    history = rows()["history"]
    result = upload()
    single = rows()
    single["history"] -= history
    return single, result


# --- work points and tasks (supervision) ---------------------------------------------------


def work_point_rows() -> dict[str, Any]:
    """What a work-point upload leaves in the database, by value (no primary keys)."""
    tasks = Task.objects.select_related("work_point", "lead_unit").order_by("title_zh")
    return {
        "points": list(WorkPoint.objects.values_list("year", "ident", "title_zh", "published")),
        "tasks": [
            (
                t.work_point.year,
                t.work_point.ident,
                t.title_zh,
                t.lead_unit.slug,
                t.start,
                t.deadline,
                t.target_value,
                t.target_unit,
                t.target_text,
                sorted(t.co_units.values_list("slug", flat=True)),
                list(t.milestones.values_list("year", "quarter", "text_zh", "target_percent")),
            )
            for t in tasks
        ],  # fmt: skip
        "milestones": Milestone.objects.count(),
        "history": WorkPoint.history.count() + Task.history.count(),
    }


def test_the_same_work_point_workbook_uploaded_twice_at_once_is_saved_once(cast):
    content = filled_work_points()

    def upload():
        return work_point_excel.upload(content, "要点.xlsx", by=cast.city_officer)

    first, second = at_once(upload, upload)
    assert first.errors == [] and second.errors == []
    together = work_point_rows()
    saved = {"工作要点": 1, "任务": 2}
    assert sorted([dict(first.created), dict(second.created)], key=len) == [{}, saved]
    assert sorted([dict(first.unchanged), dict(second.unchanged)], key=len) == [{}, saved]

    # The tasks and milestones go with their points.
    single, alone = alone_after_clearing(work_point_rows, WorkPoint.objects.all().delete, upload)
    assert alone.created == saved
    assert together == single
    assert len(together["tasks"]) == 2 and together["milestones"] == 2


# --- major projects ------------------------------------------------------------------------


def project_rows() -> dict[str, Any]:
    return {
        "projects": list(
            MajorProject.objects.order_by("name_zh").values_list(
                "district_code",
                "name_zh",
                "nbs_category",
                "investor",
                "stage",
                "total_investment_wan_yuan",
                "action_plan",
            )
        ),  # fmt: skip
        "years": list(
            YearlyInvestment.objects.order_by("project__name_zh", "year").values_list(
                "project__district_code",
                "project__name_zh",
                "year",
                "planned_wan_yuan",
                "completed_wan_yuan",
            )
        ),  # fmt: skip
        "history": MajorProject.history.count() + YearlyInvestment.history.count(),
    }


def test_the_same_project_workbook_uploaded_twice_at_once_is_saved_once(cast):
    content = filled_projects()

    def upload():
        return project_excel.upload(content, "项目.xlsx", by=cast.binjiang_officer)

    first, second = at_once(upload, upload)
    assert first.errors == [] and second.errors == []
    together = project_rows()
    saved = {"重大项目": 1, "年度投资": 1}
    assert sorted([dict(first.created), dict(second.created)], key=len) == [{}, saved]
    assert sorted([dict(first.unchanged), dict(second.unchanged)], key=len) == [{}, saved]

    single, alone = alone_after_clearing(project_rows, MajorProject.objects.all().delete, upload)
    assert alone.created == saved
    assert together == single
    assert len(together["projects"]) == 1 and len(together["years"]) == 1


# --- talent figures ------------------------------------------------------------------------


def talent_rows() -> dict[str, Any]:
    figures = TalentFigure.objects.order_by("programme_slug", "metric")
    return {
        "figures": list(
            figures.values_list(
                "unit__division_code",
                "programme_slug",
                "metric",
                "year",
                "value",
                "note",
                "review",
            )
        ),  # fmt: skip
        "history": TalentFigure.history.count(),
    }


def test_the_same_talent_workbook_uploaded_twice_at_once_is_saved_once(cast):
    content = filled_talent(cast, {2: 120, 3: 7, 4: 3}).getvalue()

    def upload():
        return talent_excel.import_figures(by=cast.binjiang_officer, upload=io.BytesIO(content))

    first, second = at_once(upload, upload)
    assert first.errors == [] and second.errors == []
    assert sorted([(first.changed, first.unchanged), (second.changed, second.unchanged)]) == [
        (0, 3),
        (3, 0),
    ]
    together = talent_rows()

    single, alone = alone_after_clearing(talent_rows, TalentFigure.objects.all().delete, upload)
    assert (alone.errors, alone.changed) == ([], 3)
    assert together == single
    assert sorted(row[4] for row in together["figures"]) == [3, 7, 120]


def test_each_upload_locks_only_the_scopes_its_rows_name(cast):
    """Narrow locks: an upload of 淳安's projects or of 2024's work points would not wait."""
    project_excel.upload(filled_projects(), "项目.xlsx", by=cast.binjiang_officer)
    work_point_excel.upload(filled_work_points(), "要点.xlsx", by=cast.city_officer)
    talent_excel.import_figures(
        by=cast.binjiang_officer, upload=filled_talent(cast, {2: 120})
    )  # fmt: skip
    assert sorted(UploadLock.objects.values_list("kind", "scope")) == [
        ("major_projects", "330108"),
        ("talent_figures", "330108:2023"),
        ("work_points", "2025"),
    ]


# --- a key saved meanwhile by a page, which takes no upload lock ---------------------------


@contextmanager
def saved_meanwhile(model) -> Iterator[None]:
    """The upload's first insert of ``model`` finds its key just inserted by someone else,
    after the upload's own check found it free (a page's save at that very moment)."""

    def insert_the_same_key(sender, instance, **kwargs) -> None:
        pre_save.disconnect(insert_the_same_key, sender=model)
        fields = model._meta.concrete_fields
        twin = model(
            **{f.attname: getattr(instance, f.attname) for f in fields if not f.primary_key}
        )
        model.objects.bulk_create([twin])  # no check, no signal: straight into the table

    pre_save.connect(insert_the_same_key, sender=model, weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(insert_the_same_key, sender=model)


def _conflicts(result) -> list[tuple[str, str]]:
    return [(e.zh, e.en) for e in result.errors if e.rule == "conflict"]


def test_a_work_point_saved_meanwhile_refuses_its_row_with_the_conflict_message(cast):
    with saved_meanwhile(WorkPoint):
        result = work_point_excel.upload(filled_work_points(), "要点.xlsx", by=cast.city_officer)
    assert _conflicts(result) == [(CONFLICT.zh, CONFLICT.en)]
    assert result.errors[0].sheet == "工作要点" and result.error_workbook is not None
    assert not WorkPoint.objects.exists() and not result.created


def test_a_task_saved_meanwhile_refuses_its_row_with_the_conflict_message(cast):
    with saved_meanwhile(Task):
        result = work_point_excel.upload(filled_work_points(), "要点.xlsx", by=cast.city_officer)
    assert (CONFLICT.zh, CONFLICT.en) in _conflicts(result)
    assert not Task.objects.exists() and not WorkPoint.objects.exists()


def test_a_project_saved_meanwhile_refuses_its_row_with_the_conflict_message(cast):
    with saved_meanwhile(MajorProject):
        result = project_excel.upload(filled_projects(), "项目.xlsx", by=cast.binjiang_officer)
    assert _conflicts(result)[0] == (CONFLICT.zh, CONFLICT.en)
    assert not MajorProject.objects.exists() and not result.created


def test_a_talent_figure_saved_meanwhile_refuses_the_file_with_the_conflict_message(cast):
    with saved_meanwhile(TalentFigure):
        result = talent_excel.import_figures(
            by=cast.binjiang_officer, upload=filled_talent(cast, {2: 120})
        )
    assert [(e.row, e.rule) for e in result.errors] == [(2, CONFLICT)]
    assert CONFLICT.en in str(result.errors[0]) and CONFLICT.zh in str(result.errors[0])
    assert not TalentFigure.objects.exists()


# --- an upload that cannot have its lock in time --------------------------------------------

SHORT_WAIT = {  # how each database is told to give up waiting for a lock after a moment
    "sqlite": lambda: connection.settings_dict["OPTIONS"].update(timeout=0.2),
    "postgresql": lambda: connection.cursor().execute("SET lock_timeout = '200ms'"),
}


@contextmanager
def lock_held_elsewhere(kind: str, scope: str) -> Iterator[None]:
    """Another upload's transaction holds the lock of ``kind`` and ``scope`` meanwhile."""
    held, release = threading.Event(), threading.Event()

    def hold_until_released() -> None:
        try:
            with transaction.atomic():
                upload_locks.hold(kind, [scope])
                held.set()
                release.wait(timeout=120)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_until_released)
    holder.start()
    assert held.wait(timeout=60)
    try:
        yield
    finally:
        release.set()
        holder.join(timeout=60)


def _posted_workbook(content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = "项目.xlsx"
    return upload


def test_the_upload_page_shows_a_conflict_as_a_refused_row_not_a_server_error(cast, client):
    client.force_login(cast.binjiang_officer)
    with saved_meanwhile(MajorProject):
        page = client.post("/projects/excel/upload/", {"file": _posted_workbook(filled_projects())})
    html = page.content.decode()
    assert page.status_code == 200 and "<code>conflict</code>" in html
    assert CONFLICT.zh in html and not MajorProject.objects.exists()


def test_the_upload_page_says_busy_when_the_lock_is_not_had_in_time(cast, client):
    client.force_login(cast.city_officer)
    pages = []

    def post_with_a_short_wait() -> None:
        try:
            SHORT_WAIT[connection.vendor]()
            content = _posted_workbook(filled_projects())
            pages.append(client.post("/projects/excel/upload/", {"file": content}))
        finally:
            connection.close()

    with lock_held_elsewhere("major_projects", "330108"):
        waiting = threading.Thread(target=post_with_a_short_wait)
        waiting.start()
        waiting.join(timeout=120)
    (page,) = pages
    html = page.content.decode()
    assert page.status_code == 200 and "<code>busy</code>" in html
    assert upload_locks.BUSY.zh in html and not MajorProject.objects.exists()
