"""The index pages and the API, in Chinese and English, against the service's own figures."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from django.urls import reverse

from dashboard_warehouse import FixtureWarehouse, build_warehouse
from hzdigital.evaluation.service import IndexReport
from hzdigital.index import selectors

YEAR = 2022
BINJIANG = "330108"
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> FixtureWarehouse:
    home = tmp_path_factory.mktemp("index-pages-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HZDIGITAL_HOME", str(home))
        yield build_warehouse(home)


@pytest.fixture
def report(warehouse) -> IndexReport:
    return selectors.report(YEAR)


def english(client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


def test_the_index_page_lists_every_unit_in_rank_order_with_its_interval(client, report):
    html = client.get(reverse("index:index"), {"year": YEAR}).content.decode()
    rows = re.findall(r'data-testid="index-row-(\d{6})"', html)
    assert rows == [u.code for u in report.units]
    first = report.units[0]
    lo, hi = first.rank_interval
    row = html.split(f'data-testid="index-row-{first.code}"')[1].split("</tr>")[0]
    assert f"{lo}–{hi}" in row and f"{first.score:.1f}" in row


def test_the_chart_data_carries_the_monte_carlo_bands(client, report):
    html = client.get(reverse("index:index"), {"year": YEAR}).content.decode()
    data = json.loads(re.search(r'id="rank-band-data"[^>]*>(.*?)</script>', html, re.S)[1])
    bands = {u["code"]: (u["lo"], u["median"], u["hi"]) for u in data["units"]}
    assert bands == {
        u.code: (u.rank_interval[0], u.median_rank, u.rank_interval[1]) for u in report.units
    }


def test_the_index_page_says_synthetic_when_the_data_is(client, report):
    html = client.get(reverse("index:index"), {"year": YEAR}).content.decode()
    assert report.synthetic and 'data-testid="synthetic-banner"' in html


def test_the_index_page_speaks_english_when_asked(client, report):
    english(client)
    html = client.get(reverse("index:index"), {"year": YEAR}).content.decode()
    assert "District digital-economy index" in html
    assert "Binjiang District" in html
    assert "Sensitivity analysis" in html and "敏感性分析" not in html


def test_a_unit_profile_shows_its_strengths_and_every_indicator(client, report):
    html = client.get(reverse("index:profile", args=[BINJIANG]), {"year": YEAR}).content.decode()
    profile = report.profiles[BINJIANG]
    for standing in profile.standings:
        assert f'data-testid="standing-{standing.indicator}"' in html
    strengths = html.split('data-testid="strengths"')[1].split("</ul>")[0]
    for key in profile.strengths:
        assert report.framework.indicator(key).name_zh in strengths


def test_an_unknown_unit_is_not_found(client, report):
    assert client.get(reverse("index:profile", args=["330199"])).status_code == 404


def test_the_method_page_lists_every_step_and_the_left_out_indicators(client, report):
    html = client.get(reverse("index:method"), {"year": YEAR}).content.decode()
    for step in report.result.steps:
        assert f'data-testid="step-{step["step"]}"' in html
    assert "5G" in html  # the infrastructure indicators without a source, and why
    assert str(report.runs) in html


def test_the_method_page_speaks_english_when_asked(client, report):
    english(client)
    html = client.get(reverse("index:method"), {"year": YEAR}).content.decode()
    assert "Steps and parameters (reference run)" in html
    excluded = html.split('data-testid="excluded"')[1].split("</ul>")[0]
    assert "Digital infrastructure" in excluded and "数字基础设施" not in excluded
    assert "no sourced district-level figures" in excluded


def test_the_api_returns_the_cli_payload(client, report):
    response = client.get("/api/index", {"year": YEAR})
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(report.to_dict(), default=str))


def test_the_api_answers_404_for_a_year_the_warehouse_lacks(client, report):
    response = client.get("/api/index", {"year": 2019})
    assert response.status_code == 404
    assert "2022, 2023" in response.json()["detail"]


def test_the_api_answers_503_with_an_empty_warehouse(client, hzdigital_home):
    response = client.get("/api/index")
    assert response.status_code == 503
    assert "hzdigital import" in response.json()["detail"]


def test_the_pages_name_the_sources_of_the_indicators_they_use(client, report):
    for url in (reverse("index:index"), reverse("index:profile", args=[BINJIANG])):
        html = client.get(url, {"year": YEAR}).content.decode()
        line = html.split('data-testid="index-sources"')[1].split("</p>")[0]
        assert "warehouse cube" in line and "geojson" in line
        assert "published_statistics.csv" in line  # 2022: district GDP is published


def test_the_index_page_shows_each_years_score_and_rank(client, report):
    html = client.get(reverse("index:index"), {"year": YEAR}).content.decode()
    row = html.split(f'data-testid="history-{BINJIANG}"')[1].split("</tr>")[0]
    for past in report.history:
        assert f"{past.scores[BINJIANG]:.1f} <small" in row
        assert f"({past.ranks[BINJIANG]})" in row


def test_a_unit_page_draws_its_rank_distribution_over_the_runs(client, report):
    html = client.get(reverse("index:profile", args=[BINJIANG]), {"year": YEAR}).content.decode()
    block = html.split('data-testid="rank-distribution"')[1].split("</ol>")[0]
    counts = [int(c) for c in re.findall(r'data-count="(\d+)"', block)]
    assert len(counts) == 13 and sum(counts) == report.runs
    # the interval read back from the distribution: first rank whose cumulative count
    # reaches 5 % and 95 % of the runs (nearest rank)
    cumulative = np.cumsum(counts)
    lo = int(np.argmax(cumulative >= np.ceil(0.05 * report.runs))) + 1
    hi = int(np.argmax(cumulative >= np.ceil(0.95 * report.runs))) + 1
    unit = next(u for u in report.units if u.code == BINJIANG)
    assert (lo, hi) == unit.rank_interval
