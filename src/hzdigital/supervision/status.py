"""A task's status, computed from dates and accepted progress, never typed by anyone.

The time-proportional schedule (序时进度): by the end of a given day a task should have
reached the share of its time that has elapsed. The task runs from ``start`` to ``deadline``,
both days included, so a task of one day is due in full by the end of that day. A task is
behind when its accepted progress is below that expected share by more than the tolerance
(in percentage points); a task exactly at the tolerance is still on schedule.

Rules, in order (the first that holds decides):

1. done: accepted progress reached 100 %
2. overdue: the deadline has passed
3. behind: accepted progress < expected - tolerance
4. not_started: the task has not begun, or nothing has been accepted yet
5. on_schedule

Framework-free: dates in, a dataclass out. Arithmetic is exact (``Fraction``) so the edges
of the rule do not depend on floating-point rounding.

>>> from datetime import date
>>> r = task_status(start=date(2024, 1, 1), deadline=date(2024, 12, 31),
...                 accepted_percent=40, today=date(2024, 7, 1), tolerance_points=5)
>>> r.status.value, float(r.expected_percent)
('behind', 50.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

DEFAULT_TOLERANCE_POINTS = 5  # percentage points below 序时进度 before a task counts as behind
FULL_PERCENT = 100


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_SCHEDULE = "on_schedule"
    BEHIND = "behind"
    OVERDUE = "overdue"
    DONE = "done"

    @property
    def light(self) -> str:
        """Traffic-light colour shown on pages."""
        return STATUS_LIGHTS[self]


STATUS_LIGHTS = {
    TaskStatus.NOT_STARTED: "grey",
    TaskStatus.ON_SCHEDULE: "green",
    TaskStatus.BEHIND: "amber",
    TaskStatus.OVERDUE: "red",
    TaskStatus.DONE: "blue",
}

# Labels people see, Chinese first.
STATUS_LABELS = {
    TaskStatus.NOT_STARTED: ("未开始", "not started"),
    TaskStatus.ON_SCHEDULE: ("按序时推进", "on schedule"),
    TaskStatus.BEHIND: ("滞后于序时进度", "behind schedule"),
    TaskStatus.OVERDUE: ("已逾期", "overdue"),
    TaskStatus.DONE: ("已完成", "done"),
}

Number = int | float | Decimal | Fraction


@dataclass(frozen=True)
class StatusResult:
    status: TaskStatus
    expected_percent: Fraction  # 序时进度 at the end of `today`, 0-100
    accepted_percent: Fraction  # latest accepted progress, 0-100 (0 when none)
    days_total: int  # calendar days from start to deadline, both included
    days_elapsed: int  # of those, days that have begun by `today` (0 before the start)
    days_left: int  # days from today to the deadline; negative once overdue

    @property
    def gap_points(self) -> Fraction:
        """Accepted minus expected progress, in percentage points (negative = behind)."""
        return self.accepted_percent - self.expected_percent


def expected_percent(start: date, deadline: date, today: date) -> tuple[Fraction, int, int]:
    """序时进度 at the end of ``today``: (percent, days elapsed, days total).

    >>> expected_percent(date(2024, 2, 28), date(2024, 3, 1), date(2024, 2, 29))
    (Fraction(200, 3), 2, 3)
    """
    if deadline < start:
        raise ValueError(f"deadline {deadline} is before start {start}")
    days_total = (deadline - start).days + 1
    days_elapsed = min(max((today - start).days + 1, 0), days_total)
    return Fraction(days_elapsed * FULL_PERCENT, days_total), days_elapsed, days_total


def task_status(
    *,
    start: date,
    deadline: date,
    accepted_percent: Number | None,
    today: date,
    tolerance_points: Number = DEFAULT_TOLERANCE_POINTS,
) -> StatusResult:
    """The status of one task on ``today`` (see the module docstring for the rules)."""
    expected, elapsed, total = expected_percent(start, deadline, today)
    accepted = Fraction(accepted_percent) if accepted_percent is not None else Fraction(0)
    tolerance = Fraction(tolerance_points)
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative: {tolerance_points}")
    if accepted >= FULL_PERCENT:
        status = TaskStatus.DONE
    elif today > deadline:
        status = TaskStatus.OVERDUE
    elif accepted < expected - tolerance:
        status = TaskStatus.BEHIND
    elif today < start or accepted_percent is None or accepted == 0:
        status = TaskStatus.NOT_STARTED
    else:
        status = TaskStatus.ON_SCHEDULE
    return StatusResult(
        status=status,
        expected_percent=expected,
        accepted_percent=accepted,
        days_total=total,
        days_elapsed=elapsed,
        days_left=(deadline - today).days,
    )
