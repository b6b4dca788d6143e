"""``GET /api/benchmark`` returns the benchmark's JSON: the same values and gaps as the module."""

from __future__ import annotations

import pytest

from hzdigital.evaluation.benchmark import load_benchmark

pytestmark = pytest.mark.django_db


def test_the_endpoint_returns_the_benchmark_with_missing_values_as_null(client):
    body = client.get("/api/benchmark").json()
    bench = load_benchmark()
    assert len(body["values"]) == len(bench.values)
    tokyo = [v for v in body["values"] if v["city_code"] == "tokyo"]
    assert tokyo and all(v["value"] is None and v["status"] == "missing" for v in tokyo)
    (gap,) = [
        g
        for g in body["gaps"]
        if g["city_code"] == "shenzhen" and g["indicator"] == "core_value_added_yi_yuan"
    ]
    assert gap["status"] == "comparable"
    assert gap["ratio"] == pytest.approx(
        bench.value("hangzhou", "core_value_added_yi_yuan")
        / bench.value("shenzhen", "core_value_added_yi_yuan")
    )
