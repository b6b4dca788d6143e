"""Writes of talent figures: ``<entity>_<verb>`` functions with keyword-only arguments.

The workflow is supervision's (``supervision.services``): the district submits, the office
accepts or returns with a reason; every change is a django-simple-history row with its
author. Here a district first keeps its figures as drafts, so a year's table can be filled
in over several sittings and submitted at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hzdigital.accounts.access import require
from hzdigital.accounts.conflicts import refused_if_saved_meanwhile
from hzdigital.accounts.history import save_as
from hzdigital.accounts.models import OrgUnit
from hzdigital.supervision.models import RETURN_NEEDS_REASON
from hzdigital.supervision.services import (
    NOT_AWAITING_REVIEW,
    lock_awaiting_review,
    record_decision,
)
from hzdigital.talent import access
from hzdigital.talent.models import Review, TalentFigure

LOCKED = (
    "{year} 年“{programme}/{metric}”已提交或已采纳,不能修改 / "
    "The {year} figure {programme}/{metric} is submitted or accepted and cannot be changed"
)
NOTHING_TO_SUBMIT = "没有可提交的草稿或退回数据 / There are no drafts or returned figures to submit"
EDITABLE = (Review.DRAFT, Review.RETURNED)


@dataclass(frozen=True)
class SaveResult:
    figure: TalentFigure
    changed: bool  # False when the same value was already there (an idempotent re-entry)


def figure_save(
    *,
    by: Any,
    unit: OrgUnit,
    programme_slug: str,
    metric: str,
    year: int,
    value: int,
    note: str = "",
    is_demo: bool = False,
) -> SaveResult:
    """Create or change a draft figure; a returned figure becomes a draft again."""
    require(access.may_report_for(by, unit))
    with transaction.atomic():
        figure = (
            TalentFigure.objects.select_for_update()
            .filter(unit=unit, programme_slug=programme_slug, metric=metric, year=year)
            .first()
        )
        if figure is not None and figure.review not in EDITABLE:
            if figure.value == value:
                return SaveResult(figure, changed=False)
            message = LOCKED.format(year=year, programme=programme_slug, metric=metric)
            raise ValidationError({"value": message})
        if figure is not None and figure.value == value and figure.note == note:
            return SaveResult(figure, changed=False)
        figure = figure or TalentFigure(
            unit=unit, programme_slug=programme_slug, metric=metric, year=year, entered_by=by
        )
        figure.value = value
        figure.note = note
        figure.review = Review.DRAFT
        figure.entered_by = by
        figure.is_demo = is_demo
        with refused_if_saved_meanwhile("value"):  # the lookup found none; another writer did
            save_as(figure, by)
        return SaveResult(figure, changed=True)


@transaction.atomic
def figures_submit(
    *, by: Any, unit: OrgUnit, year: int, now: datetime | None = None
) -> list[TalentFigure]:
    """Submit the unit's drafts and corrected returns of the year for the office's review."""
    require(access.may_report_for(by, unit))
    figures = list(
        TalentFigure.objects.select_for_update().filter(unit=unit, year=year, review__in=EDITABLE)
    )
    if not figures:
        raise ValidationError({"year": NOTHING_TO_SUBMIT})
    moment = now or timezone.now()
    for figure in figures:
        figure.review = Review.SUBMITTED
        figure.submitted_at = moment
        save_as(figure, by)
    return figures


@transaction.atomic
def figures_review(
    *,
    by: Any,
    figures: Iterable[TalentFigure],
    decision: str,
    reason: str = "",
    now: datetime | None = None,
) -> list[TalentFigure]:
    """Accept submitted figures, or return them to the district with a reason."""
    require(access.may_review(by))
    # Checked before any figure is decided: the figures are decided together or not at all.
    if decision == Review.RETURNED and not reason.strip():
        raise ValidationError({"reason": RETURN_NEEDS_REASON})
    locked = lock_awaiting_review(
        TalentFigure,
        [figure.pk for figure in figures],
        decision=decision,
        state_field="review",
        awaiting=Review.SUBMITTED,
        not_awaiting=NOT_AWAITING_REVIEW,
    )
    moment = now or timezone.now()
    for figure in locked:
        record_decision(figure, "review", decision, reason, by=by, moment=moment)
    return locked
