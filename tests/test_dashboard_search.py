"""Enterprise search on the warehouse: by name, USCC, industry code and district."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dashboard_warehouse import FixtureWarehouse, build_warehouse
from hzdigital.dashboard import messages as msg

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> FixtureWarehouse:
    home = tmp_path_factory.mktemp("search-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HZDIGITAL_HOME", str(home))
        yield build_warehouse(home)


def _search(client, query: str, page: int = 1):
    response = client.get(reverse("dashboard:enterprises"), {"q": query, "page": page})
    assert response.status_code == 200
    return response


def test_it_finds_an_enterprise_by_its_uscc(client, warehouse):
    uscc, name = warehouse.sql("SELECT uscc, name FROM enterprise_year ORDER BY uscc LIMIT 1")[0]
    result = _search(client, uscc.lower()).context["result"]
    assert [row.uscc for row in result.rows] == [uscc]
    assert result.rows[0].name == name


def test_it_shows_each_enterprise_once_in_its_newest_year(client, warehouse):
    (uscc,) = warehouse.sql(
        "SELECT uscc FROM enterprise_year GROUP BY uscc HAVING count(*) = 2 ORDER BY uscc LIMIT 1"
    )[0]
    result = _search(client, uscc).context["result"]
    assert [(row.uscc, row.year) for row in result.rows] == [(uscc, 2023)]


def test_it_finds_enterprises_by_a_word_of_their_name(client, warehouse):
    (expected,) = warehouse.sql(
        "SELECT count(DISTINCT uscc) FROM enterprise_year WHERE name LIKE '%科技%'"
    )[0]
    result = _search(client, "科技").context["result"]
    assert expected > 0
    assert result.total == expected


def test_it_finds_enterprises_by_industry_code_with_a_letter_prefix(client, warehouse):
    (code,) = warehouse.sql(
        "SELECT industry_code FROM enterprise_year GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )[0]
    (expected,) = warehouse.sql(
        "SELECT count(DISTINCT uscc) FROM enterprise_year WHERE industry_code = ?", [code]
    )[0]
    result = _search(client, "I" + code).context["result"]
    # Names hold no digits and a USCC must match whole, so only the class can match here.
    assert result.total == expected
    assert {row.industry_code for row in result.rows} == {code}


def test_it_finds_enterprises_by_district_name(client, warehouse):
    (expected,) = warehouse.sql(
        "SELECT count(DISTINCT uscc) FROM enterprise_year WHERE division_code = '330108'"
    )[0]
    result = _search(client, "滨江").context["result"]
    assert result.total == expected
    assert {row.division_name for row in result.rows} == {"滨江区"}


def test_each_found_row_shows_its_classification_reason(client, warehouse):
    response = _search(client, "滨江")
    html = response.content.decode()
    for row in response.context["result"].rows:
        assert row.de_status in msg.DE_STATUS_LABELS
        assert row.de_evidence in html
    assert 'data-testid="synthetic-banner"' in html


def test_it_says_so_when_nothing_matches(client, warehouse):
    response = _search(client, "不存在的企业名称")
    assert response.context["result"].total == 0
    assert str(msg.SEARCH_NO_RESULTS % {"query": "不存在的企业名称"}) in response.content.decode()
