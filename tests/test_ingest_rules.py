"""Every validation rule rejects its example, names the row, and lets good rows through."""

from __future__ import annotations

import datetime as dt

import pytest

from hzdigital.warehouse import rules
from hzdigital.warehouse.ingest import ingest_file
from ingest_fixtures import read_quarantine, valid_row, warehouse_rows, write_csv

NEXT_YEAR = str(dt.date.today().year + 1)

# rule code → the rows of a file whose LAST row breaks that rule (and the row before it is the
# one a duplicate points to). A rule added to the registry without an example fails below.
EXAMPLES: dict[str, list] = {
    rules.ROW_SHAPE: [valid_row(1), "only,three,fields"],
    rules.USCC_REQUIRED: [valid_row(0, uscc="")],
    rules.USCC_FORMAT: [valid_row(0, uscc="91330100MA000000I0")],
    rules.USCC_CHECK: [valid_row(0, uscc=valid_row(0)["uscc"][:17] + "Y")],
    rules.NAME_REQUIRED: [valid_row(0, name="  \u3000")],
    rules.DIVISION_REQUIRED: [valid_row(0, division_code="")],
    rules.DIVISION_FORMAT: [valid_row(0, division_code="33010")],
    rules.DIVISION_ABOLISHED: [valid_row(0, division_code="330103")],
    rules.DIVISION_NOT_COUNTY: [valid_row(0, division_code="330201")],
    rules.INDUSTRY_REQUIRED: [valid_row(0, industry_code="")],
    rules.INDUSTRY_FORMAT: [valid_row(0, industry_code="软件开发")],
    rules.INDUSTRY_UNKNOWN: [valid_row(0, industry_code="6510")],
    rules.INDUSTRY_SECTION_MISMATCH: [valid_row(0, industry_code="A6513")],
    rules.YEAR_REQUIRED: [valid_row(0, year="")],
    rules.YEAR_FORMAT: [valid_row(0, year="2023.5")],
    rules.YEAR_RANGE: [valid_row(0, year=NEXT_YEAR)],
    rules.REVENUE_REQUIRED: [valid_row(0, revenue="")],
    rules.REVENUE_NUMBER: [valid_row(0, revenue="一千")],
    rules.REVENUE_NEGATIVE: [valid_row(0, revenue="-0.5")],
    rules.VALUE_ADDED_NUMBER: [valid_row(0, value_added="n/a")],
    rules.EMPLOYEES_REQUIRED: [valid_row(0, employees="")],
    rules.EMPLOYEES_WHOLE: [valid_row(0, employees="2.5")],
    rules.RD_EXPENSE_NUMBER: [valid_row(0, rd_expense="x")],
    rules.RD_EXPENSE_NEGATIVE: [valid_row(0, rd_expense="-3")],
    rules.DUPLICATE_KEY: [valid_row(0), valid_row(0, revenue="5")],
}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.mark.parametrize("rule", [rule.code for rule in rules.RULES])
def test_each_rule_rejects_its_example(rule, tmp_path, home):
    rows = EXAMPLES[rule]
    result = ingest_file(write_csv(tmp_path / "in.csv", rows))
    failing_row = len(rows) + 1  # the header is row 1
    assert result.reasons.get(rule) == 1
    assert result.rejected == 1
    lines = [line for line in read_quarantine(result.quarantine_path) if line["rule"] == rule]
    assert [int(line["row"]) for line in lines] == [failing_row]
    spec = rules.RULES_BY_CODE[rule]
    assert lines[0]["field"] == spec.field
    assert lines[0]["message_zh"] and lines[0]["message_en"]


def test_the_registry_has_unique_codes_and_known_fields():
    codes = [rule.code for rule in rules.RULES]
    assert len(codes) == len(set(codes))
    from hzdigital.warehouse.readers import FIELD_NAMES

    assert {rule.field for rule in rules.RULES} <= {*FIELD_NAMES, "row"}


def test_a_duplicate_names_the_first_row(tmp_path, home):
    rows = [valid_row(0), valid_row(1), valid_row(0, revenue="7")]
    result = ingest_file(write_csv(tmp_path / "in.csv", rows))
    (line,) = read_quarantine(result.quarantine_path)
    assert (line["row"], line["rule"]) == ("4", rules.DUPLICATE_KEY)
    assert "第 2 行" in line["message_zh"] and "row 2" in line["message_en"]
    # The first copy is the one kept.
    assert warehouse_rows(home, "uscc, revenue")[0] == (valid_row(0)["uscc"], 1000.5)


def test_an_abolished_division_message_names_its_successor(tmp_path, home):
    result = ingest_file(write_csv(tmp_path / "in.csv", [valid_row(0, division_code="330103")]))
    (line,) = read_quarantine(result.quarantine_path)
    assert "330105 拱墅区" in line["message_zh"]


def test_it_accepts_lenient_spellings(tmp_path, home):
    rows = [
        valid_row(0, uscc=" " + valid_row(0)["uscc"].lower() + " "),
        valid_row(1, industry_code="i6513", revenue="1,234.5", value_added="-12"),
        valid_row(2, value_added="", rd_expense="", business_scope="", employees="0"),
    ]
    result = ingest_file(write_csv(tmp_path / "in.csv", rows))
    assert (result.accepted, result.rejected, result.quarantine_path) == (3, 0, None)
    stored = warehouse_rows(home, "uscc, industry_code, revenue, value_added, rd_expense")
    assert stored[0][0] == valid_row(0)["uscc"]
    assert stored[1][1:4] == ("6513", 1234.5, -12.0)
    assert stored[2][3:] == (None, None)


def test_good_rows_load_with_their_values(tmp_path, home):
    rows = [valid_row(i) for i in range(5)]
    result = ingest_file(write_csv(tmp_path / "in.csv", rows))
    assert result.accepted == 5
    expected = sorted(
        (r["uscc"], int(r["year"]), r["name"], float(r["revenue"]), int(r["employees"]))
        for r in rows
    )
    assert warehouse_rows(home, "uscc, year, name, revenue, employees") == expected


def test_the_first_year_is_accepted_and_the_one_before_is_not(tmp_path, home):
    rows = [valid_row(0, year=str(rules.FIRST_YEAR)), valid_row(1, year=str(rules.FIRST_YEAR - 1))]
    result = ingest_file(write_csv(tmp_path / "in.csv", rows))
    assert (result.accepted, result.reasons) == (1, {rules.YEAR_RANGE: 1})
