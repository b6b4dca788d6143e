"""Enterprise support (完善要素保障, 拓宽融资渠道): policies and financing products with their
eligibility rules, the enterprise facts the warehouse lacks, pushes and applications, and
government industry funds with their investments and 国家集成电路产业投资基金 docking records.

A policy's rules are data (``conditions``: ``{attribute, operator, value, unit}``), checked by
the framework-free ``hzdigital.eligibility`` package on save, and matched there too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from hzdigital.accounts.models import OrgUnit
from hzdigital.eligibility.rules import Document, RuleError
from hzdigital.eligibility.rules import Policy as RulePolicy
from hzdigital.lib.messages import Message
from hzdigital.lib.uscc import is_valid_uscc
from hzdigital.support.leverage import leverage

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
BAD_USCC = "统一社会信用代码无效 / Not a valid USCC (GB 32100-2015)"
DATES_REVERSED = "有效期结束早于开始 / The validity ends before it starts"
DOCUMENTS_SHAPE = (
    '材料清单应为 [{{"name_zh", "name_en"}}] 列表,第 {n} 项不符 / '
    'documents must be a list of {{"name_zh", "name_en"}}; item {n} is not'
)
CONDITIONS_SHAPE = Message(
    "适用条件应为对象列表",
    "conditions must be a list of {{attribute, operator, value, unit}} objects",
)
NOT_AN_ENTERPRISE = "申请单位必须是企业 / The applicant must be an enterprise unit"


class PolicyQuerySet(models.QuerySet):
    def in_force(self, day: date) -> PolicyQuerySet:
        """Valid on ``day``: started, and not yet ended (an open end never ends)."""
        started = self.filter(valid_from__lte=day)
        return started.filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))


class Policy(models.Model):
    """A support policy or a financing product, with its own eligibility rules."""

    class Kind(models.TextChoices):
        POLICY = "policy", "扶持政策 support policy"
        CREDIT_RISK_COMPENSATION = "credit_risk", "信贷风险补偿 credit risk compensation"
        RECEIVABLES_PLEDGE = "receivables", "应收账款质押 receivables-pledge financing"
        FINANCING_GUARANTEE = "guarantee", "融资担保 financing guarantee"
        BILL_DISCOUNT = "bill_discount", "小额票据贴现 small bill discounting"

    code = models.SlugField(unique=True, help_text="Stable key, e.g. demo-2024-rd-subsidy")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.POLICY)
    title_zh = models.CharField("名称", max_length=200)
    title_en = models.CharField(max_length=300, blank=True)
    issuer = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="policies")
    published_on = models.DateField("发布日期")
    valid_from = models.DateField("有效期起")
    valid_until = models.DateField("有效期止", null=True, blank=True)
    text_zh = models.TextField("政策内容")
    text_en = models.TextField(blank=True)
    conditions = models.JSONField(
        "适用条件", default=list, help_text='[{"attribute", "operator", "value", "unit"}, …]'
    )
    documents = models.JSONField("申请材料", default=list, blank=True,
                                 help_text='[{"name_zh", "name_en"}, …]')  # fmt: skip
    provider = models.CharField("合作机构", max_length=200, blank=True,
                                help_text="Bank or guarantor (financing products)")  # fmt: skip
    max_amount_wan_yuan = models.DecimalField("最高额度(万元)", null=True, blank=True, **MONEY)
    is_demo = models.BooleanField(
        default=False, help_text="Invented for the demo, not a real policy"
    )

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "政策/金融产品 policy or financing product"
        verbose_name_plural = "政策与金融产品 policies and financing products"
        ordering = ["kind", "-published_on", "code"]

    def __str__(self) -> str:
        return self.title_zh

    @property
    def is_financing_product(self) -> bool:
        return self.kind != self.Kind.POLICY

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = DATES_REVERSED
        try:
            self.as_rule()
        except RuleError as error:
            errors["conditions"] = str(error)
        except (TypeError, AttributeError):
            errors["conditions"] = str(RuleError(self.code, CONDITIONS_SHAPE))
        for n, item in enumerate(self.documents or [], start=1):
            if not isinstance(item, dict) or not item.get("name_zh"):
                errors["documents"] = DOCUMENTS_SHAPE.format(n=n)
                break
        if errors:
            raise ValidationError(errors)

    def as_rule(self) -> RulePolicy:
        """The policy as the matcher sees it (raises RuleError naming the bad condition)."""
        documents = tuple(
            Document(d.get("name_zh", ""), d.get("name_en", "")) for d in self.documents or []
        )
        return RulePolicy.build(
            self.code, self.title_zh, list(self.conditions or []), documents=documents,
            issuer=self.issuer.name_zh if self.issuer_id else "", valid_from=self.valid_from,
            valid_until=self.valid_until, title_en=self.title_en,
        )  # fmt: skip


class EnterpriseProfile(models.Model):
    """What the statistical warehouse does not hold about an enterprise, keyed by USCC.

    Each fact may be unknown (NULL): the matcher then answers "unknown" for rules on it, never
    "eligible". ``project`` links the major project the enterprise owns, for its stage.
    """

    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    founded_on = models.DateField("成立日期", null=True, blank=True)
    high_tech = models.BooleanField("高新技术企业", null=True, blank=True)
    listed = models.BooleanField("上市企业", null=True, blank=True)
    talent_founded = models.BooleanField("人才创办企业", null=True, blank=True)
    project = models.ForeignKey(
        "projects.MajorProject", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owner_profiles", verbose_name="所属重大项目",
    )  # fmt: skip
    source = models.CharField("来源", max_length=200, help_text="Where these facts come from")
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo")

    class Meta:
        verbose_name = "企业档案 enterprise profile"
        verbose_name_plural = "企业档案 enterprise profiles"
        ordering = ["uscc"]

    def __str__(self) -> str:
        return self.uscc

    def clean(self) -> None:
        if not is_valid_uscc(self.uscc):
            raise ValidationError({"uscc": BAD_USCC})


class PolicyPush(models.Model):
    """The bureau pushed a policy to an enterprise it matched (eligible, or unknown → may apply)."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="pushes")
    uscc = models.CharField(max_length=18)
    enterprise_name = models.CharField(max_length=200)
    status = models.CharField(max_length=16, help_text="Match status when pushed")
    pushed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    pushed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政策推送 policy push"
        verbose_name_plural = "政策推送 policy pushes"
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "uscc"], name="support_one_push_per_enterprise"
            )
        ]
        ordering = ["-pushed_at", "uscc"]

    def __str__(self) -> str:
        return f"{self.policy} → {self.enterprise_name}"


