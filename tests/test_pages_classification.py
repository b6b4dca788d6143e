"""The classification browser: GB/T 4754 code or Chinese name → NBS 2021 categories."""

from __future__ import annotations

import csv

import pytest

from hzdigital.classification import nbs
from hzdigital.classification.messages import RECONSTRUCTION_NOTE
from hzdigital.plan.views import SEARCH_LIMIT, SEARCH_NO_RESULTS, SEARCH_TOO_SHORT


def _shipped_rows() -> list[dict[str, str]]:
    """The shipped NBS table read from its CSV, independently of the classification package."""
    with nbs.SHIPPED_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("query", ["6520", "I6520", "i6520", " I6520 "])
def test_it_finds_a_class_by_code_with_or_without_the_section_letter(client, db, query):
    response = client.get("/classification/", {"q": query})
    assert response.status_code == 200
    hits = response.context["result"].hits
    assert [hit.entry.code for hit in hits] == ["6520"]
    expected = {r["sub_code"] for r in _shipped_rows() if r["gbt4754_code"] == "6520"}
    assert {c.code for c in hits[0].categories} == expected == {"030401"}
    page = response.content.decode()
    assert "集成电路设计" in page and "030401" in page


def test_it_finds_classes_by_chinese_name(client, db):
    response = client.get("/classification/", {"q": "集成电路"})
    hits = response.context["result"].hits
    assert hits
    assert all("集成电路" in hit.entry.name for hit in hits)
    assert {"6520", "3973"} <= {hit.entry.code for hit in hits}


def test_partial_classes_are_marked_partial_with_their_confidence(client, db):
    partial = next(r for r in _shipped_rows() if r["partial"] == "1")
    response = client.get("/classification/", {"q": partial["gbt4754_code"]})
    hit = response.context["result"].hits[0]
    category = next(c for c in hit.categories if c.code == partial["sub_code"])
    assert category.partial is True
    assert partial["note"].startswith(f"conf={category.confidence}")
    assert "部分 *" in response.content.decode()


def test_a_class_outside_the_digital_economy_says_so(client, db):
    page = client.get("/classification/", {"q": "0111"}).content.decode()  # 稻谷种植
    assert "稻谷种植" in page
    assert "不属于数字经济核心产业小类" in page


def test_a_code_prefix_lists_the_levels_under_it_and_stops_at_the_limit(client, db):
    result = client.get("/classification/", {"q": "I"}).context["result"]
    assert len(result.hits) == SEARCH_LIMIT
    assert result.truncated is True
    assert all(hit.entry.section == "I" for hit in result.hits)


def test_an_empty_query_explains_what_to_type(client, db):
    response = client.get("/classification/")
    assert response.context["result"].hits == []
    assert str(SEARCH_TOO_SHORT) in response.content.decode()


def test_a_query_without_matches_says_so(client, db):
    page = client.get("/classification/", {"q": "不存在的行业"}).content.decode()
    assert str(SEARCH_NO_RESULTS % {"query": "不存在的行业"}) in page


def test_htmx_requests_get_only_the_results_fragment(client, db):
    response = client.get("/classification/", {"q": "6520"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert 'data-testid="search-results"' in page
    assert "HX-Request" in response["Vary"]
    full = client.get("/classification/", {"q": "6520"}).content.decode()
    assert "<html" in full and 'hx-get="/classification/"' in full


def test_results_name_the_edition_and_warn_that_it_is_a_reconstruction(client, db):
    response = client.get("/classification/", {"q": "6520"})
    result = response.context["result"]
    assert result.is_reconstruction is True
    assert result.edition_name == nbs.active_edition().name
    page = response.content.decode()
    assert result.edition_name in page
    assert RECONSTRUCTION_NOTE.zh in page
