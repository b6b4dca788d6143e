"""The work-point template (工作要点 + 任务 sheets), its upload, and the supervision exports.

A work point's stable key is (year, 序号); a task's is (its work point, title, lead unit).
Rows whose key is already saved with the same values are left alone, so re-uploading a file
changes nothing; new rows go through ``services.work_point_create`` / ``services.task_create``
and changed ones through ``work_point_update`` (+ ``work_point_publish``) / ``task_update``, the
same functions the office's pages use. A new title or lead unit makes a new task (the key).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import timezone

from hzdigital.accounts.access import role_of
from hzdigital.accounts.models import OrgUnit
from hzdigital.lib.messages import Message
from hzdigital.lib.xlsx import (
    DEMO_COLUMN,
    Column,
    ExportTable,
    SheetSpec,
    demo_cell,
    template_workbook,
)
from hzdigital.lib.xlsx_cells import (
    CellError,
    parse_date,
    parse_decimal,
    parse_flag,
    parse_int,
    parse_text,
    split_list,
)
from hzdigital.plan.models import Measure
from hzdigital.supervision import access, selectors, services
from hzdigital.supervision.excel_rows import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Cells,
    RowProblem,
    SheetStep,
    UploadResult,
    run_upload,
)
from hzdigital.supervision.models import ProgressReport, Task, WorkPoint

TARGET_UNITS = ("家", "个", "项", "件", "人", "亿元", "万元", "%", "GW", "PB")
MILESTONE_FORMAT = "2024Q2=50=完成半数;2024Q4=100=全部建成"
UNKNOWN_UNIT = Message("没有名为“{name}”的单位", "No org unit is named {name!r}")
UNKNOWN_POINT = Message(
    "{year} 年没有序号为 {ident} 的工作要点(请先在“工作要点”表中填写)",
    "No work point {ident} in {year}: add it to the 工作要点 sheet first",
)
UNKNOWN_MEASURE = Message("现行规划中没有编号为 {ident} 的保障措施", "No plan measure {ident}")
BAD_MILESTONES = Message(
    "里程碑应写作 " + MILESTONE_FORMAT, "Milestones must look like " + MILESTONE_FORMAT
)

POINT_SHEET = SheetSpec(
    "工作要点",
    (
        Column("year", "年度", "year", required=True, width=8),
        Column("ident", "序号", "number", required=True, width=8),
        Column("title_zh", "工作要点", "work point", required=True, width=40),
        Column("title_en", "英文标题", "title in English", width=30),
        Column("measure", "规划措施编号", "plan measure", note="如 4.1.1, 可空 / may be empty"),
        Column("indicator_key", "指标", "indicator key", note="如 core_value_added"),
        Column("published", "是否公开", "published", choices=("是", "否"), width=10),
    ),
    example=(2025, "1", "推进数字安防产业集群建设", "Digital security cluster", "", "", "否"),
)
TASK_SHEET = SheetSpec(
    "任务",
    (
        Column("year", "要点年度", "work point year", required=True, width=8),
        Column("ident", "要点序号", "work point number", required=True, width=8),
        Column("title_zh", "任务", "task", required=True, width=36),
        Column("title_en", "英文任务名", "task in English", width=24),
        Column("lead_unit", "牵头单位", "lead unit", required=True, width=20),
        Column("co_units", "配合单位", "co-units", note="多个用“、”分隔 / separate with 、"),
        Column("start", "开始日期", "start", required=True, width=12, note="2025-01-01"),
        Column("deadline", "截止日期", "deadline", required=True, width=12, note="2025-12-31"),
        Column("target_value", "目标值", "target value", width=10),
        Column("target_unit", "目标单位", "target unit", choices=TARGET_UNITS, width=10),
        Column("target_text", "目标说明", "target text", width=30),
        Column("milestones", "季度里程碑", "milestones", width=36, note=MILESTONE_FORMAT),
    ),
    example=(
        2025,
        "1",
        "新增规上数字安防企业",
        "",
        "滨江区人民政府",
        "市经信局",
        "2025-01-01",
        "2025-12-31",
        20,
        "家",
        "",
        "2025Q2=50=完成半数",
    ),  # fmt: skip
)
INSTRUCTIONS = (
    "数字经济工作要点与任务导入模板 / Work points and tasks: import template",
    "1. 先填“工作要点”,再填“任务”;任务用“要点年度 + 要点序号”指向所属要点。",
    "   Fill the work points first; a task names its point by year and number.",
    "2. 第 1 行为中文列名,第 2 行为英文列名;标记为“示例”的行不会导入,可删除。",
    "   Row 1: Chinese headers, row 2: English; the row marked 示例 is skipped.",
    "3. 单位名称须与系统中的单位一致(如“滨江区人民政府”“市经信局”)。",
    "   Unit names must match the system's units.",
    "4. 任一行有错,整个文件都不导入;系统返回带“错误原因”列的工作簿,改正后重新上传。",
    "   Any error refuses the whole file; you get it back with a reason column to fix.",
    "5. 重复上传同一文件不会重复创建;已保存的要点和任务按新填的内容更新(任务以要点、任务名称和牵头单位识别)。",
    "   Re-uploading creates nothing twice; saved items are updated (a task is known by its",
    "   work point, title and lead unit).",
)


def _units() -> dict[str, OrgUnit]:
    units = {}
    for unit in OrgUnit.objects.exclude(kind=OrgUnit.Kind.ENTERPRISE):
        units[unit.slug.casefold()] = unit
        units[unit.name_zh.casefold()] = unit
    return units


def template_bytes() -> bytes:
    """The template, with today's unit names as the lead unit's drop-down list."""
    names = tuple(
        OrgUnit.objects.exclude(kind=OrgUnit.Kind.ENTERPRISE)
        .order_by("kind", "order", "name_zh")
        .values_list("name_zh", flat=True)
    )
    columns = tuple(
        replace(c, choices=names) if c.key == "lead_unit" and names else c
        for c in TASK_SHEET.columns
    )
    return template_workbook((POINT_SHEET, replace(TASK_SHEET, columns=columns)), INSTRUCTIONS)


def _unit(units: dict[str, OrgUnit], name: str, column: Column) -> OrgUnit:
    unit = units.get(name.casefold())
    if unit is None:
        message = UNKNOWN_UNIT
        raise RowProblem(column, "unit", message.zh.format(name=name), message.en.format(name=name))
    return unit


def _measure(ident: str, column: Column) -> Measure | None:
    if not ident:
        return None
    measure = Measure.objects.filter(edition__is_active=True, ident=ident).first()
    if measure is None:
        zh, en = UNKNOWN_MEASURE.zh, UNKNOWN_MEASURE.en
        raise RowProblem(column, "measure", zh.format(ident=ident), en.format(ident=ident))
    return measure


def parse_milestones(value: Any) -> list[services.MilestoneSpec]:
    specs = []
    for part in split_list(str(value or "").replace("、", ";")):
        bits = [b.strip() for b in part.split("=", 2)]
        if len(bits) != 3 or len(bits[0]) != 6 or bits[0][4] not in "Qq":
            raise CellError("milestone", BAD_MILESTONES)
        try:
            year, quarter, percent = int(bits[0][:4]), int(bits[0][5]), int(bits[1])
        except ValueError as error:
            raise CellError("milestone", BAD_MILESTONES) from error
        specs.append(services.MilestoneSpec(year, quarter, bits[2], percent))
    return specs


def _handle_point(by: Any) -> Any:
    def handle(cells: Cells) -> str:
        year, ident = cells("year", parse_int), cells("ident", parse_text)
        fields = {
            "title_zh": cells("title_zh", parse_text),
            "title_en": cells("title_en", parse_text),
            "measure": _measure(cells("measure", parse_text), cells.columns["measure"]),
            "indicator_key": cells("indicator_key", parse_text),
            "published": cells("published", parse_flag),
        }
        saved = WorkPoint.objects.filter(year=year, ident=ident).first()
        if saved is None:
            services.work_point_create(by=by, year=year, ident=ident, **fields)
            return CREATED
        if all(getattr(saved, name) == value for name, value in fields.items()):
            return UNCHANGED
        published = fields.pop("published")
        services.work_point_update(by=by, point=saved, year=year, ident=ident, **fields)
        services.work_point_publish(by=by, point=saved, published=published)
        return UPDATED

    return handle


def _milestone_set(specs) -> set[tuple]:
    return {(s.year, s.quarter, s.text_zh, s.target_percent) for s in specs}


def _handle_task(by: Any) -> Any:
    units = _units()

    def handle(cells: Cells) -> str:
        year, ident = cells("year", parse_int), cells("ident", parse_text)
        point = WorkPoint.objects.filter(year=year, ident=ident).first()
        if point is None:
            message = UNKNOWN_POINT
            zh, en = (
                message.zh.format(year=year, ident=ident),
                message.en.format(year=year, ident=ident),
            )
            raise RowProblem(cells.columns["ident"], "work_point", zh, en)
        columns = cells.columns
        lead = _unit(units, cells("lead_unit", parse_text), columns["lead_unit"])
        co_units = [_unit(units, n, columns["co_units"]) for n in cells("co_units", split_list)]
        fields = {
            "title_zh": cells("title_zh", parse_text),
            "start": cells("start", parse_date),
            "deadline": cells("deadline", parse_date),
            "target_value": cells("target_value", parse_decimal),
            "target_unit": cells("target_unit", parse_text),
            "target_text": cells("target_text", parse_text),
        }
        milestones = cells("milestones", parse_milestones)
        saved = Task.objects.filter(
            work_point=point, title_zh=fields["title_zh"], lead_unit=lead
        ).first()
        rest = {"lead_unit": lead, "co_units": co_units, "milestones": milestones, **fields}
        if saved is None:
            services.task_create(by=by, work_point=point, **rest)
            return CREATED
        same = all(getattr(saved, name) == value for name, value in fields.items())
        same &= {u.pk for u in saved.co_units.all()} == {u.pk for u in co_units} - {lead.pk}
        saved_milestones = saved.milestones.values_list(
            "year", "quarter", "text_zh", "target_percent"
        )
        same &= set(saved_milestones) == _milestone_set(milestones)
        if same:
            return UNCHANGED
        services.task_update(by=by, task=saved, **rest)
        return UPDATED

    return handle


TASK_FIELDS = {"work_point": "ident", "lead_unit": "lead_unit", "milestones": "milestones"}
TASK_FIELDS |= {f: "milestones" for f in ("year", "quarter", "text_zh", "target_percent")}


def _year(cells: Cells) -> str:
    """A row's lock scope: work points and their tasks are keyed within a year."""
    return str(cells("year", parse_int))


