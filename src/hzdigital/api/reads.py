"""Read endpoints open to everyone (anonymous = the public): the plan, the classification,
the indicator cube and the plan's targets.

Each returns what the matching ``hzdigital … --json`` command prints, from the same function,
so the API and the CLI cannot drift apart.
"""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import WithJsonSchema

from hzdigital.api.messages import UNIT_NOT_FOUND
from hzdigital.classification import (
    EditionError,
    InvalidIndustryCode,
    UnknownIndustryCode,
    active_edition,
    classify_code,
    classify_text,
)
from hzdigital.monitoring.cube import LEVELS, RECORD_FIELDS
from hzdigital.plan import selectors as plan_selectors

router = Router()

YEAR_MIN, YEAR_MAX = 2015, 2100


class Detail(Schema):
    """An error: ``detail`` is the bilingual message (Chinese / English)."""

    detail: str
    zh: str | None = None
    en: str | None = None


class Unprocessable(Schema):
    """A parameter of the wrong type or missing: ninja's own list of pydantic errors."""

    detail: list[dict[str, Any]]


class CategoryOut(Schema):
    code: str
    name: str
    medium: str
    major: str
    core: bool
    partial: bool
    confidence: str
    evidence: str


class CodeOut(Schema):
    industry_code: str
    industry_name: str
    edition: str
    is_reconstruction: bool
    edition_note: str
    categories: list[CategoryOut]


class CandidateOut(Schema):
    industry_code: str
    industry_name: str
    score: int
    matched: list[str]


class TextCategoryOut(Schema):
    code: str
    name: str
    level: str
    medium: str
    major: str
    core: bool
    partial: bool
    score: int
    matched: list[str]


class TextOut(Schema):
    candidates: list[CandidateOut]
    categories: list[TextCategoryOut]
    edition: str
    is_reconstruction: bool


class MonitorOut(Schema):
    year: int | None
    level: str
    engine: str
    unit: dict[str, str]
    note: str
    records: list[dict[str, Any]]
    # Why ``records`` is empty, when it is (empty warehouse, no rows for the year).
    messages: list[str]
    # The published data edition the figures are frozen in; null = live warehouse figures.
    edition: dict[str, Any] | None = None


class MonitorQuery(Schema):
    # Statistical years as imports accept them (2015 to now), with room for later plans.
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
    # The spec lists the levels; the endpoint itself refuses others with the CLI's bilingual
    # message (400), not pydantic's English (422).
    level: Annotated[str, WithJsonSchema({"type": "string", "enum": list(LEVELS)})] = "core"
    # A published edition (E1, E2, …) or ``live``; default: the latest edition, else live.
    edition: str | None = Field(None, max_length=40)


class TargetsQuery(Schema):
    edition: str | None = Field(None, max_length=40)


@router.get("/plan", response={200: dict[str, Any], 503: Detail}, tags=["plan"])
def plan(request: HttpRequest):
    """The plan as data: the ``hzdigital plan --json`` shape."""
    try:
        return plan_selectors.plan_as_dict()
    except plan_selectors.NoActivePlanEdition:
        return Status(503, {"detail": plan_selectors.NO_ACTIVE_EDITION})


@router.get(
    "/plan/units/{code}", response={200: dict[str, Any], 404: Detail, 503: Detail}, tags=["plan"]
)
def plan_unit(request: HttpRequest, code: str):
    """One district/county of the plan with its key industries (an element of ``units``)."""
    try:
        units = plan_selectors.plan_as_dict()["units"]
    except plan_selectors.NoActivePlanEdition:
        return Status(503, {"detail": plan_selectors.NO_ACTIVE_EDITION})
    for unit in units:
        if unit["code"] == code:
            return unit
    return Status(404, {"detail": UNIT_NOT_FOUND.format(code=code)})


# How a class code is written, stated in the spec only: classify_code checks it (and whether a
# section letter agrees with the class) and answers 400 with the bilingual rule; a pattern
# validated by ninja would answer 422 with pydantic's English instead.
CLASS_CODE_PATTERN = r"^\s*[A-Za-z]?[0-9]{4}\s*$"

# A malformed code is the client's mistake (400); a well-formed code outside the table is a
# resource that does not exist (404).
CODE_ERROR_STATUS = {InvalidIndustryCode: 400, UnknownIndustryCode: 404}


