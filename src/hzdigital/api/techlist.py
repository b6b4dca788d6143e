"""The key-technology list over the API: editions, one edition's items, its diff against the
year before (added, carried over, dropped), and an item's indicator trend from the cube.

Open like the list pages: anonymous visitors (the public) see published editions; members of
any unit also see drafts (``techlist.selectors.editions_visible_to``). Trend figures say when
they come from synthetic demo data, and an empty warehouse says so instead of showing zeros.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from hzdigital.api.reads import YEAR_MAX, YEAR_MIN, Detail, Unprocessable
from hzdigital.techlist.models import TechListEdition, TechListItem, split_codes
from hzdigital.techlist.selectors import edition_diff, editions_visible_to
from hzdigital.techlist.trend import item_trend

router = Router(tags=["techlist"])

READ = {404: Detail, 422: Unprocessable}


class EditionOut(Schema):
    year: int
    title_zh: str
    published: bool
    is_demo: bool  # a demo edition: label it wherever it shows
    items: int


class ItemOut(Schema):
    id: int
    year: int
    key: str  # stable across years: the diff matches on it
    technology_zh: str
    domain_zh: str
    lead_zh: str
    gbt_classes: list[str]
    nbs_categories: list[str]
    goal_zh: str
    status: str  # planned | ongoing | breakthrough
    status_label: str


class EditionDetailOut(EditionOut):
    item_list: list[ItemOut]


class DiffOut(Schema):
    year: int
    previous_year: int | None  # null: no earlier edition, everything is added
    added: list[ItemOut]
    carried: list[ItemOut]
    dropped: list[ItemOut]  # items of the previous edition


class SeriesOut(Schema):
    de_code: str  # the cube's major or medium code the item's category is read at
    years: list[int]
    value_added_wan_yuan: list[float | None]


class TrendOut(Schema):
    item_id: int
    empty: bool  # no warehouse rows at all
    synthetic: bool  # some figures come from the demo generator
    note: str  # why empty, or the synthetic label; "" otherwise
    series: list[SeriesOut]


def _item(item: TechListItem) -> dict:
    return {
        "id": item.pk,
        "year": item.edition.year,
        "key": item.key,
        "technology_zh": item.technology_zh,
        "domain_zh": item.domain_zh,
        "lead_zh": item.lead_zh,
        "gbt_classes": split_codes(item.gbt_classes),
        "nbs_categories": item.nbs_codes,
        "goal_zh": item.goal_zh,
        "status": item.status,
        "status_label": item.get_status_display(),
    }


def _edition(edition: TechListEdition) -> dict:
    return {
        "year": edition.year,
        "title_zh": edition.title_zh,
        "published": edition.published,
        "is_demo": edition.is_demo,
        "items": edition.items.count(),
    }


def _visible_edition(request: HttpRequest, year: int) -> TechListEdition:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404
    return get_object_or_404(editions_visible_to(request.user), year=year)


@router.get("/techlist/editions", response={200: list[EditionOut]})
def edition_list(request: HttpRequest):
    """The editions the visitor may see, newest first."""
    return [_edition(e) for e in editions_visible_to(request.user)]


@router.get("/techlist/editions/{year}", response={200: EditionDetailOut, **READ})
def edition_detail(request: HttpRequest, year: int):
    """One year's list with its items."""
    edition = _visible_edition(request, year)
    items = edition.items.select_related("edition")
    return _edition(edition) | {"item_list": [_item(i) for i in items]}


@router.get("/techlist/editions/{year}/diff", response={200: DiffOut, **READ})
def edition_year_diff(request: HttpRequest, year: int):
    """Compared with the previous edition, matched by the items' stable keys."""
    edition = _visible_edition(request, year)
    diff = edition_diff(edition)
    return {
        "year": edition.year,
        "previous_year": diff.previous.year if diff.previous else None,
        "added": [_item(i) for i in diff.added],
        "carried": [_item(i) for i in diff.carried],
        "dropped": [_item(i) for i in diff.dropped],
    }


@router.get("/techlist/items/{item_id}/trend", response={200: TrendOut, **READ})
def item_trend_read(request: HttpRequest, item_id: int):
    """City value added (万元) by year of the item's NBS categories, from the cube."""
    item = get_object_or_404(
        TechListItem.objects.select_related("edition"),
        pk=item_id,
        edition__in=editions_visible_to(request.user),
    )
    trend = item_trend(item.nbs_codes)
    return {
        "item_id": item.pk,
        "empty": trend.empty,
        "synthetic": trend.synthetic,
        "note": trend.note,
        "series": [
            {
                "de_code": s.de_code,
                "years": list(s.years),
                "value_added_wan_yuan": list(s.value_added_wan_yuan),
            }
            for s in trend.series
        ],  # fmt: skip
    }
