"""Key-technology list pages: one year's list with its diff against the year before, and an
item with the value-added trend of the industries it serves. Published lists are public."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hzdigital.techlist.models import TechListItem
from hzdigital.techlist.selectors import edition_diff, editions_visible_to
from hzdigital.techlist.trend import item_trend


def tech_list(request: HttpRequest, year: int | None = None) -> HttpResponse:
    editions = editions_visible_to(request.user)
    edition = editions.filter(year=year).first() if year else editions.first()
    if year and edition is None:
        raise Http404
    return render(
        request,
        "techlist/list.html",
        {
            "editions": editions,
            "edition": edition,
            "diff": edition_diff(edition) if edition else None,
        },
    )


def tech_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(
        TechListItem.objects.select_related("edition"),
        pk=item_id,
        edition__in=editions_visible_to(request.user),
    )
    trend = item_trend(item.nbs_codes)
    chart = {
        "series": [
            {"name": s.de_code, "years": list(s.years), "values": list(s.value_added_wan_yuan)}
            for s in trend.series
        ]
    }
    return render(
        request,
        "techlist/item.html",
        {"item": item, "trend": trend, "chart": chart},
    )
