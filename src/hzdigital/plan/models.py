"""The plan as data: one edition of Hangzhou's 14th FYP digital-economy plan.

Everything here is loaded from ``hzdigital/data/plan.yaml`` (see ``plan.services.plan_load``)
and stays editable in the admin. Chinese official wording is kept verbatim in ``*_zh`` fields.
"""

from django.db import models


class PlanEdition(models.Model):
    slug = models.SlugField(unique=True)
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    source = models.TextField(help_text="Where the plan text comes from")
    layout_zh = models.TextField(blank=True, help_text="一核九星 layout paragraph (三.3), verbatim")
    layout_en = models.TextField(blank=True)
    is_active = models.BooleanField(default=False)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "规划版本 plan edition"
        verbose_name_plural = "规划版本 plan editions"

    def __str__(self) -> str:
        return self.slug


class Unit(models.Model):
    """A county-level unit (区、县(市)) with its role in the 一核九星 layout."""

    class Kind(models.TextChoices):
        DISTRICT = "district", "区 district"
        COUNTY = "county", "县 county"
        COUNTY_CITY = "county_city", "县级市 county-level city"

    edition = models.ForeignKey(PlanEdition, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(max_length=6, help_text="GB/T 2260 code, 2021 boundaries")
    name_zh = models.CharField(max_length=20)
    name_en = models.CharField(max_length=40)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    core = models.BooleanField(help_text="Part of the core (余杭、滨江、西湖) of 一核九星")
    positioning_zh = models.TextField(help_text="The unit's paragraph of 专栏13, verbatim")
    positioning_en = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "区县(市) unit"
        verbose_name_plural = "区县(市) units"
        ordering = ["edition", "order"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="unit_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class KeyIndustry(models.Model):
    """An industry the plan designates for a unit, worded exactly as 专栏13 words it."""

    class Emphasis(models.TextChoices):
        FOCUS = "focus", "重点发展 focus"
        PLAN = "plan", "谋划发展 planned"
        CULTIVATE = "cultivate", "培育 cultivate"
        SUPPORT = "support", "扶持发展 support"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="key_industries")
    name_zh = models.CharField(max_length=60)
    name_en = models.CharField(max_length=120)
    emphasis = models.CharField(max_length=10, choices=Emphasis.choices, default=Emphasis.FOCUS)
    mapping_note = models.TextField(
        blank=True,
        help_text="How the industry maps to the classifications as a whole (e.g. why no NBS code)",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "重点产业 key industry"
        verbose_name_plural = "重点产业 key industries"
        ordering = ["unit", "order"]

    def __str__(self) -> str:
        return f"{self.unit.name_zh} · {self.name_zh}"


class IndustryCode(models.Model):
    """One code a key industry covers, in GB/T 4754-2017 or NBS 2021, with why."""

    class Scheme(models.TextChoices):
        GBT4754 = "gbt4754", "GB/T 4754-2017"
        NBS2021 = "nbs2021", "NBS 2021 数字经济分类"

    key_industry = models.ForeignKey(KeyIndustry, on_delete=models.CASCADE, related_name="codes")
    scheme = models.CharField(max_length=8, choices=Scheme.choices)
    code = models.CharField(max_length=6)
    note = models.CharField(max_length=300, help_text="Why this code covers the industry")

    class Meta:
        verbose_name = "产业分类代码 industry code"
        verbose_name_plural = "产业分类代码 industry codes"
        ordering = ["key_industry", "scheme", "code"]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.code}"


class Corridor(models.Model):
    """城西科创大走廊 / 城东智造大走廊."""

    edition = models.ForeignKey(PlanEdition, on_delete=models.CASCADE, related_name="corridors")
    slug = models.SlugField()
    name_zh = models.CharField(max_length=40)
    name_en = models.CharField(max_length=80)
    text_zh = models.TextField(help_text="The corridor's paragraph of 专栏13, verbatim")
    industries = models.JSONField(default=list, help_text="Industries the plan names, verbatim")
    platforms = models.JSONField(default=list, help_text="Platforms the plan names, verbatim")
    units = models.ManyToManyField(Unit, related_name="corridors", blank=True)
    units_assumption = models.TextField(
        blank=True,
        help_text="The seed text does not say which units a corridor spans: the source used",
    )

    class Meta:
        verbose_name = "大走廊 corridor"
        verbose_name_plural = "大走廊 corridors"
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="corridor_slug_once")
        ]

    def __str__(self) -> str:
        return self.name_zh


