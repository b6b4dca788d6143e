"""The talent directions of 专栏12 and the measures of section 4."""

from __future__ import annotations

import pytest

from hzdigital.plan.models import Measure, TalentDirection, TalentProgramme
from hzdigital.plan.services import plan_load
from hzdigital.plan.views import MEASURE_GROUPS


@pytest.fixture
def plan(db):
    return plan_load()


def test_the_talent_page_shows_the_four_directions_with_programmes_and_quotes(client, plan):
    response = client.get("/talent/")
    assert response.status_code == 200
    page = response.content.decode()
    directions = TalentDirection.objects.filter(edition=plan)
    assert directions.count() == 4
    for direction in directions:
        assert f'data-testid="direction-{direction.slug}"' in page
        assert direction.name_zh in page
    programmes = TalentProgramme.objects.filter(direction__edition=plan)
    assert programmes.exists()
    for programme in programmes:
        assert programme.name_zh in page
        assert programme.quote_zh in page


def test_the_talent_directions_come_in_plan_order(client, plan):
    page = client.get("/talent/").content.decode()
    names = list(
        TalentDirection.objects.filter(edition=plan)
        .order_by("order")
        .values_list("name_zh", flat=True)
    )
    positions = [page.index(f"{n}. {name}") for n, name in enumerate(names, start=1)]
    assert positions == sorted(positions)


def test_the_measures_page_groups_every_measure_under_its_section(client, plan):
    response = client.get("/measures/")
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g["key"] for g in groups] == [key for key, _ in MEASURE_GROUPS]
    shown = [m["id"] for g in groups for m in g["measures"]]
    stored = Measure.objects.filter(edition=plan)
    assert sorted(shown) == sorted(stored.values_list("ident", flat=True))
    for group in groups:
        assert all(m["group"] == group["key"] for m in group["measures"])
        assert group["measures"], group["key"]


def test_each_measure_shows_the_platform_feature_serving_it(client, plan):
    page = client.get("/measures/").content.decode()
    for measure in Measure.objects.filter(edition=plan):
        assert measure.text_zh in page
        if measure.feature_zh:
            assert measure.feature_zh in page
