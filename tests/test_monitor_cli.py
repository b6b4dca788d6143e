"""``hzdigital monitor`` and ``hzdigital targets`` on a warehouse file under a temporary home."""

from __future__ import annotations

import json

import duckdb
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.monitoring.cube import RECORD_FIELDS
from hzdigital.monitoring.output import MSG_EMPTY_WAREHOUSE, MSG_MONEY_NOTE

runner = CliRunner()

ROWS = pd.DataFrame(
    {
        "uscc": ["A", "B", "C", "D", "E"],
        "year": [2022, 2023, 2023, 2023, 2023],
        "division_code": ["330108", "330108", "330108", "330106", "330106"],
        "industry_code": ["3921", "3921", "6511", "6450", "5110"],
        "de_sub": ["010201", "010201", "030101", "030306", None],
        "de_medium": ["0102", "0102", "0301", "0303", None],
        "de_major": ["01", "01", "03", "03", None],
        "de_status": ["full", "full", "full", "partial_unresolved", "none"],
        "revenue": [100.0, 120.0, 80.0, 40.0, 500.0],
        "value_added": [30.0, 33.0, 20.0, 10.0, 60.0],
        "employees": [10, 11, 8, 4, 50],
        "rd_expense": [3.0, 4.0, None, 1.0, None],
        "synthetic": [True] * 5,
    }
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def warehouse(home):
    with duckdb.connect(str(home / "warehouse.duckdb")) as db:
        # NOT NULL as in the warehouse schema: the cube must union such columns cleanly.
        db.execute(
            "create table enterprise_year (uscc varchar not null, year integer not null, "
            "division_code varchar not null, industry_code varchar not null, de_sub varchar, "
            "de_medium varchar, de_major varchar, de_status varchar not null, "
            "revenue double not null, value_added double, employees bigint not null, "
            "rd_expense double, synthetic boolean not null)"
        )
        db.register("rows", ROWS)
        db.execute("insert into enterprise_year select * from rows")
    return home


def test_it_says_the_warehouse_is_empty_and_exits_0(home):
    result = runner.invoke(app, ["monitor"])
    assert result.exit_code == 0
    expected = MSG_EMPTY_WAREHOUSE.format(path=home / "warehouse.duckdb")
    assert expected.split("(")[0] in result.output


def test_monitor_json_has_the_contract_records_and_the_unit(warehouse):
    result = runner.invoke(app, ["monitor", "--json", "--year", "2023"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["note"] == MSG_MONEY_NOTE
    assert payload["unit"]["revenue"] == "万元"
    assert payload["level"] == "core" and payload["engine"] == "duckdb"
    assert all(tuple(r) == RECORD_FIELDS for r in payload["records"])
    cells = {(r["division_code"], r["de_code"]): r for r in payload["records"]}
    assert cells[("330108", "core")]["value_added"] == 33.0 + 20.0
    assert cells[("330108", "core")]["yoy_value_added"] == pytest.approx((53 / 30 - 1) * 100)
    assert cells[("330106", "partial_unresolved")]["enterprises"] == 1


def test_monitor_writes_csv_and_xlsx(warehouse, tmp_path):
    csv_path, xlsx_path = tmp_path / "cube.csv", tmp_path / "cube.xlsx"
    result = runner.invoke(
        app, ["monitor", "--level", "medium", "--csv", str(csv_path), "--xlsx", str(xlsx_path)]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(csv_path, encoding="utf-8-sig", dtype={"division_code": str})
    assert tuple(frame.columns) == RECORD_FIELDS
    assert set(frame.de_code) == {"0102", "0301", "partial_unresolved"}
    sheet = openpyxl.load_workbook(xlsx_path)["cube"]
    assert tuple(c.value for c in sheet[1]) == RECORD_FIELDS
    assert sheet.max_row == len(frame) + 1


def test_monitor_prints_a_table_with_the_money_unit(warehouse):
    result = runner.invoke(app, ["monitor", "--level", "major"])
    assert result.exit_code == 0, result.output
    assert "万元" in result.output and "330108" in result.output


@pytest.mark.parametrize(
    ("option", "value"), [("--level", "sub"), ("--engine", "polars")], ids=["level", "engine"]
)
def test_monitor_rejects_an_unknown_choice_with_exit_2(warehouse, option, value):
    result = runner.invoke(app, ["monitor", option, value])
    assert result.exit_code == EXIT_BAD_INPUT
    assert value in result.output


def test_targets_json_uses_the_warehouse_for_unpublished_years(warehouse):
    result = runner.invoke(app, ["targets", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    core = next(t for t in payload["targets"] if t["indicator"] == "core_value_added")
    points = {p["year"]: p for p in core["trajectory"]}
    assert points[2023]["actual_origin"] == "warehouse"
    assert points[2023]["synthetic"] is True
    assert points[2023]["actual"] == pytest.approx((33.0 + 20.0) / 10_000)
    assert points[2021]["actual_origin"] == "published"


def test_targets_without_a_warehouse_still_shows_the_published_trajectory(home):
    result = runner.invoke(app, ["targets"])
    assert result.exit_code == 0, result.output
    assert "7000" in result.output and "published" in result.output
