"""Server-side SVG charts for the report: hand-written markup, no browser, no plotting library.

WeasyPrint draws inline SVG itself, so the PDF needs nothing but these strings; the HTML report
embeds the same strings. Every chart takes plain numbers and labels already in the report's
language, and says "missing" in words where a value is absent instead of drawing a zero.

>>> svg = bar_chart([("滨江区", 12.5), ("淳安县", None)], unit="亿元", missing="缺失")
>>> svg.startswith("<svg") and "缺失" in svg and "12.5" in svg
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

FONT = "Noto Sans CJK SC, Noto Sans CJK, sans-serif"
INK, GRID, MUTED = "#1f2933", "#d9dee4", "#6b7785"
PALETTE = ("#1d5fa7", "#d9822b", "#2f8f5b", "#a83279", "#6b4fbb", "#8a6d1e")
# Sequential blues, light to dark, for the choropleth's five classes.
BLUES = ("#dbe9f6", "#a9cce8", "#6aaed6", "#2f7fc1", "#0b4f94")
MISSING_FILL = "#eeeeee"


def _open(width: float, height: float, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" aria-label="{escape(label)}" '
        f'font-family="{FONT}" font-size="11" fill="{INK}">'
    )


def _text(x: float, y: float, body: str, **attrs: object) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(body)}</text>'


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten).

    >>> nice_ticks(0, 7000)
    [0.0, 2000.0, 4000.0, 6000.0, 8000.0]
    """
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def number(value: float | None, digits: int = 1, missing: str = "—") -> str:
    """A figure as printed in the report: thousands separated, fixed decimals."""
    if value is None or value != value:
        return missing
    return f"{value:,.{digits}f}"


# ---- line chart with a target path -----------------------------------------------------------


@dataclass(frozen=True)
class LineSeries:
    label: str
    points: tuple[tuple[int, float], ...]  # (year, value)
    dashed: bool = False  # the plan's path is dashed; actuals are solid


def line_chart(
    series: Sequence[LineSeries], *, unit: str, title: str = "", width: int = 640, height: int = 280
) -> str:
    """Years on x, values on y; dashed series for paths, solid ones with dots for actuals."""
    points = [p for s in series for p in s.points]
    if not points:
        return ""
    left, right, top, bottom = 64, 16, 36, 34
    years = sorted({year for year, _ in points})
    low = min(0.0, min(v for _, v in points))
    ticks = nice_ticks(low, max(v for _, v in points))
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(years[-1] - years[0], 1)

    def x(year: float) -> float:
        return left + (year - years[0]) / span * plot_w

    def y(value: float) -> float:
        return top + plot_h - (value - ticks[0]) / (ticks[-1] - ticks[0]) * plot_h

    out = [_open(width, height, title or unit)]
    for tick in ticks:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" '
                   f'y2="{y(tick):.1f}" stroke="{GRID}"/>')  # fmt: skip
        out.append(_text(left - 6, y(tick) + 4, f"{tick:,.10g}", text_anchor="end", fill=MUTED))
    for year in years:
        out.append(_text(x(year), height - bottom + 16, str(year), text_anchor="middle"))
    out.append(_text(8, top - 14, unit, fill=MUTED))
    legend_x = left + 40
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in sorted(s.points))
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')  # fmt: skip
        if not s.dashed:
            for yr, v in s.points:
                out.append(f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}"/>')
        out.append(f'<line x1="{legend_x}" x2="{legend_x + 22}" y1="{top - 18}" '
                   f'y2="{top - 18}" stroke="{colour}" stroke-width="2"{dash}/>')  # fmt: skip
        out.append(_text(legend_x + 27, top - 14, s.label))
        legend_x += 40 + 11 * _width_em(s.label)
    out.append("</svg>")
    return "".join(out)


