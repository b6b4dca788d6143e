"""The major-project template (重大项目 + 年度投资 sheets), its upload, and project exports.

A project's stable key is (district, name); a yearly investment's is (project, year). Projects
are created through ``services.project_create`` (the district officer for its own district,
the city office for any); a saved project with other values is refused, since a stage moves
one step at a time on the project's page. Yearly investment is the figure districts update
every year, so a row with new amounts updates it through ``services.investment_record``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from hzdigital.lib.divisions import county_divisions, division_name
from hzdigital.lib.messages import Message
from hzdigital.lib.xlsx import (
    DEMO_COLUMN,
    Column,
    ExportTable,
    SheetSpec,
    demo_cell,
    template_workbook,
)
from hzdigital.lib.xlsx_cells import CellError, parse_choice, parse_decimal, parse_int, parse_text
from hzdigital.projects import access, selectors, services
from hzdigital.projects.models import FACTOR_UNITS, Factor, MajorProject, Stage, YearlyInvestment
from hzdigital.supervision.excel_rows import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Cells,
    RowProblem,
    SheetStep,
    UploadResult,
    differs,
    run_upload,
)

UNKNOWN_DISTRICT = Message(
    "“{value}”不是杭州市的区县(填写名称如“滨江区”或代码 330108)",
    "{value!r} is not a Hangzhou district: write a name like 滨江区 or a code like 330108",
)
NOT_YOUR_DISTRICT = Message(
    "您的角色无权导入{district}的项目", "Your role may not import projects of {district}"
)
UNKNOWN_PROJECT = Message(
    "{district}没有名为“{name}”的重大项目(请先在“重大项目”表中填写)",
    "No major project {name!r} in {district}: add it to the 重大项目 sheet first",
)

STAGE_CHOICES = {str(stage.label).split()[0]: stage.value for stage in Stage}
DISTRICT_NAMES = tuple(d.name for d in county_divisions())

PROJECT_SHEET = SheetSpec(
    "重大项目",
    (
        Column("name_zh", "项目名称", "project", required=True, width=34),
        Column("district", "区县", "district", required=True, choices=DISTRICT_NAMES, width=10),
        Column("nbs_category", "数字经济分类", "NBS category", required=True,
               note="国家数字经济分类代码,2/4/6 位,如 0101 / NBS 2021 code"),
        Column("investor", "投资主体", "investor", required=True, width=24),
        Column("stage", "阶段", "stage", choices=tuple(STAGE_CHOICES), width=8,
               note="空则为谋划 / empty means planning"),
        Column("total_investment_wan_yuan", "总投资(万元)", "total investment (10k yuan)",
               required=True, width=14),
        Column("action_plan", "专项行动计划", "special action plan", width=40),
    ),
    example=("滨江区示例智能物联产业园", "滨江区", "0101", "示例科技有限公司", "谋划", 120000, ""),
)  # fmt: skip
INVESTMENT_SHEET = SheetSpec(
    "年度投资",
    (
        Column("name_zh", "项目名称", "project", required=True, width=34),
        Column("district", "区县", "district", required=True, choices=DISTRICT_NAMES, width=10),
        Column("year", "年度", "year", required=True, width=8),
        Column("planned_wan_yuan", "计划投资(万元)", "planned (10k yuan)", required=True),
        Column("completed_wan_yuan", "完成投资(万元)", "completed (10k yuan)"),
    ),
    example=("滨江区示例智能物联产业园", "滨江区", 2025, 30000, 12000),
)
INSTRUCTIONS = (
    "重大标志性项目导入模板 / Major projects: import template",
    "1. “重大项目”表每行一个项目,“年度投资”表用“项目名称 + 区县”指向项目。",
    "   One project per row; a yearly investment names its project by name and district.",
    "2. 第 1 行为中文列名,第 2 行为英文列名;标记为“示例”的行不会导入,可删除。",
    "   Row 1: Chinese headers, row 2: English; the row marked 示例 is skipped.",
    "3. 区县联络员只能导入本区县的项目;领导小组办公室可导入全部区县。",
    "   A district officer imports its own district's projects; the city office any district's.",
    "4. 任一行有错,整个文件都不导入;系统返回带“错误原因”列的工作簿,改正后重新上传。",
    "   Any error refuses the whole file; you get it back with a reason column to fix.",
    "5. 已保存的项目不会被覆盖(阶段请在项目页面逐级推进);年度投资按新填的金额更新。",
    "   Saved projects are not overwritten; yearly investment is updated to the new amounts.",
)
PROJECT_FIELDS = {"district_code": "district"}
INVESTMENT_FIELDS = {"planned_wan_yuan": "planned_wan_yuan"}


def template_bytes() -> bytes:
    return template_workbook((PROJECT_SHEET, INVESTMENT_SHEET), INSTRUCTIONS)


def parse_district(value: Any) -> str:
    text = parse_text(value)
    by_name = {d.name: d.code for d in county_divisions()}
    if text in by_name.values():
        return text
    if text in by_name:
        return by_name[text]
    raise CellError("district", UNKNOWN_DISTRICT, value=text)


def _district_for(by: Any, cells: Cells) -> str:
    """The row's district, if ``by`` may write it (the services check again)."""
    district = cells("district", parse_district)
    if not access.may_write_district(by, district):
        name = division_name(district)
        zh, en = (
            NOT_YOUR_DISTRICT.zh.format(district=name),
            NOT_YOUR_DISTRICT.en.format(district=name),
        )
        raise RowProblem(cells.columns["district"], "permission", zh, en)
    return district


