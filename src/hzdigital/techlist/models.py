"""The yearly key-technology list (关键核心技术年度攻关清单) and its items.

An item's ``key`` is stable across years, so the diff between two editions (added, dropped,
carried over) matches items by key, not by their wording, which changes from year to year.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hzdigital.projects.models import validate_nbs_category

UNKNOWN_GBT = "GB/T 4754-2017 中没有该行业小类 / No such GB/T 4754-2017 class: {code}"


def split_codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace(",", ",").split(",") if c.strip()]


def validate_nbs_list(text: str) -> None:
    for code in split_codes(text):
        validate_nbs_category(code)


def validate_gbt_list(text: str) -> None:
    from hzdigital.classification import gbt4754

    for code in split_codes(text):
        try:
            gbt4754.lookup_class(code)
        except Exception as error:  # the lookup's own errors name the code's neighbours
            raise ValidationError(UNKNOWN_GBT.format(code=code)) from error


class TechListEdition(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    title_zh = models.CharField("名称", max_length=200)
    published = models.BooleanField(default=False)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "攻关清单 key-technology list"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} {self.title_zh}"


class TechListItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "待启动 planned"
        ONGOING = "ongoing", "攻关中 in progress"
        BREAKTHROUGH = "breakthrough", "已突破 breakthrough"

    edition = models.ForeignKey(TechListEdition, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField("条目标识", help_text="Stable across years: the diff matches on it")
    technology_zh = models.CharField("技术", max_length=200)
    domain_zh = models.CharField("领域", max_length=100)
    lead_zh = models.CharField("牵头企业或机构", max_length=200)
    gbt_classes = models.CharField(
        "GB/T 4754 行业小类", max_length=200, blank=True, validators=[validate_gbt_list]
    )
    nbs_categories = models.CharField(
        "数字经济分类", max_length=200, blank=True, validators=[validate_nbs_list]
    )
    goal_zh = models.TextField("攻关目标", blank=True)
    status = models.CharField("状态", max_length=14, choices=Status.choices, default="planned")
    history = HistoricalRecords()

    class Meta:
        ordering = ["domain_zh", "key"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="tech_item_key_once")
        ]

    def __str__(self) -> str:
        return self.technology_zh

    @property
    def nbs_codes(self) -> list[str]:
        return split_codes(self.nbs_categories)
