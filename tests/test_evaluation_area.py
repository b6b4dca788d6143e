"""District land areas from the GeoJSON, against an independent projection of the same rings."""

from __future__ import annotations

import json
import math

import pytest

from hzdigital.evaluation.area import AUTHALIC_RADIUS_KM, GEOJSON, district_areas_km2
from hzdigital.lib.divisions import county_codes

TOLERANCE = 0.005  # the two methods differ by far less than half a per cent at this size


def equal_area_projection_km2(geometry: dict) -> float:
    """Lambert cylindrical equal-area projection, then the shoelace formula."""

    def ring(points):
        xy = [
            (
                AUTHALIC_RADIUS_KM * math.radians(lon),
                AUTHALIC_RADIUS_KM * math.sin(math.radians(lat)),
            )
            for lon, lat in points
        ]
        return (
            abs(
                sum(
                    x1 * y2 - x2 * y1
                    for (x1, y1), (x2, y2) in zip(xy, xy[1:] + xy[:1], strict=False)
                )
            )
            / 2
        )

    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return sum(ring(p[0]) - sum(ring(h) for h in p[1:]) for p in polygons)


def test_every_county_level_unit_has_an_area() -> None:
    assert set(district_areas_km2()) == set(county_codes())


def test_the_areas_agree_with_an_equal_area_projection() -> None:
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    areas = district_areas_km2()
    for feature in features:
        expected = equal_area_projection_km2(feature["geometry"])
        assert areas[feature["properties"]["adcode"]] == pytest.approx(expected, rel=TOLERANCE)
