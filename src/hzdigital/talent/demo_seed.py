"""Labelled demo talent figures for 2021–2024 and two targets, seeded and idempotent.

Every figure is ``is_demo`` and every page showing one carries the demo banner. Magnitudes
are plausible, not official: a typical district's yearly count (``TYPICAL``) is scaled by a
weight per district (the plan's core districts larger, the western counties smaller) and grown
by a seeded yearly rate. No figure here is, or should be cited as, a published statistic.

2021–2023 are accepted; 2024 shows the workflow: most districts accepted, two awaiting
review, one returned with a reason, one still a draft. Idempotent: the figures are written
only when no demo figure exists; the targets are updated in place.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from hzdigital.accounts.models import OrgUnit
from hzdigital.accounts.seed import seed_accounts
from hzdigital.talent.metrics import DOUBLING_FACTOR, POSTDOC_DOUBLING, metric_pairs
from hzdigital.talent.models import CITY_CODE, Review, TalentFigure, TalentTarget

YEARS = (2021, 2022, 2023, 2024)
# A typical district's 2021 count per metric, and its yearly growth range (demo assumptions).
TYPICAL = {
    "people_introduced": (600, (0.06, 0.14)),
    "people_trained": (2500, (0.05, 0.12)),
    "teams_attracted": (5, (0.00, 0.20)),
    "postdoc_stations": (20, (0.05, 0.15)),
    "postdocs": (120, (0.12, 0.22)),
    "talent_startups": (30, (0.04, 0.16)),
}
# Relative size of each district's talent work (demo assumption): the core of 一核九星 largest.
WEIGHTS = {
    "330106": 2.2, "330108": 2.0, "330110": 2.0, "330102": 1.5, "330105": 1.2,
    "330109": 1.4, "330113": 0.9, "330114": 0.8, "330111": 0.6, "330112": 0.5,
    "330122": 0.3, "330127": 0.2, "330182": 0.3,
}  # fmt: skip
PENDING_2024 = ("330109", "330114")  # submitted, awaiting the office's review
RETURNED_2024 = "330111"  # returned with a reason
DRAFT_2024 = "330127"  # still being filled in
RETURN_REASON = "引进人才数与人社部门备案数不一致,请核对口径后重新提交(演示)"


@dataclass(frozen=True)
class TalentSeedResult:
    figures: int  # demo figures in the database
    created: int  # of which written in this run
    targets: int


def _value(rng: random.Random, metric: str, weight: float, year: int) -> int:
    base, (low, high) = TYPICAL[metric]
    value = base * weight
    for _ in range(year - YEARS[0]):
        value *= 1 + rng.uniform(low, high)
    return max(0, round(value * rng.uniform(0.85, 1.15)))


def _targets() -> int:
    programme, metric = POSTDOC_DOUBLING
    TalentTarget.objects.update_or_create(
        programme_slug=programme, metric=metric, division_code=CITY_CODE, target_year=2025,
        defaults={
            "baseline_year": 2021, "baseline_value": None, "target_value": None,
            "baseline_multiple": DOUBLING_FACTOR, "path_kind": "constant_rate",
            "comparison": "at_least", "is_demo": False,
            "source": (
                "规划专栏12“深入实施博士后倍增计划”:2025 年为基期的 2 倍。基期取 2021 年"
                "已采纳数据(本平台假设:规划未给出基期数) / plan box 12: twice the baseline "
                "by 2025; the baseline is 2021's accepted figure (an assumption)"
            ),
        },
    )  # fmt: skip
    TalentTarget.objects.update_or_create(
        programme_slug="postdoc-stations", metric="postdoc_stations", division_code=CITY_CODE,
        target_year=2025,
        defaults={
            "baseline_year": 2021, "baseline_value": None, "target_value": 400,
            "baseline_multiple": None, "path_kind": "linear", "comparison": "at_least",
            "is_demo": True,
            "source": "演示目标,非规划数字 / a demo target, not a figure of the plan",
        },
    )  # fmt: skip
    return TalentTarget.objects.count()


def _review_of(unit: OrgUnit, year: int) -> str:
    if year != YEARS[-1]:
        return Review.ACCEPTED
    special = {DRAFT_2024: Review.DRAFT, RETURNED_2024: Review.RETURNED}
    special |= {code: Review.SUBMITTED for code in PENDING_2024}
    return special.get(unit.division_code, Review.ACCEPTED)


def _figures(rng: random.Random, office, users) -> list[TalentFigure]:
    """Every demo figure in its final review state (one history row each)."""
    moment = timezone.now()
    figures = []
    districts = OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT).order_by("division_code")
    for unit in districts:
        officer = users.get(username=unit.slug)
        weight = WEIGHTS.get(unit.division_code, 1.0)
        for year in YEARS:
            review = _review_of(unit, year)
            decided = review in (Review.ACCEPTED, Review.RETURNED)
            for slug, metric in metric_pairs():
                figure = TalentFigure(
                    unit=unit, programme_slug=slug, metric=metric, year=year,
                    value=_value(rng, metric, weight, year), review=review,
                    return_reason=RETURN_REASON if review == Review.RETURNED else "",
                    entered_by=officer,
                    submitted_at=None if review == Review.DRAFT else moment,
                    reviewed_by=office if decided else None,
                    reviewed_at=moment if decided else None,
                    is_demo=True,
                )  # fmt: skip
                # The model's rules, without a query per foreign key (the objects are at hand).
                figure.clean_fields(exclude=["unit", "entered_by", "reviewed_by"])
                figure.clean()
                figures.append(figure)
    return figures


@transaction.atomic
def seed_talent(*, seed: int = 2021) -> TalentSeedResult:
    """Write the demo figures unless they are there already, then the targets."""
    seed_accounts()
    users = get_user_model().objects
    office = users.get(username="office")
    created = 0
    # The whole demo set at once: written through the services one by one it took minutes
    # on SQLite, and its history would only repeat the same three steps 1144 times.
    if not TalentFigure.objects.filter(is_demo=True).exists():
        figures = _figures(random.Random(seed), office, users)
        bulk_create_with_history(figures, TalentFigure, default_user=office)
        created = len(figures)
    return TalentSeedResult(
        figures=TalentFigure.objects.filter(is_demo=True).count(),
        created=created,
        targets=_targets(),
    )
