"""send_reminders: which tasks, which recipients, and never the same notice twice a day."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from cast import Cast, make_cast
from hzdigital.accounts.models import Membership, Role
from hzdigital.supervision.models import Notice
from hzdigital.supervision.reminders import MESSAGES, send_reminders
from hzdigital.supervision.services import (
    report_review,
    report_submit,
    task_create,
    work_point_create,
)

TODAY = date(2024, 6, 24)


@pytest.fixture
def cast(db) -> Cast:
    cast = make_cast()
    for user in (cast.binjiang_officer, cast.chunan_officer, cast.department_officer):
        user.email = f"{user.username}@example.org"
        user.save()
    return cast


def _task(cast: Cast, title: str, lead, start: date, deadline: date, co_units=(), percent=None):
    point = work_point_create(by=cast.city_officer, year=2024, ident=title, title_zh=title)
    task = task_create(
        by=cast.city_officer, work_point=point, title_zh=title, lead_unit=lead,
        co_units=co_units, start=start, deadline=deadline,
    )  # fmt: skip
    if percent is not None:
        report = report_submit(
            by=cast.city_officer, task=task, period="2024Q2", percent=percent, text="进展"
        )
        report_review(by=cast.city_officer, report=report, decision="accepted")
    return task


def _notices() -> set[tuple[str, str, str]]:
    return {
        (n.task.title_zh, n.kind, n.recipient.username)
        for n in Notice.objects.select_related("task", "recipient")
    }


def test_it_reminds_the_lead_unit_of_due_behind_and_overdue_tasks(cast: Cast) -> None:
    # Due in 6 days, on schedule (95 % of a task that is 96 % elapsed): due soon only.
    _task(cast, "due", cast.binjiang, date(2024, 1, 1), date(2024, 6, 30), percent=95)
    # Half elapsed, 10 % accepted: behind, not yet due.
    _task(cast, "behind", cast.chunan, date(2024, 1, 1), date(2024, 12, 10), percent=10)
    # Past its deadline: overdue, to the lead unit and its co-unit.
    _task(cast, "late", cast.binjiang, date(2024, 1, 1), date(2024, 6, 1),
          co_units=[cast.department], percent=60)  # fmt: skip
    # Done, and far from due: no reminder.
    _task(cast, "done", cast.chunan, date(2024, 1, 1), date(2024, 6, 25), percent=100)
    _task(cast, "calm", cast.chunan, date(2024, 6, 1), date(2024, 12, 31), percent=10)

    result = send_reminders(on=TODAY, days_ahead=7)

    assert _notices() == {
        ("due", "due_soon", "binjiang"),
        ("behind", "behind", "chunan"),
        ("late", "overdue", "binjiang"),
        ("late", "overdue", "economy"),
    }
    assert result.notices_created == 4 and result.emails_sent == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [
            "binjiang@example.org",
            "chunan@example.org",
            "binjiang@example.org",
            "economy@example.org",
        ]
    )


def test_a_task_due_soon_and_behind_gets_both_notices(cast: Cast) -> None:
    _task(cast, "both", cast.binjiang, date(2024, 1, 1), date(2024, 6, 28), percent=30)
    send_reminders(on=TODAY, days_ahead=7)
    assert _notices() == {("both", "due_soon", "binjiang"), ("both", "behind", "binjiang")}


def test_the_days_ahead_window_includes_its_last_day(cast: Cast) -> None:
    _task(cast, "edge", cast.binjiang, date(2024, 1, 1), date(2024, 7, 1), percent=99)
    send_reminders(on=TODAY, days_ahead=6)
    assert not _notices()
    send_reminders(on=TODAY, days_ahead=7)
    assert _notices() == {("edge", "due_soon", "binjiang")}


def test_co_units_hear_only_of_overdue_tasks(cast: Cast) -> None:
    _task(cast, "shared", cast.binjiang, date(2024, 1, 1), date(2024, 12, 31),
          co_units=[cast.department], percent=5)  # fmt: skip
    send_reminders(on=TODAY)
    assert _notices() == {("shared", "behind", "binjiang")}


def test_auditors_enterprises_and_the_office_get_no_task_notices(cast: Cast) -> None:
    # An auditor placed in the lead unit still hears nothing: reminders are for officers.
    auditor_in_department = Membership.objects.get(user=cast.auditor)
    auditor_in_department.unit = cast.department
    auditor_in_department.save()
    _task(cast, "late", cast.department, date(2024, 1, 1), date(2024, 5, 1))
    send_reminders(on=TODAY)
    assert _notices() == {("late", "overdue", "economy")}
    assert Role.AUDITOR.receives_task_notices is False


def test_running_twice_on_one_day_sends_nothing_new(cast: Cast) -> None:
    _task(cast, "late", cast.binjiang, date(2024, 1, 1), date(2024, 6, 1))
    first = send_reminders(on=TODAY)
    second = send_reminders(on=TODAY)
    assert (first.notices_created, second.notices_created, second.already_sent) == (1, 0, 1)
    assert Notice.objects.count() == 1 and len(mail.outbox) == 1
    # The next day is a new reminder.
    assert send_reminders(on=date(2024, 6, 25)).notices_created == 1


def test_the_message_names_the_task_and_the_progress(cast: Cast) -> None:
    _task(cast, "数据中心", cast.chunan, date(2024, 1, 1), date(2024, 12, 10), percent=10)
    send_reminders(on=TODAY)
    notice = Notice.objects.get()
    assert notice.message.startswith("任务“数据中心”滞后于序时进度")
    assert "10.0%" in notice.message
    assert MESSAGES[Notice.Kind.BEHIND].split("{")[0] == "任务“"


def test_the_command_runs_for_a_given_day(cast: Cast, capsys) -> None:
    _task(cast, "late", cast.binjiang, date(2024, 1, 1), date(2024, 6, 1))
    call_command("send_reminders", "--date", "2024-06-24", "--days", "3")
    assert "新提醒 notices 1" in capsys.readouterr().out
    assert Notice.objects.get().day == TODAY


@pytest.mark.parametrize("command", ["send_reminders", "seed_supervision"])
def test_a_mistyped_date_is_refused_with_the_expected_format(command):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(command, "--date", "31/03/2026")
