"""The report's hand-written SVG charts: well-formed, every unit drawn, missing never zero."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hzdigital.lib.divisions import county_divisions
from hzdigital.reports import svg, svg_map

NS = {"s": "http://www.w3.org/2000/svg"}


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_the_choropleth_draws_each_of_the_13_units_once():
    codes = [d.code for d in county_divisions()]
    values = {code: float(i) for i, code in enumerate(codes)}
    root = _parse(svg_map.choropleth(values, {c: c for c in codes}, unit="亿元", missing="缺失"))
    titles = [p.find("s:title", NS).text for p in root.findall("s:path", NS)]
    assert sorted(t.split(":")[0] for t in titles) == sorted(codes)


def test_a_unit_without_a_value_is_grey_and_the_legend_says_missing():
    codes = [d.code for d in county_divisions()]
    values = {code: 10.0 + i for i, code in enumerate(codes)}
    values[codes[0]] = None
    root = _parse(svg_map.choropleth(values, {c: c for c in codes}, unit="亿元", missing="缺失"))
    fills = {
        p.find("s:title", NS).text.split(":")[0]: p.get("fill") for p in root.findall("s:path", NS)
    }
    assert fills[codes[0]] == svg.MISSING_FILL
    assert all(fill != svg.MISSING_FILL for code, fill in fills.items() if code != codes[0])
    assert "缺失" in [t.text for t in root.findall("s:text", NS)]


def test_the_largest_unit_gets_the_darkest_class_and_the_smallest_the_lightest():
    codes = [d.code for d in county_divisions()]
    values = {code: float(i + 1) for i, code in enumerate(codes)}
    root = _parse(svg_map.choropleth(values, {c: c for c in codes}, unit="", missing="-"))
    fills = {
        p.find("s:title", NS).text.split(":")[0]: p.get("fill") for p in root.findall("s:path", NS)
    }
    assert fills[codes[-1]] == svg.BLUES[-1]
    assert fills[codes[0]] == svg.BLUES[0]


def test_quantile_classes_put_about_as_many_values_in_each_class():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 1000.0]
    bounds = svg_map.classes(values, count=5)
    counts = [sum(1 for v in values if low < v <= high)
              for low, high in zip([float("-inf"), *bounds], bounds, strict=False)]  # fmt: skip
    assert counts == [2, 2, 2, 2, 2]


def test_a_missing_bar_prints_the_word_for_missing_and_draws_no_bar():
    root = _parse(svg.bar_chart([("滨江", 5.0), ("淳安", None)], unit="%", missing="缺失"))
    assert len(root.findall("s:rect", NS)) == 1
    assert "缺失" in [t.text for t in root.findall("s:text", NS)]


def test_the_line_chart_dashes_the_plan_path_and_dots_the_actuals():
    path = svg.LineSeries("path", ((2021, 1.0), (2025, 2.0)), dashed=True)
    actual = svg.LineSeries("actual", ((2021, 1.0), (2022, 1.3), (2023, 1.4)))
    root = _parse(svg.line_chart([path, actual], unit="亿元"))
    lines = root.findall("s:polyline", NS)
    assert [line.get("stroke-dasharray") for line in lines] == ["6 4", None]
    assert len(root.findall("s:circle", NS)) == 3


def test_rank_bands_draw_one_band_per_unit_spanning_its_interval():
    bands = [svg.RankBand("甲", 1, 1, 1, 2), svg.RankBand("乙", 2, 2.5, 1, 3),
             svg.RankBand("丙", 3, 3, 2, 3)]  # fmt: skip
    root = _parse(svg.rank_bands(bands, legend=("band", "median", "rank")))
    rects = [r for r in root.findall("s:rect", NS) if r.get("rx") == "5"]
    widths = [float(r.get("width")) for r in rects]
    assert len(rects) == 3
    assert widths[1] > widths[0] == widths[2], "乙's interval 1–3 is twice as wide as the others'"


def test_the_radar_gives_a_missing_value_no_point_and_no_line():
    series = [svg.RadarSeries("杭州", (0.5, None, 1.0)), svg.RadarSeries("上海", (1.0, 1.0, 1.0))]
    root = _parse(svg.radar(["a", "b", "c"], series, missing_note="缺失不画"))
    coloured = [c for c in root.findall("s:circle", NS)]
    assert len(coloured) == 2 + 3
    joined = [line for line in root.findall("s:line", NS) if line.get("stroke-width") == "2"]
    assert len(joined) == 1 + 3, "杭州 joins only c→a; 上海 closes its triangle"
