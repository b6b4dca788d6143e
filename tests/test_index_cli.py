"""`hzdigital index`: the JSON contract of DESIGN.md, on a warehouse built by the real import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dashboard_warehouse import build_warehouse
from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.lib.divisions import county_divisions

runner = CliRunner()
# The command reads the accepted talent figures from the app database, as the pages do.
pytestmark = pytest.mark.django_db
UNIT_FIELDS = {"code", "name_zh", "score", "rank", "median_rank", "rank_interval"}


@pytest.fixture(scope="module")
def warehouse_home(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("index-home")).home


@pytest.fixture(scope="module")
def payload(warehouse_home, django_db_setup, django_db_blocker) -> dict:
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("HZDIGITAL_HOME", str(warehouse_home))
        result = runner.invoke(app, ["index", "--year", "2022", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_it_prints_the_contract_fields_for_every_unit(payload) -> None:
    assert payload["year"] == 2022
    assert payload["framework"]["edition"] == "2026.2"
    assert all(UNIT_FIELDS <= set(unit) for unit in payload["units"])
    assert {u["code"] for u in payload["units"]} == {d.code for d in county_divisions()}


def test_the_ranks_run_from_1_to_13_in_score_order(payload) -> None:
    units = payload["units"]
    assert [u["rank"] for u in units] == list(range(1, 14))
    scores = [u["score"] for u in units]
    assert scores == sorted(scores, reverse=True)


def test_each_interval_is_ordered_and_holds_the_median_rank(payload) -> None:
    for unit in payload["units"]:
        lo, hi = unit["rank_interval"]
        assert 1 <= lo <= unit["median_rank"] <= hi <= 13


def test_an_index_of_demo_data_says_it_is_synthetic(payload) -> None:
    assert payload["synthetic"] is True
    assert "synthetic" in payload["note"]


def test_the_method_logs_every_step_and_the_monte_carlo_seed(payload) -> None:
    assert [s["step"] for s in payload["method"]["steps"]][0] == "denominate"
    assert payload["method"]["monte_carlo"] == payload["method"]["monte_carlo"] | {
        "runs": 1000,
        "seed": 2021,
    }


def test_a_year_not_in_the_warehouse_exits_2_naming_the_years(warehouse_home, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(warehouse_home))
    result = runner.invoke(app, ["index", "--year", "2019"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "2022, 2023" in result.output


def test_an_empty_warehouse_exits_2_and_says_to_import_first(hzdigital_home) -> None:
    result = runner.invoke(app, ["index"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "hzdigital import" in result.output


def test_a_broken_framework_file_is_named_with_its_yaml_path(warehouse_home, tmp_path, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(warehouse_home))
    broken = tmp_path / "fw.yaml"
    broken.write_text(
        "edition: x\nchangelog: [{edition: x}]\ndimensions:\n  - key: d\n    name_zh: 维\n"
        "    name_en: D\n    indicators:\n      - {key: a, name_zh: 甲, name_en: A, "
        "source: cube:core.profit, unit: '%', direction: up, weight: -1}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["index", "--framework", str(broken)])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "fw.yaml:dimensions[0].indicators[0].source" in result.output
    assert "fw.yaml:dimensions[0].indicators[0].direction" in result.output
    assert "fw.yaml:dimensions[0].indicators[0].weight" in result.output
