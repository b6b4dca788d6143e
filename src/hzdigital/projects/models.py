"""Major projects (重大标志性项目) and the factor guarantees (要素保障) they need and get.

A project moves through the stages 谋划 → 签约 → 开工 → 在建 → 竣工 → 投产 one step at a
time (``services.project_advance``). Factor requests are approved by the city office against a
``FactorQuota`` per district × year × factor; balances are computed (``selectors``), never stored.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from hzdigital.lib.divisions import is_hangzhou_county

NOT_A_DISTRICT = "不是杭州市的区县代码 / Not a Hangzhou district/county code: {code}"
UNKNOWN_NBS = "国家数字经济分类中没有该类别 / No such NBS 2021 digital-economy category: {code}"
PLANNED_EXCEEDS_TOTAL = (
    "年度计划投资之和超过总投资 / Yearly planned investment exceeds the total investment"
)

PROJECT_NAME_TAKEN = (
    "该区县已有同名的重大项目 / The district already has a major project of this name"
)

ZERO = Decimal("0")
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(ZERO)]}


class Stage(models.TextChoices):
    """The stages in order; a project advances to the next one only."""

    PLANNING = "planning", "谋划 planning"
    SIGNED = "signed", "签约 signed"
    STARTED = "started", "开工 started"
    BUILDING = "building", "在建 under construction"
    COMPLETED = "completed", "竣工 completed"
    PRODUCING = "producing", "投产 in production"

    @property
    def next(self) -> Stage | None:
        order = list(Stage)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None


class Factor(models.TextChoices):
    """The three factors the plan guarantees, with their units."""

    LAND = "land", "用地 land (亩)"
    ENERGY = "energy", "用能 energy-use quota (吨标准煤)"
    FUNDS = "funds", "资金 funds (万元)"


FACTOR_UNITS = {Factor.LAND: "亩", Factor.ENERGY: "吨标准煤", Factor.FUNDS: "万元"}


def validate_district(code: str) -> None:
    if not is_hangzhou_county(code):
        raise ValidationError(NOT_A_DISTRICT.format(code=code))


def validate_nbs_category(code: str) -> None:
    """A major (2), medium (4) or sub (6 digits) code of the active NBS table edition."""
    from hzdigital.classification import nbs

    rows = nbs.active_edition().rows
    known = {r.major_code for r in rows} | {r.medium_code for r in rows}
    known |= {r.sub_code for r in rows if r.sub_code}
    if code not in known:
        raise ValidationError(UNKNOWN_NBS.format(code=code))


class MajorProject(models.Model):
    name_zh = models.CharField("项目名称", max_length=200)
    district_code = models.CharField(
        "区县代码", max_length=6, validators=[validate_district], help_text="plan Unit code"
    )
    nbs_category = models.CharField(
        "数字经济分类", max_length=6, validators=[validate_nbs_category]
    )
    investor = models.CharField("投资主体", max_length=200)
    stage = models.CharField("阶段", max_length=12, choices=Stage.choices, default=Stage.PLANNING)
    total_investment_wan_yuan = models.DecimalField("总投资(万元)", **MONEY)
    action_plan = models.TextField("专项行动计划", blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "重大项目 major project"
        verbose_name_plural = "重大项目 major projects"
        ordering = ["district_code", "name_zh"]
        # The Excel upload's stable key: two uploads at once must not both create the project.
        constraints = [
            models.UniqueConstraint(
                fields=["district_code", "name_zh"],
                name="project_name_once_per_district",
                violation_error_message=PROJECT_NAME_TAKEN,
            )
        ]

    def __str__(self) -> str:
        return self.name_zh

    @property
    def district_name(self) -> str:
        from hzdigital.lib.divisions import division_name

        return division_name(self.district_code)

    @property
    def completed_investment_wan_yuan(self) -> Decimal:
        return sum((y.completed_wan_yuan for y in self.years.all()), ZERO)

    @property
    def completion_rate_percent(self) -> Decimal | None:
        """Completed over total investment, in percent; None without a total."""
        if not self.total_investment_wan_yuan:
            return None
        rate = self.completed_investment_wan_yuan * 100 / self.total_investment_wan_yuan
        return rate.quantize(Decimal("0.1"))


class YearlyInvestment(models.Model):
    project = models.ForeignKey(MajorProject, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField("年度")
    planned_wan_yuan = models.DecimalField("计划投资(万元)", **MONEY)
    completed_wan_yuan = models.DecimalField("完成投资(万元)", default=ZERO, **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="project_year_once")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"

    @property
    def completion_rate_percent(self) -> Decimal | None:
        if not self.planned_wan_yuan:
            return None
        return (self.completed_wan_yuan * 100 / self.planned_wan_yuan).quantize(Decimal("0.1"))


class ProjectMilestone(models.Model):
    project = models.ForeignKey(MajorProject, on_delete=models.CASCADE, related_name="milestones")
    due = models.DateField("计划日期")
    text_zh = models.CharField("节点", max_length=200)
    done_on = models.DateField("完成日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due"]

    def __str__(self) -> str:
        return self.text_zh


class Blocker(models.Model):
    """A problem holding a project up; escalated from the district to the city office."""

    class Level(models.TextChoices):
        DISTRICT = "district", "区县协调 district"
        CITY = "city", "市领导小组办公室协调 city office"

    project = models.ForeignKey(MajorProject, on_delete=models.CASCADE, related_name="blockers")
    text_zh = models.CharField("问题", max_length=300)
    level = models.CharField("协调层级", max_length=10, choices=Level.choices, default="district")
    resolved = models.BooleanField("已解决", default=False)
    raised_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["resolved", "-raised_at"]

    def __str__(self) -> str:
        return self.text_zh


class FactorQuota(models.Model):
    """How much of a factor a district may grant in a year."""

    district_code = models.CharField("区县代码", max_length=6, validators=[validate_district])
    year = models.PositiveSmallIntegerField("年度")
    factor = models.CharField("要素", max_length=8, choices=Factor.choices)
    amount = models.DecimalField("指标", help_text="unit: FACTOR_UNITS[factor]", **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "要素指标 factor quota"
        constraints = [
            models.UniqueConstraint(
                fields=["district_code", "year", "factor"], name="quota_once_per_factor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district_code} {self.year} {self.factor}"


class FactorRequest(models.Model):
    """A project's request for land, energy or funds, and the city office's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待审批 pending"
        APPROVED = "approved", "已批准 approved"
        REJECTED = "rejected", "未批准 rejected"

    project = models.ForeignKey(MajorProject, on_delete=models.CASCADE, related_name="requests")
    year = models.PositiveSmallIntegerField("年度")
    factor = models.CharField("要素", max_length=8, choices=Factor.choices)
    requested = models.DecimalField("申请量", help_text="unit: FACTOR_UNITS[factor]", **MONEY)
    approved = models.DecimalField("批准量", default=ZERO, **MONEY)
    decision = models.CharField(
        "审批", max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "factor"]

    def __str__(self) -> str:
        return f"{self.project} {self.year} {self.factor}"
