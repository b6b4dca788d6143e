"""The key-technology list: who may publish it, the year-to-year diff by stable key, history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cast import MEMBERS, make_cast
from hzdigital.techlist import selectors, services
from hzdigital.techlist.diff import diff_keys
from hzdigital.techlist.models import TechListEdition, TechListItem


@pytest.fixture
def cast(db):
    return make_cast()


def _item(cast, edition, key, **extra):
    fields = {
        "key": key, "technology_zh": f"技术{key}", "domain_zh": "集成电路", "lead_zh": "某研究院",
        "nbs_categories": "0105",
    } | extra  # fmt: skip
    return services.item_add(by=cast.city_officer, edition=edition, **fields)


def test_the_diff_matches_items_by_key_not_by_wording(cast):
    old = services.edition_create(by=cast.city_officer, year=2025, title_zh="2025")
    new = services.edition_create(by=cast.city_officer, year=2026, title_zh="2026")
    for key in ("chip", "quantum", "os"):
        _item(cast, old, key)
    _item(cast, new, "chip", technology_zh="改了名字的芯片")  # same key, new wording
    _item(cast, new, "os")
    _item(cast, new, "6g")
    diff = selectors.edition_diff(new)
    assert diff.previous == old
    assert [i.key for i in diff.added] == ["6g"]
    assert [i.key for i in diff.dropped] == ["quantum"]
    assert [i.key for i in diff.carried] == ["chip", "os"]
    assert diff.carried[0].edition == new  # carried items are shown as this year's


def test_the_first_edition_has_everything_added(cast):
    first = services.edition_create(by=cast.city_officer, year=2025, title_zh="2025")
    _item(cast, first, "chip")
    diff = selectors.edition_diff(first)
    assert diff.previous is None and [i.key for i in diff.added] == ["chip"]


def test_the_key_diff_partitions_the_union_of_both_years():
    previous, current = ["a", "b", "c"], ["b", "c", "d", "e"]
    d = diff_keys(previous, current)
    assert set(d.added) | set(d.dropped) | set(d.carried) == set(previous) | set(current)
    assert not (set(d.added) & set(d.carried)) and not (set(d.dropped) & set(d.carried))


def test_it_rejects_unknown_gbt_classes_and_nbs_categories(cast):
    edition = services.edition_create(by=cast.city_officer, year=2025, title_zh="2025")
    with pytest.raises(ValidationError) as error:
        _item(cast, edition, "bad", gbt_classes="6510", nbs_categories="0105,9901")
    assert set(error.value.message_dict) == {"gbt_classes", "nbs_categories"}
    assert TechListItem.objects.count() == 0


@pytest.mark.parametrize("member", MEMBERS)
def test_only_the_city_office_publishes_the_list(cast, member):
    user = cast.by_name(member)
    edition = services.edition_create(by=cast.city_officer, year=2025, title_zh="2025")
    item = _item(cast, edition, "chip")
    before = (TechListEdition.objects.count(), TechListItem.objects.count())
    attempts = [
        lambda: services.edition_create(by=user, year=2026, title_zh="2026"),
        lambda: services.item_add(
            by=user, edition=edition, key="os", technology_zh="x", domain_zh="y", lead_zh="z"
        ),
        lambda: services.item_set_status(by=user, item=item, status="breakthrough"),
    ]
    if member == "city_officer":
        for attempt in attempts:
            attempt()
        item.refresh_from_db()
        assert item.status == "breakthrough" and TechListItem.objects.count() == 2
        return
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    item.refresh_from_db()
    assert (TechListEdition.objects.count(), TechListItem.objects.count()) == before
    assert item.status == "planned"


def test_the_public_sees_published_editions_only(cast):
    services.edition_create(by=cast.city_officer, year=2025, title_zh="公开", published=True)
    services.edition_create(by=cast.city_officer, year=2026, title_zh="草稿")
    assert [e.year for e in selectors.editions_visible_to(cast.outsider)] == [2025]
    assert [e.year for e in selectors.editions_visible_to(cast.auditor)] == [2026, 2025]


def test_history_records_the_status_change_and_its_author(cast):
    edition = services.edition_create(by=cast.city_officer, year=2025, title_zh="2025")
    item = _item(cast, edition, "chip")
    services.item_set_status(by=cast.city_officer, item=item, status="breakthrough")
    records = list(item.history.order_by("history_date"))
    assert [r.status for r in records] == ["planned", "breakthrough"]
    assert all(r.history_user == cast.city_officer for r in records)
