"""The request and response bodies of ``api.supervision_writes`` (work points, tasks,
实施方案, notices); the units and milestones are shaped as in ``api.supervision``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema

from hzdigital.api.supervision import MilestoneOut, UnitOut


class WorkPointIn(Schema):
    year: int
    ident: str
    title_zh: str
    title_en: str = ""
    measure_id: int | None = None  # a measure of the active plan edition
    indicator_key: str = ""


class PublishIn(Schema):
    published: bool = True  # false withdraws the point


class MilestoneIn(Schema):
    year: int
    quarter: int
    text_zh: str
    target_percent: int


class TaskIn(Schema):
    title_zh: str
    lead_unit: str  # slug of an office, department or district
    co_units: list[str] = []
    start: date
    deadline: date
    target_value: Decimal | None = None
    target_unit: str = ""
    target_text: str = ""
    milestones: list[MilestoneIn] = []  # replaces all of the task's milestones


class PlanIn(Schema):
    title_zh: str
    summary_zh: str = ""
    work_point_ids: list[int]  # the year's work points the unit may see


class WorkPointRowOut(Schema):
    id: int
    year: int
    ident: str
    title_zh: str
    title_en: str
    measure_id: int | None
    measure_ident: str | None
    indicator_key: str
    published: bool
    demo: bool  # synthetic demo data, not the city's real work points
    can_manage: bool


class TaskBriefOut(Schema):
    id: int
    title_zh: str
    lead_unit: UnitOut
    co_units: list[UnitOut]
    start: date
    deadline: date
    target_value: float | None
    target_unit: str
    target_text: str
    milestones: list[MilestoneOut]
    demo: bool


class WorkPointDetailOut(WorkPointRowOut):
    tasks: list[TaskBriefOut]  # only those the user may see


class PlanOut(Schema):
    id: int
    year: int
    unit: UnitOut
    title_zh: str
    summary_zh: str
    work_points: list[int]
    state: str  # draft | submitted | accepted | returned
    state_label: str
    return_reason: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    demo: bool
    can_write: bool
    can_review: bool


class NoticeOut(Schema):
    id: int
    task_id: int
    kind: str  # due_soon | behind | overdue
    day: date
    message: str
    read_at: datetime | None


class MarkedOut(Schema):
    marked: int


class NoticeFilter(Schema):
    unread: bool = False  # only the notices not yet read
