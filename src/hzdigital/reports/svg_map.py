"""The choropleth of the 13 county-level units, drawn from the shipped GeoJSON as SVG paths.

>>> from hzdigital.lib.divisions import county_divisions
>>> codes = [d.code for d in county_divisions()]
>>> markup = choropleth({c: 1.0 for c in codes}, {}, unit="亿元", missing="缺失")
>>> markup.count("<path")
13
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from html import escape
from importlib import resources

from hzdigital.reports.svg import BLUES, MISSING_FILL, MUTED, _open, _text, number

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
    bounds: list[float] = []
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