def upload(content: bytes, name: str, *, by: Any) -> UploadResult:
    """Import a filled template for ``by`` (the office); nothing is saved unless all rows pass."""
    return run_upload(
        content,
        name,
        (
            SheetStep(POINT_SHEET, _handle_point(by), {}, _year),
            SheetStep(TASK_SHEET, _handle_task(by), TASK_FIELDS, _year),
        ),
        lock="work_points",
    )


# Exports: the same rows the pages show this user, a source line, demo rows labelled.

SOURCE = (
    "来源:hzdigital 督查台账(领导小组办公室发布,各单位填报)· 截至 {day} / Source: hzdigital "
    "supervision records (published by the leading-group office, reported by the units) · as of "
    "{day}"
)


def _source() -> str:
    return SOURCE.format(day=timezone.localdate().isoformat())


def work_points_table(user: Any) -> ExportTable:
    points = access.work_points_visible_to(user).order_by("-year", "ident")
    rows = [
        (p.year, p.ident, p.title_zh, p.title_en, p.measure.ident if p.measure else "",
         p.indicator_key, "是" if p.published else "否", demo_cell(p.is_demo))
        for p in points
    ]  # fmt: skip
    columns = (*POINT_SHEET.columns, DEMO_COLUMN)
    demo = sum(1 for p in points if p.is_demo)
    return ExportTable("工作要点", columns, rows, _source(), demo)


