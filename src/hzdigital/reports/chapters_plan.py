"""Chapters on carrying the plan out: work points and major projects, and the method notes."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from hzdigital.lib.messages import Message
from hzdigital.reports import text as T
from hzdigital.reports.context import Context
from hzdigital.reports.model import Chapter, Chart, Column, Table

M = Message

MSG_NO_WORK_POINTS = M("尚无任何年度的工作要点。", "No work points have been entered for any year.")
MSG_WORK_POINTS_OTHER_YEAR = M(
    "{year} 年没有工作要点;下表为最近一年({shown} 年)的进展,截至 {day}。",
    "There are no work points for {year}; the table shows the latest year ({shown}), as of {day}.",
)
MSG_WORK_POINTS_YEAR = M("{year} 年工作要点任务进展,截至 {day}。",
                         "Progress of the {year} work points' tasks, as of {day}.")  # fmt: skip
MSG_NO_PROJECTS = M("重大项目库中没有项目。", "The major-project register is empty.")


def _work_points(ctx: Context) -> tuple[list[str], list[Table], list[str]]:
    from hzdigital.supervision.models import Task, WorkPoint
    from hzdigital.supervision.selectors import dashboard
    from hzdigital.supervision.status import STATUS_LABELS, TaskStatus

    years = sorted(set(WorkPoint.objects.values_list("year", flat=True)))
    if not years:
        return [ctx.t(MSG_NO_WORK_POINTS)], [], []
    shown = ctx.year if ctx.year in years else max(years)
    tasks = Task.objects.filter(work_point__year=shown).select_related("lead_unit", "work_point")
    board = dashboard(tasks)
    demo = tasks.filter(is_demo=True).exists()
    source = ctx.book.message(
        "supervision:demo" if demo else "supervision",
        T.SOURCE_SUPERVISION_DEMO if demo else T.SOURCE_SUPERVISION,
        synthetic=demo,
    )
    day = board.day.isoformat()
    intro = (
        ctx.t(MSG_WORK_POINTS_YEAR, year=shown, day=day)
        if shown == ctx.year
        else ctx.t(MSG_WORK_POINTS_OTHER_YEAR, year=ctx.year, shown=shown, day=day)
    )
    lang = 1 if ctx.lang == "en" else 0
    totals = Table(
        caption=ctx.t(M("任务状态", "Tasks by status")),
        columns=(Column(ctx.t(M("状态", "status"))), Column(ctx.t(M("任务数", "tasks")), 0)),
        rows=tuple((STATUS_LABELS[s][lang], board.totals[s]) for s in TaskStatus),
        sources=(source,),
    )
    by_unit = Table(
        caption=ctx.t(M("各牵头单位进展", "Progress by lead unit")),
        columns=(
            Column(ctx.t(M("牵头单位", "lead unit"))),
            Column(ctx.t(M("任务数", "tasks")), 0),
            Column(ctx.t(M("滞后", "behind")), 0),
            Column(ctx.t(M("逾期", "overdue")), 0),
            Column(ctx.t(M("平均审核进度(%)", "mean accepted progress (%)")), 1),
            Column(ctx.t(M("平均序时进度(%)", "mean time-proportional progress (%)")), 1),
        ),
        rows=tuple(
            (
                (p.unit.name_en or p.unit.name_zh) if ctx.lang == "en" else p.unit.name_zh,
                p.tasks,
                p.count("behind"),
                p.count("overdue"),
                p.mean_accepted_percent,
                p.mean_expected_percent,
            )
            for p in board.by_unit
        ),
        sources=(source,),
    )
    return [intro], [totals, by_unit], [source]


def _projects(ctx: Context) -> tuple[list[str], list[Table], list[Chart]]:
    from hzdigital.projects.models import MajorProject, Stage, YearlyInvestment
    from hzdigital.reports import svg

    projects = list(MajorProject.objects.all())
    if not projects:
        return [ctx.t(MSG_NO_PROJECTS)], [], []
    demo = any(p.is_demo for p in projects)
    source = ctx.book.message(
        "projects:demo" if demo else "projects",
        T.SOURCE_PROJECTS_DEMO if demo else T.SOURCE_PROJECTS,
        synthetic=demo,
    )
    counts = Counter(p.stage for p in projects)
    lang = 1 if ctx.lang == "en" else 0
    stage_rows = []
    for stage in Stage.__members__.values():
        # Labels are "谋划 planning": the Chinese word, then the English one.
        words = str(stage.label).split(" ", 1)
        stage_rows.append((words[lang] if len(words) > 1 else words[0], counts[stage]))
    investment = YearlyInvestment.objects.filter(year=ctx.year)
    planned = sum((i.planned_wan_yuan for i in investment), Decimal(0))
    completed = sum((i.completed_wan_yuan for i in investment), Decimal(0))
    stages = Table(
        caption=ctx.t(M("重大项目按阶段", "Major projects by stage")),
        columns=(Column(ctx.t(M("阶段", "stage"))), Column(ctx.t(M("项目数", "projects")), 0)),
        rows=tuple(stage_rows),
        sources=(source,),
    )
    money = Table(
        caption=ctx.t(M("{year} 年度投资", "Investment in {year}"), year=ctx.year),
        columns=(
            Column(ctx.t(M("计划投资(亿元)", "planned (亿元)")), 2),
            Column(ctx.t(M("完成投资(亿元)", "completed (亿元)")), 2),
            Column(ctx.t(M("完成率(%)", "completion (%)")), 1),
        ),
        rows=(
            (
                ctx.yi_yuan(planned) if investment else None,
                ctx.yi_yuan(completed) if investment else None,
                float(completed * 100 / planned) if planned else None,
            ),
        ),  # fmt: skip
        sources=(source,),
    )
    chart = Chart(
        stages.caption,
        svg.bar_chart([(label, float(n)) for label, n in stage_rows], unit="",
                      missing=ctx.label("missing"), digits=0),
        (source,),
    )  # fmt: skip
    return [], [stages, money], [chart]


def implementation_chapter(ctx: Context) -> Chapter:
    paragraphs, tables, _ = _work_points(ctx)
    more, project_tables, charts = _projects(ctx)
    return Chapter(
        "implementation",
        ctx.t(T.CHAPTER_TITLES["implementation"]),
        tuple(paragraphs + more),
        tuple(charts),
        tuple(tables + project_tables),
    )


METHOD_NOTES: tuple[Message, ...] = (
    M(
        "企业按国家统计局《数字经济及其核心产业统计分类(2021)》归类:行业代码完全属于某小类的"
        "直接归入;部分属于(*)的行业需经营范围佐证,否则单列为“未能确认”,不计入核心产业。"
        "核心产业为 01–04 大类。",
        "Enterprises are classified by the NBS 2021 digital-economy classification: a class "
        "that belongs wholly to a sub-category is counted there; a partly belonging class (*) "
        "needs evidence in the business scope, otherwise it is shown apart as unresolved and "
        "never counted as core. The core industries are majors 01–04.",
    ),
    M(
        "金额按导入口径以万元汇总,报告中换算为亿元(1 亿元 = 10 000 万元)。增速为同比;区位商"
        "为区县某门类增加值占比与全市该占比之比。",
        "Money is summed in 万元 as imported and printed in 亿元 (1 亿元 = 10 000 万元). Growth "
        "is year on year; the location quotient is a unit's share of value added in a category "
        "over the city's share.",
    ),
    M(
        "规划目标的路径按不变增速由基期值推至目标值;实际值优先采用公开统计数据,其次为企业数据"
        "汇总。任何无法给出来源的数字均显示为缺失。",
        "A target's path grows at a constant rate from the baseline to the target value; "
        "actuals are published statistics first, then sums of enterprise records. A figure "
        "nobody can source is shown as missing.",
    ),
    M(
        "标注“合成数据”的数字来自演示数据生成器,只用于展示软件功能,不是官方统计。",
        "Figures marked “synthetic” come from the demo data generator; they show what the "
        "software does and are not official statistics.",
    ),
)

MSG_RECONSTRUCTION = M(
    "注意:当前使用的分类表为重建版,尚待与官方文本核对。",
    "Caution: the classification table in use is a reconstruction, still to be checked "
    "against the official text.",
)


def methods_chapter(ctx: Context) -> Chapter:
    from hzdigital.classification import nbs

    notes = [ctx.t(m) for m in METHOD_NOTES]
    edition = nbs.active_edition()
    notes.append(ctx.t(M("分类表版本:{name}。", "Classification edition: {name}."),
                       name=edition.name))  # fmt: skip
    if edition.is_reconstruction:
        notes.append(ctx.t(MSG_RECONSTRUCTION))
    notes.append(ctx.t(M("数据版本:{edition}。", "Data edition: {edition}."),
                       edition=ctx.edition.label))  # fmt: skip
    return Chapter("methods", ctx.t(T.CHAPTER_TITLES["methods"]), tuple(notes))