class Application(models.Model):
    """An enterprise's application for a policy or product, decided by the issuer."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "已提交 submitted"
        APPROVED = "approved", "已通过 approved"
        REJECTED = "rejected", "未通过 rejected"

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="applications")
    enterprise = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    match_status = models.CharField(max_length=16, help_text="Match status when submitted")
    note = models.TextField("说明", blank=True)
    decision_reason = models.TextField("审核意见", blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "申请 application"
        verbose_name_plural = "申请 applications"
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.policy} · {self.status}"

    def clean(self) -> None:
        if self.enterprise_id and self.enterprise.kind != OrgUnit.Kind.ENTERPRISE:
            raise ValidationError({"enterprise": NOT_AN_ENTERPRISE})


class Fund(models.Model):
    """A government industry fund (政府产业基金)."""

    name_zh = models.CharField("基金名称", max_length=200)
    name_en = models.CharField(max_length=300, blank=True)
    manager = models.CharField("管理机构", max_length=200)
    sponsor = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="funds")
    established_on = models.DateField("设立日期")
    fiscal_commitment_wan_yuan = models.DecimalField("财政出资认缴(万元)", **MONEY)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "政府产业基金 government industry fund"
        verbose_name_plural = "政府产业基金 government industry funds"
        ordering = ["established_on", "name_zh"]

    def __str__(self) -> str:
        return self.name_zh

    @property
    def fiscal_invested_wan_yuan(self) -> Decimal:
        return sum((i.fiscal_wan_yuan for i in self.investments.all()), Decimal("0"))

    @property
    def social_drawn_wan_yuan(self) -> Decimal:
        return sum((i.social_wan_yuan for i in self.investments.all()), Decimal("0"))

    @property
    def leverage(self) -> Decimal | None:
        """Social capital drawn per yuan of fiscal money (see ``support.leverage``)."""
        return leverage((i.fiscal_wan_yuan, i.social_wan_yuan) for i in self.investments.all())


class FundInvestment(models.Model):
    """One investment: the fund's fiscal money and the social capital it drew in alongside."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="investments")
    investee_name = models.CharField("被投企业", max_length=200)
    investee_uscc = models.CharField(max_length=18, blank=True)
    invested_on = models.DateField("投资日期")
    fiscal_wan_yuan = models.DecimalField("财政资金(万元)", **MONEY)
    social_wan_yuan = models.DecimalField("撬动社会资本(万元)", **MONEY)

    class Meta:
        verbose_name = "基金投资 fund investment"
        verbose_name_plural = "基金投资 fund investments"
        ordering = ["invested_on", "investee_name"]

    def __str__(self) -> str:
        return f"{self.fund} → {self.investee_name}"

    def clean(self) -> None:
        if self.investee_uscc and not is_valid_uscc(self.investee_uscc):
            raise ValidationError({"investee_uscc": BAD_USCC})


class IcFundDocking(models.Model):
    """A docking record with 国家集成电路产业投资基金 (the national IC industry fund)."""

    class Stage(models.TextChoices):
        CONTACTED = "contacted", "初步接洽 first contact"
        DUE_DILIGENCE = "due_diligence", "尽职调查 due diligence"
        DECISION = "decision", "投资决策 investment decision"
        INVESTED = "invested", "已投资 invested"
        STOPPED = "stopped", "终止 stopped"

    enterprise_name = models.CharField("企业", max_length=200)
    uscc = models.CharField(max_length=18, blank=True)
    division_code = models.CharField("区县代码", max_length=6)
    project_zh = models.CharField("对接项目", max_length=300)
    stage = models.CharField(max_length=16, choices=Stage.choices)
    amount_sought_wan_yuan = models.DecimalField("拟融资额(万元)", **MONEY)
    docked_on = models.DateField("对接日期")
    note = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "大基金对接记录 national IC fund docking"
        verbose_name_plural = "大基金对接记录 national IC fund dockings"
        ordering = ["-docked_on"]

    def __str__(self) -> str:
        return f"{self.enterprise_name} · {self.project_zh}"
