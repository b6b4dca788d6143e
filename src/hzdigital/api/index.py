"""The district composite index, open to everyone like the other reads.

``GET /api/index?year=Y`` returns what ``hzdigital index --json`` prints, from the same
service (through the pages' cache, so the API and the pages show the same run).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from hzdigital.api.reads import YEAR_MAX, YEAR_MIN, Detail, Unprocessable
from hzdigital.evaluation.service import MSG_NO_YEAR, IndexDataError
from hzdigital.index import selectors

router = Router()


class IndexQuery(Schema):
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)


@router.get(
    "/index",
    response={200: dict[str, Any], 404: Detail, 422: Unprocessable, 503: Detail},
    tags=["index"],
)
def district_index(request: HttpRequest, filters: Query[IndexQuery]):
    """The district index: ``{"year", "framework", "synthetic", "units":[{"code", "name_zh",
    "score", "rank", "median_rank", "rank_interval"}], "method", "indicators", "sensitivity",
    "profiles", "notes"}``. 404 for a year the warehouse does not hold, 503 when it is empty or too sparse."""
    try:
        years = selectors.years()
    except IndexDataError as error:
        return Status(503, {"detail": str(error)})
    year = filters.year if filters.year is not None else years[0]
    if year not in years:
        listed = ", ".join(map(str, sorted(years)))
        return Status(404, {"detail": MSG_NO_YEAR.render(year=year, years=listed)})
    try:
        return selectors.report(year).to_dict()
    except IndexDataError as error:  # too few units with data that year
        return Status(503, {"detail": str(error)})
