"""The demo talent data: every figure labelled demo, the 2024 workflow states, the doubling
target computed from it, and a second run changing nothing."""

from __future__ import annotations

import pytest

from hzdigital.accounts.models import OrgUnit
from hzdigital.talent import selectors
from hzdigital.talent.demo_seed import (
    DRAFT_2024,
    PENDING_2024,
    RETURNED_2024,
    YEARS,
    seed_talent,
)
from hzdigital.talent.metrics import POSTDOC_DOUBLING, metric_pairs
from hzdigital.talent.models import Review, TalentFigure, TalentTarget


@pytest.fixture
def seeded(db):
    return seed_talent()


def test_every_district_has_every_programme_metric_for_each_demo_year(seeded) -> None:
    districts = OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT).count()
    assert districts == 13
    assert seeded.figures == districts * len(metric_pairs()) * len(YEARS)
    assert not TalentFigure.objects.filter(is_demo=False).exists()


def test_2024_shows_every_state_of_the_workflow(seeded) -> None:
    def states(code: str) -> set[str]:
        rows = TalentFigure.objects.filter(year=2024, unit__division_code=code)
        return set(rows.values_list("review", flat=True))

    assert states(DRAFT_2024) == {Review.DRAFT}
    assert states(RETURNED_2024) == {Review.RETURNED}
    assert all(states(code) == {Review.SUBMITTED} for code in PENDING_2024)
    assert states("330108") == {Review.ACCEPTED}
    earlier = TalentFigure.objects.filter(year__lt=2024)
    assert set(earlier.values_list("review", flat=True)) == {Review.ACCEPTED}


def test_the_doubling_target_is_twice_the_seeded_2021_city_total(seeded) -> None:
    programme, metric = POSTDOC_DOUBLING
    target = TalentTarget.objects.get(programme_slug=programme, metric=metric)
    view = selectors.target_view(target)
    total_2021 = sum(
        TalentFigure.objects.filter(year=2021, programme_slug=programme, metric=metric)
        .values_list("value", flat=True)
    )  # fmt: skip
    assert view.resolved.baseline_value == total_2021
    assert view.resolved.target_value == 2 * total_2021
    # 2024 is incomplete (four districts not accepted), so it has no city actual.
    assert [p.year for p in view.points if p.actual] == [2021, 2022, 2023]


def test_seeding_again_changes_nothing(seeded) -> None:
    before = list(TalentFigure.objects.order_by("pk").values_list("pk", "value", "review"))
    again = seed_talent()
    assert again.created == 0
    assert list(TalentFigure.objects.order_by("pk").values_list("pk", "value", "review")) == before
    assert TalentTarget.objects.count() == seeded.targets == 2
