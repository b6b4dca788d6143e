"""The city benchmark page: every value with its source, the gaps, the radar charts.

The figures come from ``hzdigital.evaluation.benchmark`` (the editable CSV); a broken CSV is
shown as its list of issues (file, line, field, rule), not as a server error, so whoever edited
it sees what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from hzdigital.evaluation.benchmark import (
    REFERENCE_CITY,
    Benchmark,
    BenchmarkError,
    BenchmarkValue,
    City,
    Gap,
    load_benchmark,
)
from hzdigital.evaluation.benchmark_chart import radar_svg

UNIT_EN = {"亿元": "100m yuan"}  # the data's units, for English pages


def _unit(unit: str, lang: str) -> str:
    return UNIT_EN.get(unit, unit) if lang == "en" else unit


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def shown(value: float | None) -> str:
    """A figure as published: no padding zeros (28.8, 11 061.5, 13)."""
    return (
        "—"
        if value is None
        else f"{value:,.4g}"
        if abs(value) < 1000
        else f"{value:,.1f}".removesuffix(".0")
    )


@dataclass(frozen=True)
class Cell:
    """One city × indicator of the values table: the latest value, or why there is none."""

    value: BenchmarkValue | None
    missing_notes: list[str]

    @property
    def shown(self) -> str:
        return shown(None if self.value is None else self.value.value)

    @property
    def source_host(self) -> str:
        if self.value is None:
            return ""
        return urlparse(self.value.source).netloc or self.value.source


@dataclass(frozen=True)
class Row:
    city: City
    name: str
    cells: list[Cell]


def _rows(bench: Benchmark, lang: str) -> list[Row]:
    return [
        Row(
            city,
            city.name(lang),
            [
                Cell(bench.latest(city.code, i.key), bench.missing_notes(city.code, i.key))
                for i in bench.indicators
            ],
        )
        for city in bench.cities
    ]


def _gap_rows(bench: Benchmark, lang: str) -> list[dict[str, object]]:
    labels = {i.key: i for i in bench.indicators}
    rows = []
    for gap in bench.gaps(REFERENCE_CITY):
        if gap.status != "comparable":
            continue
        indicator = labels[gap.indicator]
        rows.append(
            {
                "gap": gap,
                "city": bench.city(gap.city_code).name(lang),
                "label": indicator.label.in_language(lang),
                "reference_shown": shown(gap.reference_value),
                "value_shown": shown(gap.value),
                "difference_shown": shown(gap.difference),
                "unit": _unit(indicator.unit, lang),
            }
        )
    return rows


def _status_counts(gaps: list[Gap]) -> dict[str, int]:
    counts = {"comparable": 0, "not_comparable": 0, "missing": 0}
    for gap in gaps:
        counts[gap.status] += 1
    return counts


@require_GET
def benchmark(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    try:
        bench = load_benchmark()
    except BenchmarkError as error:
        return render(request, "benchmark/benchmark.html", {"issues": error.issues}, status=500)
    others = [c for c in bench.cities if c.code != REFERENCE_CITY]
    radars = [
        {"city": c, "name": c.name(lang), "svg": mark_safe(radar_svg(bench, c.code, lang=lang))}  # noqa: S308 - built from escaped text
        for c in others
        if any(p.normalised is not None for p in bench.radar(c.code))
    ]
    without_radar = [c.name(lang) for c in others if c.code not in {r["city"].code for r in radars}]
    context = {
        "bench": bench,
        "lang": lang,
        "indicators": [
            {
                "key": i.key,
                "label": i.label.in_language(lang),
                "unit": _unit(i.unit, lang),
                "definition": i.definition.in_language(lang),
            }  # fmt: skip
            for i in bench.indicators
        ],
        "rows": _rows(bench, lang),
        "gap_rows": _gap_rows(bench, lang),
        "counts": _status_counts(bench.gaps(REFERENCE_CITY)),
        "reference": bench.city(REFERENCE_CITY).name(lang),
        "radars": radars,
        "without_radar": without_radar,
        "source_file": "src/hzdigital/data/city_benchmark.csv",
    }
    return render(request, "benchmark/benchmark.html", context)