@router.get(
    "/classification/code/{code}",
    response={200: CodeOut, 400: Detail, 404: Detail, 503: Detail},
    tags=["classification"],
)
def classification_code(
    request: HttpRequest,
    code: Annotated[str, WithJsonSchema({"type": "string", "pattern": CLASS_CODE_PATTERN})],
):
    """GB/T 4754-2017 class → NBS 2021 categories: the ``classify code --json`` shape."""
    try:
        return classify_code(code).to_dict()
    except (InvalidIndustryCode, UnknownIndustryCode) as error:
        return Status(
            CODE_ERROR_STATUS[type(error)],
            {
                "detail": str(error),
                "zh": error.zh,
                "en": error.en,
            },
        )
    except EditionError as error:
        return Status(503, {"detail": str(error)})


@router.get(
    "/classification/text",
    response={200: TextOut, 422: Unprocessable, 503: Detail},
    tags=["classification"],
)
def classification_text(request: HttpRequest, q: str):
    """Business scope → candidate classes → NBS categories: the ``classify text --json`` shape."""
    try:
        edition = active_edition()
    except EditionError as error:
        return Status(503, {"detail": str(error)})
    result = classify_text(q, edition=edition)
    return result.to_dict() | {
        "edition": edition.name,
        "is_reconstruction": edition.is_reconstruction,
    }


# The API computes on DuckDB only: a web request is no place to start a Spark session.
API_ENGINE = "duckdb"


@router.get(
    "/monitor",
    response={200: MonitorOut, 400: Detail, 404: Detail, 422: Unprocessable},
    tags=["monitoring"],
)
def monitor(request: HttpRequest, filters: Query[MonitorQuery]):
    """The indicator cube by year × district × NBS category: the ``monitor --json`` shape,
    plus ``messages`` saying why ``records`` is empty when it is, and ``edition``: the
    published edition the figures come from (``?edition=``; default the latest one), or null
    for live warehouse figures. Money in 万元 as imported."""
    from hzdigital.monitoring import editions, output
    from hzdigital.monitoring.engines import warehouse_path

    if filters.level not in LEVELS:
        message = output.MSG_BAD_CHOICE.format(
            option="level", value=filters.level, choices=", ".join(LEVELS)
        )
        return Status(400, {"detail": message})
    try:
        edition = editions.choose_edition(filters.edition)
    except editions.UnknownEdition as error:
        return Status(404, {"detail": str(error)})
    if edition is not None:
        frame = editions.edition_cube(edition.edition_id, filters.level, filters.year)
        frozen = output.MonitorResult(
            filters.year, filters.level, API_ENGINE, frame[list(RECORD_FIELDS)]
        )  # type: ignore[arg-type]
        messages = []
        if frame.empty and filters.year is not None:
            messages.append(output.MSG_NO_ROWS_FOR_YEAR.format(year=filters.year))
        return frozen.payload() | {"messages": messages, "edition": edition.to_dict()}
    if output.warehouse_rows() == 0:
        empty = output.MonitorResult(
            filters.year, filters.level, API_ENGINE, pd.DataFrame(columns=list(RECORD_FIELDS))
        )  # type: ignore[arg-type]
        message = output.MSG_EMPTY_WAREHOUSE.format(path=warehouse_path())
        return empty.payload() | {"messages": [message]}
    result = output.run_monitor(filters.level, filters.year, API_ENGINE)  # type: ignore[arg-type]
    messages = []
    if result.frame.empty and filters.year is not None:
        messages.append(output.MSG_NO_ROWS_FOR_YEAR.format(year=filters.year))
    return result.payload() | {"messages": messages}


@router.get(
    "/targets",
    response={200: dict[str, Any], 404: Detail, 422: Unprocessable},
    tags=["monitoring"],
)
def targets(request: HttpRequest, filters: Query[TargetsQuery]):
    """The plan's targets against actuals and trajectory: the ``targets --json`` shape, plus
    ``edition``: the published edition whose frozen report this is (``?edition=``; default
    the latest one), or null for a report computed from the live warehouse."""
    from hzdigital.monitoring import editions, output

    try:
        edition = editions.choose_edition(filters.edition)
    except editions.UnknownEdition as error:
        return Status(404, {"detail": str(error)})
    if edition is not None:
        return {
            "notes": output.target_notes(True),
            "targets": editions.edition_targets(edition.edition_id),
            "edition": edition.to_dict(),
        }
    reports, used_warehouse = output.run_targets()
    return output.targets_payload(reports, used_warehouse) | {"edition": None}
