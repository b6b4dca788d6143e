"""The structure page (差异化、特色化) against independent computations on the warehouse rows."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from dashboard_warehouse import FixtureWarehouse, build_warehouse
from hzdigital.monitoring.structure import designated_codes

pytestmark = pytest.mark.django_db

YEAR = 2023
BINJIANG = "330108"
CORE_ROWS = "de_status IN ('full', 'partial_resolved') AND de_major IN ('01', '02', '03', '04')"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> FixtureWarehouse:
    home = tmp_path_factory.mktemp("structure-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HZDIGITAL_HOME", str(home))
        yield build_warehouse(home)


@pytest.fixture
def page(client, warehouse):
    response = client.get(reverse("dashboard:structure"), {"year": YEAR})
    assert response.status_code == 200
    return response


def test_the_key_industry_share_is_the_designated_part_of_core_value_added(page, warehouse):
    codes = sorted(designated_codes()[BINJIANG])
    assert codes, "the plan designates key industries for 滨江区"
    matches = " OR ".join("starts_with(de_sub, ?)" for _ in codes)
    part, total = warehouse.sql(
        f"""SELECT sum(value_added) FILTER (WHERE {matches}), sum(value_added)
        FROM enterprise_year WHERE year = ? AND division_code = ? AND {CORE_ROWS}""",
        [*codes, YEAR, BINJIANG],
    )[0]
    unit = next(u for u in page.context["structure"].units if u.division_code == BINJIANG)
    assert unit.key_industry_share_percent == pytest.approx((part or 0) / total * 100, rel=1e-9)


def test_lq_leaders_are_listed_highest_first(page, warehouse):
    for unit in page.context["structure"].units:
        quotients = [c.lq for c in unit.top]
        assert quotients == sorted(quotients, reverse=True)
        assert unit.matched == sum(c.designated for c in unit.top)


def test_the_similarity_heat_map_is_the_cosine_of_medium_category_shares(page, warehouse):
    rows = warehouse.sql(
        f"""SELECT division_code, de_medium, sum(value_added) FROM enterprise_year
        WHERE year = ? AND {CORE_ROWS} GROUP BY ALL""",
        [YEAR],
    )
    divisions = sorted({r[0] for r in rows})
    mediums = sorted({r[1] for r in rows})
    vectors = np.zeros((len(divisions), len(mediums)))
    for division, medium, value in rows:
        vectors[divisions.index(division), mediums.index(medium)] = value or 0.0
    shares = vectors / vectors.sum(axis=1, keepdims=True)
    unit = shares / np.linalg.norm(shares, axis=1, keepdims=True)
    expected = unit @ unit.T

    heatmap = page.context["heatmap"]
    assert page.context["structure"].codes == divisions
    shown = np.array(heatmap["values"], dtype=float)
    np.testing.assert_allclose(shown, expected, atol=1e-4)  # the page rounds to 4 decimals
    assert np.allclose(np.diag(shown), 1.0)
    assert 'id="similarity-data"' in page.content.decode()
