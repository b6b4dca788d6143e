"""`hzdigital plan [--json]`: loads the plan when none is active and prints the contract shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.plan import planfile
from hzdigital.plan.models import PlanEdition

runner = CliRunner()

UNIT_FIELDS = {"code", "name_zh", "name_en", "kind", "core", "key_industries"}
INDUSTRY_FIELDS = {"name_zh", "gbt4754", "nbs"}
TOP_FIELDS = {"edition", "units", "corridors", "talent_directions", "measures", "targets"}


@pytest.mark.django_db
def test_plan_json_loads_the_plan_and_has_the_contract_shape(hzdigital_home: Path) -> None:
    assert not PlanEdition.objects.exists()
    result = runner.invoke(app, ["plan", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert TOP_FIELDS <= set(data)
    assert len(data["units"]) == 13
    for unit in data["units"]:
        assert UNIT_FIELDS <= set(unit)
        assert isinstance(unit["core"], bool) and len(unit["code"]) == 6
        for industry in unit["key_industries"]:
            assert INDUSTRY_FIELDS <= set(industry)
            assert all(isinstance(code, str) for code in industry["gbt4754"] + industry["nbs"])
    for direction in data["talent_directions"]:
        assert {"name_zh", "programmes"} <= set(direction) and direction["programmes"]
    for measure in data["measures"]:
        assert {"id", "group", "text"} <= set(measure)
    assert {t["indicator"]: t["value"] for t in data["targets"]} == {
        "core_value_added": 7000,
        "core_revenue": 20000,
    }


@pytest.mark.django_db
def test_plan_json_matches_the_plan_file(hzdigital_home: Path) -> None:
    result = runner.invoke(app, ["plan", "--json"])
    data = json.loads(result.stdout)
    plan = planfile.read_plan()
    binjiang = next(u for u in data["units"] if u["code"] == "330108")
    expected = next(u for u in plan.units if u.code == "330108")
    assert [k["name_zh"] for k in binjiang["key_industries"]] == [
        k.name_zh for k in expected.key_industries
    ]
    chip = next(k for k in binjiang["key_industries"] if k["name_zh"] == "集成电路")
    mapping = next(k.mapping for k in expected.key_industries if k.name_zh == "集成电路")
    assert sorted(chip["gbt4754"]) == sorted(c.code for c in mapping.gbt4754)
    assert sorted(chip["nbs"]) == sorted(c.code for c in mapping.nbs)
    assert [m["id"] for m in data["measures"]] == [m.ident for m in plan.measures]


@pytest.mark.django_db
def test_plan_prints_a_summary_without_loading_twice(hzdigital_home: Path) -> None:
    runner.invoke(app, ["plan", "--json"])
    loaded_at = PlanEdition.objects.get().loaded_at
    result = runner.invoke(app, ["plan"])
    assert result.exit_code == 0, result.output
    assert "滨江区" in result.stdout and "数字人才引培计划" in result.stdout
    assert "保障措施" in result.stdout and "7000" in result.stdout
    assert PlanEdition.objects.get().loaded_at == loaded_at


@pytest.mark.django_db
def test_plan_exits_with_bad_input_when_the_plan_file_is_broken(
    hzdigital_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "plan.yaml"
    broken.write_text(
        planfile.PLAN_FILE.read_text(encoding="utf-8").replace('"330105"', "330105", 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(planfile, "PLAN_FILE", broken)
    result = runner.invoke(app, ["plan", "--json"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "units[1].code" in result.output and "code_must_be_quoted" in result.output
