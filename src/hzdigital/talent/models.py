"""Yearly talent figures by district, reviewed like supervision's progress reports, and the
targets they are measured against.

A figure's review state is set only by ``services`` (draft → submitted → accepted, or
returned with a reason and then corrected and submitted again). Only accepted figures count
in totals, maps and trajectories. Programmes are named by their plan slug
(``plan.TalentProgramme.slug``), the one source of truth for directions and programmes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from hzdigital.accounts.models import OrgUnit
from hzdigital.monitoring import targets as trajectories
from hzdigital.supervision.models import RETURN_NEEDS_REASON
from hzdigital.talent.metrics import FIRST_YEAR, LAST_YEAR, METRICS, reports

CITY_CODE = "330100"  # a target for the whole city, compared with the sum over districts
NOT_A_PROGRAMME_METRIC = (
    "项目“{programme}”不报送指标“{metric}” / Programme {programme} does not report {metric}"
)
ONLY_DISTRICTS_REPORT = "只有区县政府报送人才数据 / Only district governments report talent figures"
TARGET_NEEDS_VALUE = (
    "目标须填写目标值或基期倍数 / A target needs a target value or a multiple of the baseline"
)
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def _check_metric(programme_slug: str, metric: str) -> dict[str, str]:
    if reports(programme_slug, metric):
        return {}
    message = NOT_A_PROGRAMME_METRIC.format(programme=programme_slug, metric=metric)
    return {"metric": message}


class Review(models.TextChoices):
    DRAFT = "draft", "草稿 draft"
    SUBMITTED = "submitted", "已提交 submitted"
    ACCEPTED = "accepted", "已采纳 accepted"
    RETURNED = "returned", "已退回 returned"


METRIC_CHOICES = [(key, f"{m.name_zh} {m.name_en}") for key, m in METRICS.items()]


class TalentFigure(models.Model):
    """One district's count of one programme metric in one year."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="talent_figures")
    programme_slug = models.SlugField(help_text="plan.TalentProgramme.slug")
    metric = models.CharField(max_length=24, choices=METRIC_CHOICES)
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    value = models.PositiveIntegerField(help_text="A count, in the metric's unit (人, 家, 个…)")
    note = models.CharField(max_length=300, blank=True)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.DRAFT)
    return_reason = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人才数据 talent figure"
        verbose_name_plural = "人才数据 talent figures"
        ordering = ["year", "unit", "programme_slug", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "programme_slug", "metric", "year"], name="talent_figure_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.unit} {self.programme_slug}/{self.metric} = {self.value}"

    @property
    def spec(self):
        return METRICS[self.metric]

    def clean(self) -> None:
        errors = _check_metric(self.programme_slug, self.metric)
        if self.unit_id and self.unit.kind != OrgUnit.Kind.DISTRICT:
            errors["unit"] = ONLY_DISTRICTS_REPORT
        if self.review == Review.RETURNED and not self.return_reason.strip():
            errors["return_reason"] = RETURN_NEEDS_REASON
        if errors:
            raise ValidationError(errors)


class TalentTarget(models.Model):
    """A target for one programme metric in the city or one district, with its path.

    The baseline value may be left empty: it is then the accepted figure of the baseline
    year (summed over districts for the city). ``baseline_multiple`` states a target relative
    to the baseline (博士后倍增计划: 2), so the target value is computed, never typed in.
    """

    programme_slug = models.SlugField()
    metric = models.CharField(max_length=24, choices=METRIC_CHOICES)
    division_code = models.CharField(max_length=6, default=CITY_CODE)
    baseline_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    baseline_value = models.PositiveIntegerField(null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    target_value = models.PositiveIntegerField(null=True, blank=True)
    baseline_multiple = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="e.g. 2 for 倍增"
    )
    comparison = models.CharField(
        max_length=8, choices=[(c, c) for c in trajectories.COMPARISONS], default="at_least"
    )
    path_kind = models.CharField(
        max_length=14, choices=[(p, p) for p in trajectories.PATH_KINDS], default="constant_rate"
    )
    source = models.TextField(help_text="Where the target comes from (plan text, a document)")
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人才目标 talent target"
        verbose_name_plural = "人才目标 talent targets"
        ordering = ["programme_slug", "metric", "division_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme_slug", "metric", "division_code", "target_year"],
                name="talent_target_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_slug}/{self.metric} {self.division_code} → {self.target_year}"

    def clean(self) -> None:
        errors = _check_metric(self.programme_slug, self.metric)
        if self.target_value is None and self.baseline_multiple is None:
            errors["target_value"] = TARGET_NEEDS_VALUE
        if self.baseline_year and self.target_year and self.target_year <= self.baseline_year:
            errors["target_year"] = trajectories.MSG_BAD_YEARS
        if errors:
            raise ValidationError(errors)