def _width_em(label: str) -> float:
    """Approximate width of a label in ems: CJK characters are one em, Latin ones about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in label)


# ---- bars -------------------------------------------------------------------------------------


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    unit: str,
    missing: str,
    digits: int = 1,
    width: int = 640,
    title: str = "",
) -> str:
    """Horizontal bars, one row per item, the value printed at the bar's end."""
    if not items:
        return ""
    label_w = 12 + 11 * max(_width_em(label) for label, _ in items)
    row_h, top = 20, 24
    height = top + row_h * len(items) + 8
    values = [v for _, v in items if v is not None]
    high = max([*values, 0.0]) or 1.0
    low = min([*values, 0.0])
    plot_w = width - label_w - 70
    scale = plot_w / (high - low) if high > low else 0.0
    zero = label_w + (-low) * scale
    out = [_open(width, height, title or unit), _text(label_w, 14, unit, fill=MUTED)]
    for index, (label, value) in enumerate(items):
        y = top + index * row_h
        out.append(_text(label_w - 6, y + 13, label, text_anchor="end"))
        if value is None:
            out.append(_text(zero + 4, y + 13, missing, fill=MUTED))
            continue
        start, end = sorted((zero, zero + value * scale))
        out.append(f'<rect x="{start:.1f}" y="{y + 3}" width="{max(end - start, 0.5):.1f}" '
                   f'height="{row_h - 6}" fill="{PALETTE[0]}"/>')  # fmt: skip
        out.append(_text(end + 4, y + 13, number(value, digits)))
    out.append(f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top}" y2="{height - 6}" '
               f'stroke="{MUTED}"/>')  # fmt: skip
    out.append("</svg>")
    return "".join(out)


# ---- choropleth of the 13 units -----------------------------------------------------------


GEOJSON_FILE = "hangzhou_districts_cnmaps_amap.geojson"
MIN_STEP_PX = 1.0


@cache
def _districts() -> tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """(code, outer rings) of each unit from the shipped GeoJSON (holes are not drawn)."""
    source = resources.files("hzdigital.data").joinpath(GEOJSON_FILE)
    data = json.loads(source.read_text(encoding="utf-8"))
    out = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings = tuple(tuple((float(lon), float(lat)) for lon, lat in poly[0]) for poly in polygons)
        out.append((str(feature["properties"]["adcode"]), rings))
    return tuple(out)


def _ring_area(ring: Sequence[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)))


def _centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Area centroid of a ring (shoelace); falls back to the mean for a degenerate ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * a), cy / (3 * a)