class TalentDirection(models.Model):
    """One of the four directions of 专栏12."""

    edition = models.ForeignKey(
        PlanEdition, on_delete=models.CASCADE, related_name="talent_directions"
    )
    slug = models.SlugField()
    name_zh = models.CharField(max_length=40)
    name_en = models.CharField(max_length=80)
    text_zh = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "人才方向 talent direction"
        verbose_name_plural = "人才方向 talent directions"
        ordering = ["edition", "order"]

    def __str__(self) -> str:
        return self.name_zh


class TalentProgramme(models.Model):
    direction = models.ForeignKey(
        TalentDirection, on_delete=models.CASCADE, related_name="programmes"
    )
    slug = models.SlugField()
    name_zh = models.CharField(max_length=60)
    name_en = models.CharField(max_length=120)
    quote_zh = models.TextField(help_text="The plan's words about the programme")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "人才项目 talent programme"
        verbose_name_plural = "人才项目 talent programmes"
        ordering = ["direction", "order"]

    def __str__(self) -> str:
        return self.name_zh


class Measure(models.Model):
    """A safeguard measure of section 4 (保障措施) and the platform feature that serves it."""

    class Group(models.TextChoices):
        MECHANISM = "mechanism", "健全落实机制"
        FACTORS = "factors", "完善要素保障"
        ENVIRONMENT = "environment", "优化发展环境"

    edition = models.ForeignKey(PlanEdition, on_delete=models.CASCADE, related_name="measures")
    ident = models.CharField(max_length=12, help_text="e.g. 4.1.3")
    group = models.CharField(max_length=12, choices=Group.choices)
    text_zh = models.TextField()
    text_en = models.TextField(blank=True)
    feature_zh = models.CharField(max_length=200, blank=True)
    feature_en = models.CharField(max_length=200, blank=True)
    # A stable key for the feature (e.g. "monitoring"), so pages can link a measure to the
    # feature that serves it; "none" when the platform does not serve the measure.
    feature = models.CharField(max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "保障措施 safeguard measure"
        verbose_name_plural = "保障措施 safeguard measures"
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "ident"], name="measure_ident_once")
        ]

    def __str__(self) -> str:
        return self.ident


class Target(models.Model):
    """A plan target: a floor or ceiling on an indicator for a division and year, with its source."""

    class Comparison(models.TextChoices):
        ABOVE = "above", "> 突破/高于"
        AT_LEAST = "at_least", "≥ 不低于"
        BELOW = "below", "< 低于"
        AT_MOST = "at_most", "≤ 不高于"

    edition = models.ForeignKey(PlanEdition, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(max_length=60)
    label_zh = models.CharField(max_length=100)
    label_en = models.CharField(max_length=160)
    division_code = models.CharField(max_length=6, default="330100")
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=12)
    comparison = models.CharField(max_length=10, choices=Comparison.choices)
    source = models.URLField(max_length=300)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "规划目标 plan target"
        verbose_name_plural = "规划目标 plan targets"

    def __str__(self) -> str:
        return f"{self.indicator} {self.division_code} {self.year}"


class PublishedFigure(models.Model):
    """A published statistic from ``data/published_statistics.csv``, with its source."""

    indicator = models.CharField(max_length=60)
    division_code = models.CharField(max_length=6)
    division_name = models.CharField(max_length=20)
    period = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=12)
    status = models.CharField(max_length=12, help_text="verified / secondary / derived")
    source = models.URLField(max_length=300)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "公开统计数据 published figure"
        verbose_name_plural = "公开统计数据 published figures"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "division_code", "period"], name="published_figure_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.division_code} {self.period}"