TASK_EXPORT_COLUMNS = (
    Column("work_point", "工作要点", "work point", width=30),
    Column("title_zh", "任务", "task", width=36),
    Column("lead_unit", "牵头单位", "lead unit", width=20),
    Column("co_units", "配合单位", "co-units", width=20),
    Column("start", "开始日期", "start", width=12),
    Column("deadline", "截止日期", "deadline", width=12),
    Column("target", "目标", "target", width=16),
    Column("status", "状态", "status", width=14),
    Column("expected_percent", "序时进度(%)", "expected progress %", width=10),
    Column("accepted_percent", "已采纳进度(%)", "accepted progress %", width=10),
    Column("days_left", "剩余天数", "days left", width=8),
    DEMO_COLUMN,
)


def _target(task: Task) -> str:
    value = "" if task.target_value is None else f"{task.target_value.normalize():f}"
    return f"{value}{task.target_unit} {task.target_text}".strip()


def tasks_table(user: Any) -> ExportTable:
    tasks = access.tasks_visible_to(user).prefetch_related("co_units")
    rows = []
    for row in selectors.task_rows(tasks):
        t, result = row.task, row.result
        rows.append((
            f"{t.work_point.year}-{t.work_point.ident} {t.work_point.title_zh}", t.title_zh,
            t.lead_unit.name_zh, "、".join(u.name_zh for u in t.co_units.all()), t.start,
            t.deadline, _target(t), f"{row.label_zh} {row.label_en}",
            float(result.expected_percent), float(result.accepted_percent), result.days_left,
            demo_cell(t.is_demo),
        ))  # fmt: skip
    demo = sum(1 for t in tasks if t.is_demo)
    return ExportTable("任务进度", TASK_EXPORT_COLUMNS, rows, _source(), demo)


