"""A small supervision world on top of the cast: one work point, tasks, a report to review.

Shared by the supervision tests; the status and reminder tests build their own dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cast import Cast
from hzdigital.supervision.models import ProgressReport, Task, WorkPoint
from hzdigital.supervision.services import (
    MilestoneSpec,
    report_submit,
    task_create,
    work_point_create,
)


@dataclass(frozen=True)
class World:
    cast: Cast
    work_point: WorkPoint
    binjiang_task: Task  # led by 滨江, 市经信局 a co-unit
    chunan_task: Task  # led by 淳安
    department_task: Task  # led by 市经信局
    pending_report: ProgressReport  # 滨江's report awaiting review


def make_world(cast: Cast) -> World:
    office = cast.city_officer
    point = work_point_create(by=office, year=2024, ident="1", title_zh="推进数字安防产业集群建设")
    year = {"start": date(2024, 1, 1), "deadline": date(2024, 12, 31)}
    binjiang_task = task_create(
        by=office, work_point=point, title_zh="新增规上数字安防企业", lead_unit=cast.binjiang,
        co_units=[cast.department], target_value=20, target_unit="家",
        milestones=[MilestoneSpec(2024, 2, "完成半数", 50)], **year,
    )  # fmt: skip
    chunan_task = task_create(
        by=office, work_point=point, title_zh="建设千岛湖数据中心", lead_unit=cast.chunan, **year
    )
    department_task = task_create(
        by=office, work_point=point, title_zh="出台产业政策", lead_unit=cast.department, **year
    )
    report = report_submit(
        by=cast.binjiang_officer, task=binjiang_task, period="2024Q1", percent=20,
        text="已新增 4 家",
    )  # fmt: skip
    return World(cast, point, binjiang_task, chunan_task, department_task, report)
