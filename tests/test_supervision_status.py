"""A task's status follows the time-proportional rule (序时进度) at its edges, clock frozen.

Every case names its day explicitly (`today=`): the status function never reads the clock,
which is what freezes it. The expected share is checked against an independent count of the
calendar days, walked one by one.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hzdigital.supervision.status import (
    STATUS_LABELS,
    TaskStatus,
    expected_percent,
    task_status,
)

YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))  # a leap year: 366 days
YEAR_2023 = (date(2023, 1, 1), date(2023, 12, 31))  # 365 days


def status(start, deadline, today, accepted, tolerance=5):
    return task_status(
        start=start,
        deadline=deadline,
        accepted_percent=accepted,
        today=today,
        tolerance_points=tolerance,
    ).status


def days_walked(start: date, today: date, deadline: date) -> tuple[int, int]:
    """Independent count: walk the calendar day by day."""
    total = elapsed = 0
    day = start
    while day <= deadline:
        total += 1
        elapsed += day <= today
        day += timedelta(days=1)
    return elapsed, total


def test_a_leap_year_task_is_half_due_at_the_end_of_1_july() -> None:
    # 1 Jan - 1 Jul 2024 is 183 of 366 days (29 February included).
    share, elapsed, total = expected_percent(*YEAR_2024, today=date(2024, 7, 1))
    assert (elapsed, total, share) == (183, 366, Fraction(50))


def test_the_same_day_in_a_common_year_is_past_half() -> None:
    share, elapsed, total = expected_percent(*YEAR_2023, today=date(2023, 7, 1))
    assert (elapsed, total) == (182, 365)
    assert share == Fraction(182 * 100, 365)


def test_29_february_counts_as_a_day() -> None:
    start, deadline = date(2024, 2, 28), date(2024, 3, 1)
    assert expected_percent(start, deadline, date(2024, 2, 29))[1:] == (2, 3)


@pytest.mark.parametrize(
    ("accepted", "expected_status"),
    [
        (45, TaskStatus.ON_SCHEDULE),  # exactly at the tolerance: still on schedule
        (Fraction(449, 10), TaskStatus.BEHIND),  # a tenth of a point below it: behind
        (50, TaskStatus.ON_SCHEDULE),
        (80, TaskStatus.ON_SCHEDULE),  # ahead of schedule is on schedule
    ],
)
def test_the_tolerance_edge_on_a_half_elapsed_task(accepted, expected_status) -> None:
    assert status(*YEAR_2024, date(2024, 7, 1), accepted, tolerance=5) == expected_status


def test_a_zero_tolerance_makes_any_shortfall_behind() -> None:
    assert status(*YEAR_2024, date(2024, 7, 1), 50, tolerance=0) == TaskStatus.ON_SCHEDULE
    assert status(*YEAR_2024, date(2024, 7, 1), 49.9, tolerance=0) == TaskStatus.BEHIND


def test_the_tolerance_is_configurable() -> None:
    assert status(*YEAR_2024, date(2024, 7, 1), 35, tolerance=15) == TaskStatus.ON_SCHEDULE
    assert status(*YEAR_2024, date(2024, 7, 1), 35, tolerance=10) == TaskStatus.BEHIND


def test_before_the_start_a_task_is_not_started_and_expects_nothing() -> None:
    result = task_status(
        start=date(2024, 3, 1), deadline=date(2024, 6, 30), accepted_percent=None,
        today=date(2024, 2, 29),
    )  # fmt: skip
    assert result.status == TaskStatus.NOT_STARTED
    assert result.expected_percent == 0 and result.days_elapsed == 0


def test_on_day_0_a_task_without_progress_is_not_started_not_behind() -> None:
    # Day 0 expects 1/366 of the work: far inside the tolerance.
    result = task_status(start=YEAR_2024[0], deadline=YEAR_2024[1], accepted_percent=None,
                         today=YEAR_2024[0])  # fmt: skip
    assert result.status == TaskStatus.NOT_STARTED
    assert result.expected_percent == Fraction(100, 366)


def test_nothing_accepted_once_past_the_tolerance_is_behind() -> None:
    # 5 % of 366 days is 18.3 days: the 19th day tips it.
    assert status(*YEAR_2024, date(2024, 1, 18), None) == TaskStatus.NOT_STARTED
    assert status(*YEAR_2024, date(2024, 1, 19), None) == TaskStatus.BEHIND


def test_on_the_deadline_day_everything_is_due_but_nothing_is_overdue() -> None:
    assert status(*YEAR_2024, date(2024, 12, 31), 95) == TaskStatus.ON_SCHEDULE
    assert status(*YEAR_2024, date(2024, 12, 31), 94) == TaskStatus.BEHIND
    assert expected_percent(*YEAR_2024, today=date(2024, 12, 31))[0] == 100


def test_the_day_after_the_deadline_an_unfinished_task_is_overdue() -> None:
    assert status(*YEAR_2024, date(2025, 1, 1), 99.9) == TaskStatus.OVERDUE


def test_a_task_accepted_at_100_percent_is_done_even_after_the_deadline() -> None:
    assert status(*YEAR_2024, date(2025, 3, 1), 100) == TaskStatus.DONE
    assert status(*YEAR_2024, date(2024, 2, 1), 100) == TaskStatus.DONE


def test_a_one_day_task_is_fully_due_on_its_day() -> None:
    day = date(2024, 2, 29)
    assert expected_percent(day, day, day)[0] == 100
    assert status(day, day, day, 0) == TaskStatus.BEHIND
    assert status(day, day, day + timedelta(days=1), 0) == TaskStatus.OVERDUE


def test_days_left_turns_negative_once_overdue() -> None:
    result = task_status(start=YEAR_2024[0], deadline=YEAR_2024[1], accepted_percent=10,
                         today=date(2025, 1, 3))  # fmt: skip
    assert result.days_left == -3


def test_it_refuses_a_deadline_before_the_start() -> None:
    with pytest.raises(ValueError, match="before start"):
        expected_percent(date(2024, 5, 1), date(2024, 4, 30), date(2024, 5, 1))


def test_it_refuses_a_negative_tolerance() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        status(*YEAR_2024, date(2024, 7, 1), 50, tolerance=-1)


def test_every_status_has_a_light_and_labels_in_both_languages() -> None:
    for item in TaskStatus:
        assert item.light
        zh, en = STATUS_LABELS[item]
        assert zh and en


DATES = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(start=DATES, length=st.integers(0, 800), offset=st.integers(-30, 830))
def test_the_expected_share_matches_a_day_by_day_count(start, length, offset) -> None:
    deadline = start + timedelta(days=length)
    today = start + timedelta(days=offset)
    share, elapsed, total = expected_percent(start, deadline, today)
    walked_elapsed, walked_total = days_walked(start, today, deadline)
    assert (elapsed, total) == (walked_elapsed, walked_total)
    assert share == Fraction(100 * walked_elapsed, walked_total)


@given(
    start=DATES,
    length=st.integers(0, 800),
    offset=st.integers(-30, 830),
    accepted=st.none() | st.fractions(0, 100),
    tolerance=st.integers(0, 20),
)
def test_the_status_agrees_with_the_rules_written_out(
    start, length, offset, accepted, tolerance
) -> None:
    deadline = start + timedelta(days=length)
    today = start + timedelta(days=offset)
    got = status(start, deadline, today, accepted, tolerance)
    walked_elapsed, walked_total = days_walked(start, today, deadline)
    progress = accepted or 0
    if progress == 100:
        assert got == TaskStatus.DONE
    elif today > deadline:
        assert got == TaskStatus.OVERDUE
    elif progress * walked_total < (100 * walked_elapsed - tolerance * walked_total):
        assert got == TaskStatus.BEHIND
    elif today < start or progress == 0:
        assert got == TaskStatus.NOT_STARTED
    else:
        assert got == TaskStatus.ON_SCHEDULE