REPORT_EXPORT_COLUMNS = (
    Column("task", "任务", "task", width=36),
    Column("lead_unit", "牵头单位", "lead unit", width=20),
    Column("period", "报告期", "period", width=8),
    Column("percent", "完成进度(%)", "progress %", width=10),
    Column("text", "进展情况", "progress text", width=40),
    Column("review", "审核状态", "review", width=14),
    Column("return_reason", "退回理由", "return reason", width=24),
    Column("submitted_at", "提交时间", "submitted at", width=18),
    Column("reviewed_at", "审核时间", "reviewed at", width=18),
    DEMO_COLUMN,
)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def reports_table(user: Any) -> ExportTable:
    visible = access.tasks_visible_to(user).values("pk")
    reports = ProgressReport.objects.filter(task__in=visible).select_related("task__lead_unit")
    reports = reports.order_by("task__deadline", "task_id", "period", "pk")
    rows = [
        (r.task.title_zh, r.task.lead_unit.name_zh, r.period, float(r.percent), r.text,
         r.get_review_display(), r.return_reason, _local(r.submitted_at), _local(r.reviewed_at),
         demo_cell(r.is_demo))
        for r in reports
    ]  # fmt: skip
    demo = sum(1 for r in reports if r.is_demo)
    return ExportTable("进度报告", REPORT_EXPORT_COLUMNS, rows, _source(), demo)


def may_export_tasks(user: Any) -> bool:
    """Tasks and reports: the workspace's readers (office, auditors, units' members)."""
    role = role_of(user)
    return role.sees_own_unit or role.sees_all_units