def _handle_project(by: Any) -> Any:
    def handle(cells: Cells) -> str:
        district = _district_for(by, cells)
        name = cells("name_zh", parse_text)
        fields = {
            "nbs_category": cells("nbs_category", parse_text),
            "investor": cells("investor", parse_text),
            "stage": cells("stage", lambda v: parse_choice(v, STAGE_CHOICES)) or Stage.PLANNING,
            "total_investment_wan_yuan": cells("total_investment_wan_yuan", parse_decimal),
            "action_plan": cells("action_plan", parse_text),
        }
        saved = MajorProject.objects.filter(district_code=district, name_zh=name).first()
        if saved is not None:
            if all(getattr(saved, key) == value for key, value in fields.items()):
                return UNCHANGED
            raise differs("重大项目", "major project")
        services.project_create(by=by, name_zh=name, district_code=district, **fields)
        return CREATED

    return handle


def _handle_investment(by: Any) -> Any:
    def handle(cells: Cells) -> str:
        district = _district_for(by, cells)
        name = cells("name_zh", parse_text)
        project = MajorProject.objects.filter(district_code=district, name_zh=name).first()
        if project is None:
            values = {"district": division_name(district), "name": name}
            zh, en = UNKNOWN_PROJECT.zh.format(**values), UNKNOWN_PROJECT.en.format(**values)
            raise RowProblem(cells.columns["name_zh"], "project", zh, en)
        year = cells("year", parse_int)
        planned = cells("planned_wan_yuan", parse_decimal)
        completed = cells("completed_wan_yuan", parse_decimal)
        saved = YearlyInvestment.objects.filter(project=project, year=year).first()
        if saved and (saved.planned_wan_yuan, saved.completed_wan_yuan) == (planned, completed):
            return UNCHANGED
        services.investment_record(
            by=by, project=project, year=year, planned_wan_yuan=planned,
            completed_wan_yuan=completed if completed is not None else 0,
        )  # fmt: skip
        return UPDATED if saved else CREATED

    return handle


def _district(cells: Cells) -> str:
    """A row's lock scope: projects are keyed within a district."""
    return cells("district", parse_district)


def upload(content: bytes, name: str, *, by: Any) -> UploadResult:
    return run_upload(
        content,
        name,
        (
            SheetStep(PROJECT_SHEET, _handle_project(by), PROJECT_FIELDS, _district),
            SheetStep(INVESTMENT_SHEET, _handle_investment(by), INVESTMENT_FIELDS, _district),
        ),
        lock="major_projects",
    )


# Exports: the rows the project pages show this user.

SOURCE = (
    "来源:hzdigital 重大项目台账(各区县填报,领导小组办公室审批要素)· 截至 {day} / Source: "
    "hzdigital major-project records (districts report, the city office decides factors) · as "
    "of {day}"
)
PROJECT_EXPORT_COLUMNS = (
    Column("name_zh", "项目名称", "project", width=34),
    Column("district", "区县", "district", width=10),
    Column("stage", "阶段", "stage", width=14),
    Column("nbs_category", "数字经济分类", "NBS category", width=10),
    Column("investor", "投资主体", "investor", width=24),
    Column("total", "总投资(万元)", "total investment (10k yuan)", width=14),
    Column("completed", "累计完成投资(万元)", "completed investment (10k yuan)", width=14),
    Column("rate", "投资完成率(%)", "completion %", width=10),
    DEMO_COLUMN,
)
BALANCE_EXPORT_COLUMNS = (
    Column("district", "区县", "district", width=10),
    Column("year", "年度", "year", width=8),
    Column("factor", "要素", "factor", width=26),
    Column("unit", "单位", "unit", width=10),
    Column("quota", "指标", "quota", width=12),
    Column("requested", "申请量", "requested", width=12),
    Column("approved", "已批准", "approved", width=12),
    Column("pending", "待审批", "pending", width=12),
    Column("remaining", "剩余", "remaining", width=12),
    Column("used_percent", "使用率(%)", "used %", width=10),
)


def _source() -> str:
    return SOURCE.format(day=timezone.localdate().isoformat())


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def projects_table(user: Any, *, stage: str = "", district: str = "") -> ExportTable:
    """The list page's rows, with its stage and district filters."""
    projects = access.projects_visible_to(user).prefetch_related("years")
    if stage in Stage.values:
        projects = projects.filter(stage=stage)
    if district:
        projects = projects.filter(district_code=district)
    rows = [
        (p.name_zh, p.district_name, p.get_stage_display(), p.nbs_category, p.investor,
         float(p.total_investment_wan_yuan), float(p.completed_investment_wan_yuan),
         _number(p.completion_rate_percent), demo_cell(p.is_demo))
        for p in projects
    ]  # fmt: skip
    demo = sum(1 for p in projects if p.is_demo)
    return ExportTable("重大项目", PROJECT_EXPORT_COLUMNS, rows, _source(), demo)


def balances_table(user: Any, *, year: int) -> ExportTable:
    """The balance page's rows for ``year``; quotas are set by the office, not demo-labelled
    per row, so the source line carries the label when any project behind them is demo."""
    balances = selectors.balances(year, access.districts_visible_to(user))
    rows = [
        (division_name(b.district_code), b.year, Factor(b.factor).label, FACTOR_UNITS[b.factor],
         _number(b.quota), float(b.requested), float(b.approved), float(b.pending),
         float(b.remaining), _number(b.used_percent))
        for b in balances
    ]  # fmt: skip
    codes = {b.district_code for b in balances}
    demo = access.projects_visible_to(user).filter(district_code__in=codes, is_demo=True).count()
    source = _source()
    if demo:
        source += " · 含演示项目的申请 / includes requests of demo projects"
    return ExportTable(f"要素保障{year}", BALANCE_EXPORT_COLUMNS, rows, source)
