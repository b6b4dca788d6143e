"""The district composite index, open to everyone like the other reads.

``GET /api/index?year=Y&edition=E`` returns what ``hzdigital index --json --edition E``
prints, from the same function (``index.selectors.report``, so the API, the CLI and the pages
show the same run). ``edition``: a published edition or ``live``; default the latest published
edition, else live, as ``/api/monitor``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from hzdigital.api.reads import YEAR_MAX, YEAR_MIN, Detail, Unprocessable
from hzdigital.evaluation.service import MSG_NO_YEAR, IndexDataError
from hzdigital.index import selectors
from hzdigital.monitoring import editions

router = Router()


class IndexQuery(Schema):
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
    # A published edition (E1, E2, …) or ``live``; default: the latest edition, else live.
    edition: str | None = Field(None, max_length=40)


@router.get(
    "/index",
    response={200: dict[str, Any], 404: Detail, 422: Unprocessable, 503: Detail},
    tags=["index"],
)
def district_index(request: HttpRequest, filters: Query[IndexQuery]):
    """The district index: ``{"year", "framework", "synthetic", "units":[{"code", "name_zh",
    "score", "rank", "median_rank", "rank_interval"}], "method", "indicators", "sensitivity",
    "profiles", "notes", "edition"}``; ``edition`` is the published edition whose frozen inputs
    made the index, or null for live data. 404 for an unknown edition or a year the data do not
    hold, 503 when they are empty or too sparse."""
    try:
        years = selectors.years(filters.edition)
    except editions.UnknownEdition as error:
        return Status(404, {"detail": str(error)})
    except IndexDataError as error:
        return Status(503, {"detail": str(error)})
    year = filters.year if filters.year is not None else years[0]
    if year not in years:
        listed = ", ".join(map(str, sorted(years)))
        return Status(404, {"detail": MSG_NO_YEAR.render(year=year, years=listed)})
    try:
        return selectors.report(year, filters.edition).to_dict()
    except IndexDataError as error:  # too few units with data that year
        return Status(503, {"detail": str(error)})
