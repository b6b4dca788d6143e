"""A realistic, labelled demo year of supervision: work points, tasks, reports, 实施方案.

Everything here is invented for the demo (``is_demo=True``), drawn from the plan's measures
(section 4) and the districts' key industries (专栏13). Dates are offsets from the day the seed
runs, so the dashboard shows every status whenever the demo is started: done, overdue,
behind, on schedule, not started, plus reports awaiting review and returned ones.

Idempotent: work points are keyed by (year, ident), tasks by (work point, title), and a task's
demo reports are written only when it has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from hzdigital.accounts.models import Membership, OrgUnit, Role
from hzdigital.accounts.seed import seed_accounts
from hzdigital.plan.models import Measure
from hzdigital.plan.selectors import active_edition
from hzdigital.plan.services import plan_load
from hzdigital.supervision import services
from hzdigital.supervision.models import ImplementationPlan, Task, WorkPoint


@dataclass(frozen=True)
class PointSeed:
    ident: str
    title_zh: str
    measure: str  # plan measure ident
    indicator_key: str  # monitoring registry key, or "" when the point moves no cube figure


@dataclass(frozen=True)
class ReportSeed:
    percent: int
    review: str  # accepted / returned / submitted
    quarters_ago: int  # 0 = the current quarter
    reason: str = ""  # for returned reports


@dataclass(frozen=True)
class TaskSeed:
    point: str  # PointSeed.ident
    title_zh: str
    lead: str  # org unit slug
    co: tuple[str, ...]
    start_days: int  # offset from today
    deadline_days: int
    target_value: int | None
    target_unit: str
    reports: tuple[ReportSeed, ...] = ()


POINTS = (
    PointSeed("1", "做大做强数字经济核心产业,核心产业增加值保持两位数增长", "4.1.6", "value_added"),
    PointSeed("2", "分解落实年度数字经济工作要点,健全督查考核机制", "4.1.2", ""),
    PointSeed("3", "各区县(市)和成员单位制定数字经济实施方案", "4.1.3", ""),
    PointSeed("4", "推进重大标志性项目专项行动计划", "4.1.4", "revenue"),
    PointSeed("5", "发布关键核心技术年度攻关清单并跟踪相关行业", "4.1.8", "rd_expense"),
    PointSeed("6", "强化数字经济要素保障和融资服务", "4.2.8", "enterprises"),
)

A, R, S = "accepted", "returned", "submitted"
TASKS = (
    # Done: finished and accepted at 100 %.
    TaskSeed("2", "印发年度数字经济工作要点任务分解表", "office", ("dept-economy",),
             -300, -240, 1, "份", (ReportSeed(100, A, 3),)),
    TaskSeed("3", "滨江区制定数字经济实施方案", "district-330108", (),
             -280, -200, 1, "份", (ReportSeed(100, A, 3),)),
    # Overdue: the deadline has passed short of 100 %.
    TaskSeed("3", "淳安县制定数字经济实施方案", "district-330127", (),
             -280, -20, 1, "份", (ReportSeed(70, A, 1),)),
    TaskSeed("4", "萧山区重大项目开工率达到目标", "district-330109", ("dept-ndrc",),
             -250, -5, 12, "个", (ReportSeed(60, A, 1), ReportSeed(75, S, 0))),
    # Behind 序时进度.
    TaskSeed("1", "新增规上数字安防和物联网企业", "district-330108", ("dept-economy",),
             -220, 80, 30, "家", (ReportSeed(25, A, 1), ReportSeed(35, R, 0, "缺少新增企业名单,请补充附件"))),
    TaskSeed("6", "数字经济企业新增上市和挂牌", "dept-finance", ("dept-market",),
             -200, 100, 8, "家", (ReportSeed(20, A, 1),)),
    TaskSeed("5", "组织关键核心技术攻关项目申报", "dept-science", ("dept-economy",),
             -180, 60, 40, "项", (ReportSeed(30, A, 1), ReportSeed(40, S, 0))),
    # On schedule.
    TaskSeed("1", "钱塘区集成电路制造项目达产", "district-330114", ("dept-economy",),
             -150, 150, 50, "亿元", (ReportSeed(50, A, 0),)),
    TaskSeed("1", "余杭区人工智能产业营收增长", "district-330110", (),
             -200, 100, 15, "%", (ReportSeed(65, A, 0),)),
    TaskSeed("2", "按季度开展数字经济统计监测分析", "dept-statistics", ("office",),
             -270, 90, 4, "期", (ReportSeed(60, A, 1), ReportSeed(75, S, 0))),
    TaskSeed("6", "引育数字经济领域高层次人才", "dept-talent", ("district-330106",),
             -240, 120, 500, "人", (ReportSeed(70, A, 0),)),
    TaskSeed("4", "临平区重大数字化改造项目", "district-330113", (),
             -120, 240, 20, "个", (ReportSeed(35, A, 0),)),
    # Not started yet.
    TaskSeed("5", "编制下一年度关键核心技术攻关清单", "dept-science", ("dept-ndrc",),
             20, 140, 1, "份"),
    TaskSeed("3", "建德市数字经济实施方案中期评估", "district-330182", (),
             30, 120, 1, "份"),
    # Started, nothing accepted yet, still inside the tolerance.
    TaskSeed("4", "富阳区光电通信项目签约", "district-330111", ("dept-commerce",),
             -5, 300, 3, "个", (ReportSeed(5, S, 0),)),
    TaskSeed("6", "网络与数据安全专项检查", "dept-cac", (), -3, 200, 100, "家"),
)  # fmt: skip

# (unit, title, work points carried out, state): one plan in each state the office meets.
PLANS = (
    ("district-330108", "滨江区数字经济发展实施方案", ("1", "3"), "accepted"),
    ("district-330127", "淳安县数字经济发展实施方案", ("3", "4"), "submitted"),
    ("dept-economy", "市经信局数字经济发展实施方案", ("1", "2", "5"), "draft"),
)


def _quarter(day: date, quarters_ago: int) -> str:
    index = day.year * 4 + (day.month - 1) // 3 - quarters_ago
    return f"{index // 4}Q{index % 4 + 1}"


@dataclass(frozen=True)
class SupervisionSeedResult:
    year: int
    work_points: int
    tasks: int
    reports_created: int
    plans: int


def _officer_of(unit: OrgUnit, office_user):
    membership = (
        Membership.objects.filter(
            unit=unit, role__in=[Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER]
        )
        .select_related("user")
        .first()
    )
    return membership.user if membership else office_user


@transaction.atomic
def seed_supervision(*, today: date) -> SupervisionSeedResult:
    if active_edition() is None:
        plan_load()
    seed_accounts()
    office_user = get_user_model().objects.get(username="office")
    units = {u.slug: u for u in OrgUnit.objects.all()}
    edition = active_edition()
    measures = {m.ident: m for m in Measure.objects.filter(edition=edition)}
    points: dict[str, WorkPoint] = {}
    for spec in POINTS:
        point = WorkPoint.objects.filter(year=today.year, ident=spec.ident).first()
        points[spec.ident] = point or services.work_point_create(
            by=office_user, year=today.year, ident=spec.ident, title_zh=spec.title_zh,
            measure=measures.get(spec.measure), indicator_key=spec.indicator_key,
            published=True, is_demo=True,
        )  # fmt: skip
    reports = 0
    for spec in TASKS:
        point = points[spec.point]
        task = Task.objects.filter(work_point=point, title_zh=spec.title_zh).first()
        if task is None:
            task = services.task_create(
                by=office_user, work_point=point, title_zh=spec.title_zh,
                lead_unit=units[spec.lead], co_units=[units[s] for s in spec.co],
                start=today + timedelta(days=spec.start_days),
                deadline=today + timedelta(days=spec.deadline_days),
                target_value=spec.target_value, target_unit=spec.target_unit, is_demo=True,
            )  # fmt: skip
        if task.reports.exists():
            continue
        reporter = _officer_of(task.lead_unit, office_user)
        for report_spec in spec.reports:
            report = services.report_submit(
                by=reporter, task=task, period=_quarter(today, report_spec.quarters_ago),
                percent=report_spec.percent, text=f"演示数据:完成 {report_spec.percent}%",
                is_demo=True,
            )  # fmt: skip
            reports += 1
            if report_spec.review != "submitted":
                services.report_review(
                    by=office_user, report=report, decision=report_spec.review,
                    reason=report_spec.reason,
                )  # fmt: skip
    for slug, title, idents, state in PLANS:
        if ImplementationPlan.objects.filter(unit=units[slug], year=today.year).exists():
            continue  # a re-seed must not add history rows for nothing
        plan = services.implementation_plan_save(
            by=office_user, unit=units[slug], year=today.year, title_zh=title,
            work_points=[points[i] for i in idents], summary_zh="演示数据", is_demo=True,
        )  # fmt: skip
        if state != "draft":
            services.implementation_plan_submit(by=_officer_of(units[slug], office_user), plan=plan)
        if state == "accepted":
            services.implementation_plan_review(by=office_user, plan=plan, decision=state)
    return SupervisionSeedResult(
        year=today.year,
        work_points=len(points),
        tasks=Task.objects.filter(work_point__in=points.values()).count(),
        reports_created=reports,
        plans=ImplementationPlan.objects.filter(year=today.year, is_demo=True).count(),
    )