def classes(values: Sequence[float], count: int = len(BLUES)) -> list[float]:
    """Upper bounds of ``count`` quantile classes (each holds about as many units), the last
    being the maximum. Quantiles, not equal intervals: district figures are so skewed that
    equal intervals would paint all but two units the same colour.

    >>> classes([1.0, 2.0, 3.0, 4.0, 5.0, 100.0], count=3)
    [2.0, 4.0, 100.0]
    """
    ordered = sorted(values)
    bounds = []
    for i in range(1, count + 1):
        position = math.ceil(len(ordered) * i / count) - 1
        bound = ordered[max(position, 0)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


# Labels a reader can place: the city's small central districts sit close together, so their
# names are nudged off the centroid (in pixels) to keep them from printing over each other.
LABEL_NUDGE_PX = {
    "330102": (14, 10),  # 上城区, east of 西湖 and south of 拱墅
    "330105": (2, -6),  # 拱墅区
    "330106": (-12, 4),  # 西湖区
    "330108": (10, 6),  # 滨江区, south of the river
}


def choropleth(
    values: dict[str, float | None],
    names: dict[str, str],
    *,
    unit: str,
    missing: str,
    digits: int = 1,
    width: int = 640,
    title: str = "",
) -> str:
    """The 13 units shaded by value in five quantile classes; a unit without a value is grey
    and the legend says what grey means. The height follows the map's shape."""
    districts = _districts()
    lons = [x for _, rings in districts for ring in rings for x, _ in ring]
    lats = [y for _, rings in districts for ring in rings for _, y in ring]
    # Equirectangular with the longitude shrunk by cos(latitude): true shapes at this scale.
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    shrink = math.cos(math.radians((south + north) / 2))
    legend_w = 160
    map_w = width - legend_w - 10
    scale = map_w / ((east - west) * shrink)
    height = int((north - south) * scale) + 10

    def project(lon: float, lat: float) -> tuple[float, float]:
        return 5 + (lon - west) * shrink * scale, 5 + (north - lat) * scale

    shown = [v for v in values.values() if v is not None]
    bounds = classes(shown) if shown else []

    def fill(value: float | None) -> str:
        if value is None:
            return MISSING_FILL
        return BLUES[next(i for i, b in enumerate(bounds) if value <= b + 1e-9)]

    out = [_open(width, height, title or unit)]
    labels = []
    for code, rings in districts:
        value = values.get(code)
        paths = []
        for ring in rings:
            # A point closer than MIN_STEP_PX to the last one kept adds nothing a reader can
            # see; dropping it keeps the SVG small and the PDF fast.
            projected: list[tuple[float, float]] = []
            for lon, lat in ring:
                px, py = project(lon, lat)
                last = projected[-1] if projected else None
                if last is None or abs(px - last[0]) + abs(py - last[1]) >= MIN_STEP_PX:
                    projected.append((round(px, 1), round(py, 1)))
            paths.append("M" + "L".join(f"{px:g},{py:g}" for px, py in projected) + "Z")
        name = names.get(code, code)
        shown_value = number(value, digits, missing)
        out.append(f'<path d="{"".join(paths)}" fill="{fill(value)}" stroke="#ffffff" '
                   f'stroke-width="0.8"><title>{escape(name)}: {escape(shown_value)}'
                   f"</title></path>")  # fmt: skip
        largest = max(rings, key=_ring_area)
        cx, cy = project(*_centroid(largest))
        dx, dy = LABEL_NUDGE_PX.get(code, (0, 0))
        labels.append((cx + dx, cy + dy, name))
    for cx, cy, name in labels:
        # A white halo drawn first, then the name: paint-order is not honoured everywhere.
        out.append(
            _text(
                cx,
                cy,
                name,
                text_anchor="middle",
                font_size="9",
                fill="none",
                stroke="#ffffff",
                stroke_width="2.5",
                stroke_linejoin="round",
            )
        )
        out.append(_text(cx, cy, name, text_anchor="middle", font_size="9"))  # fmt: skip
    legend_x = width - legend_w
    out.append(_text(legend_x, 24, unit, fill=MUTED))
    lower = min(shown) if shown else 0.0
    for index, bound in enumerate(bounds):
        y = 34 + index * 20
        out.append(f'<rect x="{legend_x}" y="{y}" width="16" height="14" fill="{BLUES[index]}"/>')
        out.append(_text(legend_x + 22, y + 11, f"{number(lower, digits)}–{number(bound, digits)}"))
        lower = bound
    y = 34 + len(bounds) * 20
    if len(shown) < len(districts):
        out.append(f'<rect x="{legend_x}" y="{y}" width="16" height="14" fill="{MISSING_FILL}"/>')
        out.append(_text(legend_x + 22, y + 11, missing))
    out.append("</svg>")
    return "".join(out)


# ---- rank bands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RankBand:
    label: str
    rank: int  # under the published method
    median_rank: float  # over the Monte Carlo runs
    low: int  # rank interval, best end
    high: int  # rank interval, worst end


def rank_bands(
    bands: Sequence[RankBand], *, legend: tuple[str, str, str], width: int = 640, title: str = ""
) -> str:
    """One row per unit in rank order: the interval as a band, the median as a ring and the
    published rank as a dot, on an axis from 1 (best) to the number of units."""
    if not bands:
        return ""
    count = len(bands)
    label_w = 12 + 11 * max(_width_em(b.label) for b in bands)
    row_h, top = 20, 40
    height = top + row_h * count + 10
    plot_w = width - label_w - 20

    def x(rank: float) -> float:
        return label_w + (rank - 1) / max(count - 1, 1) * plot_w

    out = [_open(width, height, title or legend[0])]
    for rank in range(1, count + 1):
        out.append(f'<line x1="{x(rank):.1f}" x2="{x(rank):.1f}" y1="{top - 6}" '
                   f'y2="{height - 8}" stroke="{GRID}"/>')  # fmt: skip
        out.append(_text(x(rank), top - 10, str(rank), text_anchor="middle", fill=MUTED))
    band_label, median_label, rank_label = legend
    out.append(f'<rect x="{label_w}" y="6" width="22" height="8" fill="#a9cce8"/>')
    out.append(_text(label_w + 27, 14, band_label))
    offset = label_w + 40 + 11 * _width_em(band_label)
    out.append(f'<circle cx="{offset:.1f}" cy="10" r="4" fill="#ffffff" stroke="{PALETTE[0]}" '
               f'stroke-width="2"/>')  # fmt: skip
    out.append(_text(offset + 8, 14, median_label))
    offset += 26 + 11 * _width_em(median_label)
    out.append(f'<circle cx="{offset:.1f}" cy="10" r="3" fill="{PALETTE[1]}"/>')
    out.append(_text(offset + 8, 14, rank_label))
    for index, band in enumerate(sorted(bands, key=lambda b: b.rank)):
        y = top + index * row_h
        out.append(_text(label_w - 6, y + 13, band.label, text_anchor="end"))
        left, right = x(band.low), x(band.high)
        out.append(f'<rect x="{left - 4:.1f}" y="{y + 5}" width="{right - left + 8:.1f}" '
                   f'height="10" rx="5" fill="#a9cce8"/>')  # fmt: skip
        out.append(f'<circle cx="{x(band.median_rank):.1f}" cy="{y + 10}" r="4.5" fill="#ffffff" '
                   f'stroke="{PALETTE[0]}" stroke-width="2"/>')  # fmt: skip
        out.append(f'<circle cx="{x(band.rank):.1f}" cy="{y + 10}" r="3" fill="{PALETTE[1]}"/>')
    out.append("</svg>")
    return "".join(out)


# ---- radar ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RadarSeries:
    label: str
    values: tuple[float | None, ...]  # one per axis, scaled to 0–1; None = missing


def radar(
    axes: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    missing_note: str,
    width: int = 560,
    height: int = 400,
    title: str = "",
) -> str:
    """Values scaled to 0–1 on each axis. Missing values get no point, and a series' outline
    only joins neighbouring axes that both have a value, so a gap never looks like a zero."""
    if not axes or not series:
        return ""
    cx, cy = width / 2 - 60, height / 2 + 8
    radius = min(cx, cy) - 56

    def at(axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / len(axes)
        return cx + math.cos(angle) * radius * value, cy + math.sin(angle) * radius * value

    out = [_open(width, height, title or missing_note)]
    for ring in (0.25, 0.5, 0.75, 1.0):
        ring_points = " ".join(
            f"{px:.1f},{py:.1f}" for px, py in (at(i, ring) for i in range(len(axes)))
        )
        out.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}"/>')
    for index, label in enumerate(axes):
        ex, ey = at(index, 1.0)
        lx, ly = at(index, 1.12)
        out.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
                   f'stroke="{GRID}"/>')  # fmt: skip
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        out.append(_text(lx, ly + 4, label, text_anchor=anchor, font_size="10"))
    for number_, s in enumerate(series):
        colour = PALETTE[number_ % len(PALETTE)]
        n = len(axes)
        for i in range(n):
            a, b = s.values[i], s.values[(i + 1) % n]
            if a is None or b is None:
                continue
            (x0, y0), (x1, y1) = at(i, a), at((i + 1) % n, b)
            out.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
                       f'stroke="{colour}" stroke-width="2"/>')  # fmt: skip
        for i, value in enumerate(s.values):
            if value is not None:
                px, py = at(i, value)
                out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
        ly = 30 + number_ * 18
        out.append(f'<rect x="{width - 120}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>')
        out.append(_text(width - 102, ly + 1, s.label))
    out.append(_text(8, height - 8, missing_note, fill=MUTED, font_size="9"))
    out.append("</svg>")
    return "".join(out)
