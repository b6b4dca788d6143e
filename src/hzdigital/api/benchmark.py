"""The city benchmark as JSON: ``GET /api/benchmark`` (open to everyone, like the page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from hzdigital.api.reads import Detail
from hzdigital.evaluation.benchmark import BenchmarkError, load_benchmark

router = Router()


@router.get("/benchmark", response={200: dict[str, Any], 503: Detail}, tags=["evaluation"])
def benchmark(request: HttpRequest):
    """Hangzhou against leading cities: ``cities``, ``indicators`` (with definitions),
    ``values`` (each with source, year, status, comparability note; a missing value is null)
    and ``gaps`` (ratio and difference only between comparable values; else ``status``
    says missing or not_comparable). 503 when the data file breaks a rule."""
    try:
        return load_benchmark().to_dict()
    except BenchmarkError as error:
        return Status(503, {"detail": str(error)})
