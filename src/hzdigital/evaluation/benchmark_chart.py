"""Radar charts of the city benchmark as plain SVG (for the page and, later, the PDF report).

Each chart puts the reference city (Hangzhou) and one other city on the indicator axes,
normalised by ``Benchmark.radar`` (value over the largest comparable value of any city, so the
leader of an axis sits on the outer ring). A missing or non-comparable value is *not* drawn at
the centre, which would read as zero: the outline breaks there, and the axis label says
"missing" for that city.

>>> from hzdigital.evaluation.benchmark import load_benchmark
>>> svg = radar_svg(load_benchmark(), "shenzhen", lang="en")
>>> svg.startswith("<svg") and "Shenzhen" in svg and "missing" in svg
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from hzdigital.evaluation.benchmark import REFERENCE_CITY, Benchmark, RadarPoint

WIDTH_PX, HEIGHT_PX = 640, 400  # wide: the axis labels are long Chinese names
RADIUS_PX = 120
CENTRE_X, CENTRE_Y = WIDTH_PX / 2, HEIGHT_PX / 2 - 15
RINGS = (0.25, 0.5, 0.75, 1.0)
COLOURS = {"reference": "#1f5fa8", "other": "#e08a1e"}
WORDS = {
    "zh": {
        "missing": "缺失",
        "no_axes": "没有可比的指标",
        "scale": "外圈 = 各城市可比值中的最大值",
    },
    "en": {
        "missing": "missing",
        "no_axes": "no comparable indicator",
        "scale": "outer ring = the largest comparable value of any city",
    },
}


@dataclass(frozen=True)
class Axis:
    key: str
    label: str
    angle_rad: float


def _point(axis: Axis, share: float) -> tuple[float, float]:
    return (
        CENTRE_X + RADIUS_PX * share * math.sin(axis.angle_rad),
        CENTRE_Y - RADIUS_PX * share * math.cos(axis.angle_rad),
    )


def _outline(axes: list[Axis], points: dict[str, RadarPoint], colour: str, cls: str) -> str:
    """Segments between neighbouring drawn axes only: a gap where a value is missing."""
    parts = []
    for i, axis in enumerate(axes):
        nxt = axes[(i + 1) % len(axes)]
        a, b = points[axis.key].normalised, points[nxt.key].normalised
        if a is None or b is None or len(axes) < 2:
            continue
        (x1, y1), (x2, y2) = _point(axis, a), _point(nxt, b)
        parts.append(
            f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    for axis in axes:
        share = points[axis.key].normalised
        if share is not None:
            x, y = _point(axis, share)
            value = points[axis.key].value
            parts.append(
                f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">'
                f"<title>{escape(axis.label)}: {value:g}</title></circle>"
            )
    return "".join(parts)


def radar_svg(bench: Benchmark, city_code: str, *, lang: str = "zh") -> str:
    """The reference city against ``city_code`` on every indicator with a comparable value."""
    words = WORDS["en" if lang == "en" else "zh"]
    mine = {p.indicator: p for p in bench.radar(REFERENCE_CITY)}
    theirs = {p.indicator: p for p in bench.radar(city_code)}
    drawn = {p.indicator for c in bench.cities for p in bench.radar(c.code) if p.normalised}
    drawable = [i for i in bench.indicators if i.key in drawn]
    title = f"{bench.city(REFERENCE_CITY).name(lang)} · {bench.city(city_code).name(lang)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH_PX} {HEIGHT_PX}" '
        f'role="img" aria-label="{escape(title)}" class="hz-radar" font-family="sans-serif" '
        f'data-city="{escape(city_code)}"><title>{escape(title)}</title>'
    )
    if not drawable:
        message = f'<text x="{CENTRE_X}" y="{CENTRE_Y}" text-anchor="middle">{words["no_axes"]}'
        return head + message + "</text></svg>"
    axes = [
        Axis(i.key, i.label.in_language(lang), 2 * math.pi * n / len(drawable))
        for n, i in enumerate(drawable)
    ]
    body = []
    for ring in RINGS:
        ring_points = " ".join("{:.1f},{:.1f}".format(*_point(a, ring)) for a in axes)
        body.append(f'<polygon points="{ring_points}" fill="none" stroke="#d5dbe5"/>')
    for axis in axes:
        x, y = _point(axis, 1.0)
        body.append(
            f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d5dbe5"/>'
        )
        lx, ly = _point(axis, 1.12)
        ly += 4 if ly > CENTRE_Y else 0
        anchor = "middle" if abs(lx - CENTRE_X) < 8 else ("start" if lx > CENTRE_X else "end")
        missing = [
            bench.city(code).name(lang)
            for code, points in ((REFERENCE_CITY, mine), (city_code, theirs))
            if points[axis.key].normalised is None
        ]
        colour = "#8a8f98" if missing else "#243447"
        joiner = ", " if lang == "en" else "、"
        note = f"{joiner.join(missing)} {words['missing']}" if missing else ""
        first, _, rest = axis.label.partition(", ")  # long English labels: two lines
        lines = [(first, 12), (rest, 12), (note, 11)]
        tspans = "".join(
            f'<tspan x="{lx:.1f}" dy="{0 if n == 0 else 14}" font-size="{size}">{escape(text)}</tspan>'
            for n, (text, size) in enumerate(line for line in lines if line[0])
        )
        body.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="{colour}">{tspans}</text>'
        )
    body.append(_outline(axes, mine, COLOURS["reference"], "hz-radar__reference"))
    if city_code != REFERENCE_CITY:
        body.append(_outline(axes, theirs, COLOURS["other"], "hz-radar__other"))
    body.append(
        f'<text x="{CENTRE_X}" y="{HEIGHT_PX - 6}" font-size="10" text-anchor="middle" '
        f'fill="#8a8f98">{escape(words["scale"])}</text>'
    )
    return head + "".join(body) + "</svg>"
