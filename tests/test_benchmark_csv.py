"""The city benchmark CSV: the shipped file loads, and a bad row names file, line, field, rule."""

from __future__ import annotations

import io

import pytest

from hzdigital.evaluation.benchmark import (
    COLUMNS,
    INDICATOR_BY_KEY,
    BenchmarkError,
    load_benchmark,
    parse_benchmark,
)

HEADER = ",".join(COLUMNS)
GOOD = "hangzhou,杭州,Hangzhou,core_share_of_gdp_percent,2024,28.8,yes,verified,https://x,note"


def parse(*rows: str):
    return parse_benchmark(io.StringIO("\n".join([HEADER, *rows]) + "\n"), name="bench.csv")


def only_issue(*rows: str):
    with pytest.raises(BenchmarkError) as caught:
        parse(*rows)
    assert len(caught.value.issues) == 1, caught.value.issues
    return caught.value.issues[0]


def test_the_shipped_file_loads_with_every_value_sourced_and_every_city_of_the_brief():
    bench = load_benchmark()
    codes = {c.code for c in bench.cities}
    assert {"hangzhou", "beijing", "shanghai", "shenzhen", "guangzhou"} <= codes
    assert {"bay_area", "new_york", "london", "singapore", "tokyo", "seoul"} <= codes
    for v in bench.values:
        assert v.indicator in INDICATOR_BY_KEY
        assert v.comparability_note
        assert (v.value is None) == (v.status == "missing")
        if v.value is not None:
            assert v.source.startswith("http"), v


@pytest.mark.parametrize(
    ("row", "field", "rule"),
    [
        (GOOD.replace("core_share_of_gdp_percent", "gdp_per_cat"), "indicator", "indicator"),
        (GOOD.replace(",2024,", ",1999,"), "year", "year"),
        (GOOD.replace(",28.8,", ",lots,"), "value", "number"),
        (GOOD.replace(",28.8,", ",-1,"), "value", "negative"),
        (GOOD.replace(",28.8,", ",128.8,"), "value", "percent"),
        (GOOD.replace(",https://x,", ",,"), "source", "source"),
        (GOOD.replace(",note", ","), "comparability_note", "note"),
        (GOOD.replace(",yes,", ",maybe,"), "comparable", "choice"),
        (GOOD.replace(",verified,", ",rumoured,"), "status", "choice"),
        (GOOD.replace(",verified,", ",missing,"), "status", "missing_value"),
        (GOOD.replace("hangzhou,", "Hang Zhou,"), "city_code", "city_code"),
    ],
)
def test_a_bad_row_is_refused_naming_file_line_field_and_rule(row, field, rule):
    issue = only_issue(GOOD.replace(",2024,", ",2021,"), row)
    assert (issue.file, issue.line, issue.field, issue.rule) == ("bench.csv", 3, field, rule)
    text = str(issue)
    assert "bench.csv" in text and "第 3 行" in text and "line 3" in text and field in text


def test_a_duplicate_city_indicator_year_points_to_the_first_line():
    issue = only_issue(GOOD, GOOD)
    assert (issue.line, issue.rule) == (3, "duplicate")
    assert "line 2" in str(issue)


def test_one_city_code_with_two_names_is_refused():
    other = GOOD.replace("杭州", "杭州市").replace(",2024,", ",2021,")
    assert only_issue(GOOD, other).rule == "city_names"


def test_a_file_without_a_required_column_is_refused_before_any_row():
    with pytest.raises(BenchmarkError) as caught:
        parse_benchmark(io.StringIO("city_code,year\nhangzhou,2024\n"), name="short.csv")
    issue = caught.value.issues[0]
    assert issue.rule == "columns" and "comparability_note" in issue.field


def test_every_broken_row_is_reported_at_once():
    with pytest.raises(BenchmarkError) as caught:
        parse(GOOD.replace(",2024,", ",x,"), GOOD.replace(",28.8,", ",-2,"))
    assert [i.line for i in caught.value.issues] == [2, 3]
