"""The public read endpoints of /api/ return what the CLI's ``--json`` prints for the same data.

Each contract test runs the command through Typer's runner and the endpoint through Django's
test client on the same state folder, and compares the two payloads whole; figures are also
checked against an independent sum of the rows the warehouse was built from.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from hzdigital.api.messages import UNIT_NOT_FOUND
from hzdigital.classification.messages import INVALID_INDUSTRY_CODE, UNKNOWN_INDUSTRY_CODE
from hzdigital.cli import app
from hzdigital.monitoring.output import MSG_BAD_CHOICE, MSG_EMPTY_WAREHOUSE, MSG_NO_ROWS_FOR_YEAR
from hzdigital.plan.selectors import NO_ACTIVE_EDITION, plan_as_dict
from hzdigital.plan.services import plan_load
from test_monitor_cli import ROWS  # the CLI tests' five rows: API and CLI compared on one fixture

runner = CliRunner()

CORE_STATUSES = {"full", "partial_resolved"}


@pytest.fixture
def warehouse(hzdigital_home: Path) -> Path:
    with duckdb.connect(str(hzdigital_home / "warehouse.duckdb")) as db:
        db.execute(
            "create table enterprise_year (uscc varchar not null, year integer not null, "
            "division_code varchar not null, industry_code varchar not null, de_sub varchar, "
            "de_medium varchar, de_major varchar, de_status varchar not null, "
            "revenue double not null, value_added double, employees bigint not null, "
            "rd_expense double, synthetic boolean not null)"
        )
        db.register("rows", ROWS)
        db.execute("insert into enterprise_year select * from rows")
    return hzdigital_home


def _cli_json(*args: str) -> dict:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def plan(db):
    return plan_load()


def test_the_plan_endpoint_returns_the_plan_json_of_the_cli(client, plan, hzdigital_home):
    response = client.get("/api/plan")
    assert response.status_code == 200
    assert response.json() == _cli_json("plan", "--json")
    assert len(response.json()["units"]) == 13


def test_the_plan_endpoint_says_how_to_load_the_plan_before_it_is_loaded(client, db):
    response = client.get("/api/plan")
    assert response.status_code == 503
    assert response.json()["detail"] == NO_ACTIVE_EDITION


def test_a_unit_endpoint_returns_that_unit_of_the_plan(client, plan):
    response = client.get("/api/plan/units/330108")
    assert response.status_code == 200
    (expected,) = [u for u in plan_as_dict()["units"] if u["code"] == "330108"]
    assert response.json() == expected
    assert response.json()["key_industries"]


def test_an_unknown_unit_is_a_404_with_a_bilingual_message(client, plan):
    response = client.get("/api/plan/units/330199")
    assert response.status_code == 404
    assert response.json()["detail"] == UNIT_NOT_FOUND.format(code="330199")


@pytest.mark.parametrize("code", ["6520", "I6520", "0111", "6513"])
def test_a_code_classification_equals_the_cli_json(client, hzdigital_home, code):
    response = client.get(f"/api/classification/code/{code}")
    assert response.status_code == 200
    assert response.json() == _cli_json("classify", "code", code, "--json")


def test_an_unknown_code_is_a_404_naming_the_code_in_both_languages(client, hzdigital_home):
    response = client.get("/api/classification/code/9999")
    assert response.status_code == 404
    body = response.json()
    assert body["detail"] == UNKNOWN_INDUSTRY_CODE.render(code="9999")
    assert body["zh"] == UNKNOWN_INDUSTRY_CODE.zh.format(code="9999")
    assert body["en"] == UNKNOWN_INDUSTRY_CODE.en.format(code="9999")


def test_a_malformed_code_is_a_400_with_the_rule(client, hzdigital_home):
    response = client.get("/api/classification/code/65x")
    assert response.status_code == 400
    assert response.json()["detail"] == INVALID_INDUSTRY_CODE.render(code="65x")


@pytest.mark.parametrize(
    "text", ["集成电路设计;软件开发;互联网信息服务", "餐饮服务", "数字出版,不含网络游戏"]
)
def test_a_text_classification_equals_the_cli_json(client, hzdigital_home, text):
    response = client.get("/api/classification/text", {"q": text})
    assert response.status_code == 200
    assert response.json() == _cli_json("classify", "text", text, "--json")


@pytest.mark.parametrize(
    ("year", "level"), [(None, "core"), (2023, "core"), (2023, "major"), (None, "medium")]
)
def test_the_monitor_endpoint_returns_the_monitor_json_of_the_cli(client, warehouse, year, level):
    query = {"level": level} | ({"year": year} if year else {})
    response = client.get("/api/monitor", query)
    assert response.status_code == 200
    args = ["monitor", "--json", "--level", level, *(["--year", str(year)] if year else [])]
    expected = _cli_json(*args)
    body = response.json()
    assert body.pop("messages") == []
    assert body.pop("edition") is None  # nothing published: live figures, as the CLI's
    assert body == expected
    assert body["records"]


def test_the_monitor_core_cells_equal_a_plain_sum_of_the_rows(client, warehouse):
    records = client.get("/api/monitor", {"year": 2023}).json()["records"]
    cells = {(r["division_code"], r["de_code"]): r for r in records}
    rows = ROWS[(ROWS.year == 2023) & ROWS.de_status.isin(CORE_STATUSES)]
    rows = rows[rows.de_major.isin(["01", "02", "03", "04"])]
    binjiang = rows[rows.division_code == "330108"]
    assert cells[("330108", "core")]["revenue"] == pytest.approx(binjiang.revenue.sum(), rel=1e-9)
    assert cells[("330108", "core")]["enterprises"] == len(binjiang)
    assert cells[("330100", "core")]["value_added"] == pytest.approx(
        rows.value_added.sum(), rel=1e-9
    )
    assert ("330106", "core") not in cells  # its only digital row is partial, unresolved


def test_the_monitor_endpoint_says_why_there_are_no_records(client, hzdigital_home, warehouse):
    response = client.get("/api/monitor", {"year": 2019})
    assert response.status_code == 200
    assert response.json()["records"] == []
    assert response.json()["messages"] == [MSG_NO_ROWS_FOR_YEAR.format(year=2019)]


def test_the_monitor_endpoint_on_an_empty_warehouse_keeps_the_shape(client, hzdigital_home):
    body = client.get("/api/monitor").json()
    assert body["records"] == [] and body["unit"]["revenue"] == "万元"
    path = hzdigital_home / "warehouse.duckdb"
    assert body["messages"] == [MSG_EMPTY_WAREHOUSE.format(path=path)]


def test_the_monitor_endpoint_rejects_an_unknown_level(client, warehouse):
    response = client.get("/api/monitor", {"level": "sub"})
    assert response.status_code == 400
    expected = MSG_BAD_CHOICE.format(option="level", value="sub", choices="major, medium, core")
    assert response.json()["detail"] == expected


@pytest.mark.parametrize("with_warehouse", [True, False], ids=["warehouse", "published only"])
def test_the_targets_endpoint_returns_the_targets_json_of_the_cli(
    client, hzdigital_home, with_warehouse, request
):
    if with_warehouse:
        request.getfixturevalue("warehouse")
    response = client.get("/api/targets")
    assert response.status_code == 200
    body = response.json()
    assert body.pop("edition") is None  # nothing published: live figures, as the CLI's
    assert body == _cli_json("targets", "--json")
    core = next(t for t in response.json()["targets"] if t["indicator"] == "core_value_added")
    origins = {p["year"]: p["actual_origin"] for p in core["trajectory"]}
    assert origins[2021] == "published"
    assert (origins.get(2023) == "warehouse") is with_warehouse
