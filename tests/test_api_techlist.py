"""The key-technology list over /api/: the public sees published editions only, members see
drafts too; the diff matches items by key; a trend without warehouse rows says so."""

from __future__ import annotations

import pytest
from django.test import Client

from cast import MEMBERS, make_cast
from hzdigital.techlist import services
from hzdigital.techlist.diff import diff_keys
from hzdigital.techlist.trend import EMPTY_WAREHOUSE


@pytest.fixture
def cast(db, hzdigital_home):
    cast = make_cast()
    office = cast.city_officer
    old = services.edition_create(by=office, year=2024, title_zh="2024 清单", published=True)
    new = services.edition_create(by=office, year=2025, title_zh="2025 清单", is_demo=True)
    for edition, keys in ((old, ("ai-chip", "quantum")), (new, ("ai-chip", "6g", "eda"))):
        for key in keys:
            services.item_add(
                by=office, edition=edition, key=key, technology_zh=f"{key} 技术",
                domain_zh="芯片", lead_zh="某研究院", nbs_categories="0101",
            )  # fmt: skip
    return cast


def _client(cast, member: str) -> Client:
    client = Client()
    user = cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


PUBLIC = {"outsider", "anonymous"}  # no unit: the published pages only


@pytest.mark.parametrize("member", MEMBERS)
def test_each_role_sees_the_editions_the_pages_show(cast, member) -> None:
    client = _client(cast, member)
    years = [e["year"] for e in client.get("/api/techlist/editions").json()]
    draft = client.get("/api/techlist/editions/2025")
    if member in PUBLIC:
        assert years == [2024] and draft.status_code == 404
    else:
        assert years == [2025, 2024] and draft.status_code == 200
        assert draft.json()["is_demo"] is True


def test_an_edition_lists_its_items_with_their_codes(cast) -> None:
    edition = Client().get("/api/techlist/editions/2024").json()
    assert edition["items"] == 2 and edition["published"] is True
    keys = {i["key"]: i for i in edition["item_list"]}
    assert set(keys) == {"ai-chip", "quantum"}
    assert keys["quantum"]["nbs_categories"] == ["0101"] and keys["quantum"]["status"] == "planned"


def test_the_diff_matches_items_by_key(cast) -> None:
    diff = _client(cast, "city_officer").get("/api/techlist/editions/2025/diff").json()
    expected = diff_keys(["ai-chip", "quantum"], ["ai-chip", "6g", "eda"])
    assert diff["previous_year"] == 2024
    assert tuple(i["key"] for i in diff["added"]) == expected.added
    assert tuple(i["key"] for i in diff["carried"]) == expected.carried
    assert tuple(i["key"] for i in diff["dropped"]) == expected.dropped
    assert {i["year"] for i in diff["dropped"]} == {2024}
    first = Client().get("/api/techlist/editions/2024/diff").json()
    assert first["previous_year"] is None and len(first["added"]) == 2


def test_a_trend_without_warehouse_rows_says_so(cast) -> None:
    item = Client().get("/api/techlist/editions/2024").json()["item_list"][0]
    trend = Client().get(f"/api/techlist/items/{item['id']}/trend").json()
    assert trend == {
        "item_id": item["id"], "empty": True, "synthetic": False, "note": EMPTY_WAREHOUSE,
        "series": [],
    }  # fmt: skip


def test_a_draft_items_trend_is_hidden_from_the_public(cast) -> None:
    draft = _client(cast, "city_officer").get("/api/techlist/editions/2025").json()
    item_id = draft["item_list"][0]["id"]
    assert Client().get(f"/api/techlist/items/{item_id}/trend").status_code == 404
    assert _client(cast, "auditor").get(f"/api/techlist/items/{item_id}/trend").status_code == 200
