"""Every code in data/plan.yaml exists in the shipped reference tables, read here with csv.

The reference tables are read with the csv module, independently of the plan-file reader
(which checks the same rules its own way).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from hzdigital.plan import planspec
from hzdigital.plan.models import KeyIndustry as KeyIndustryModel
from hzdigital.plan.models import Measure, Target, Unit

DATA = Path(__file__).resolve().parents[1] / "src" / "hzdigital" / "data"
PLAN = yaml.safe_load((DATA / "plan.yaml").read_text(encoding="utf-8"))


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


GBT_CLASSES = {
    r["code"]: r["name"]
    for r in _rows("gbt4754_2017_industry_classification.csv")
    if r["level"] == "class"
}
NBS_ROWS = _rows("nbs_digital_economy_2021_reconstructed.csv")
NBS_CODES = {r["sub_code"] for r in NBS_ROWS if r["sub_code"]} | {
    r["medium_code"] for r in NBS_ROWS
}
COUNTIES = {
    r["code6"]: r["name"]
    for r in _rows("hangzhou_admin_divisions_2023.csv")
    if r["level"] == "county_level" and r["parent_code6"] == "330100"
}
MAPPINGS = PLAN["industry_mappings"]


def _codes(scheme: str) -> list[tuple[str, str]]:
    return [(name, item["code"]) for name, m in MAPPINGS.items() for item in m[scheme]]


@pytest.mark.parametrize(("industry", "code"), _codes("gbt4754"))
def test_every_gbt_code_is_a_class_of_gbt4754_2017(industry: str, code: str) -> None:
    assert code in GBT_CLASSES, f"{industry}: {code}"


@pytest.mark.parametrize(("industry", "code"), _codes("nbs"))
def test_every_nbs_code_is_a_sub_or_medium_category_of_the_shipped_table(
    industry: str, code: str
) -> None:
    assert code in NBS_CODES, f"{industry}: {code}"


def test_every_code_has_a_note_saying_why() -> None:
    for name, mapping in MAPPINGS.items():
        for item in mapping["gbt4754"] + mapping["nbs"]:
            assert item["note"].strip(), f"{name} {item['code']}"


def test_an_nbs_sub_code_follows_a_gbt_class_the_industry_also_lists() -> None:
    # A 6-digit NBS code with GB classes in the table should come from one of the industry's
    # own GB classes, or the mapping contradicts itself.
    gbt_of_sub: dict[str, set[str]] = {}
    for row in NBS_ROWS:
        if row["sub_code"] and row["gbt4754_code"]:
            gbt_of_sub.setdefault(row["sub_code"], set()).add(row["gbt4754_code"])
    for name, mapping in MAPPINGS.items():
        own = {item["code"] for item in mapping["gbt4754"]}
        for item in mapping["nbs"]:
            sources = gbt_of_sub.get(item["code"])
            if sources:
                assert sources & own, f"{name}: {item['code']} comes from {sources}"


def test_non_digital_industries_say_so() -> None:
    assert MAPPINGS["新家居"]["nbs"] == []
    assert "not a digital-economy industry" in MAPPINGS["新家居"]["mapping_note"].lower()
    assert "not a digital-economy industry" in MAPPINGS["磁性材料"]["mapping_note"].lower()


def test_unit_codes_are_the_thirteen_county_level_codes_with_their_names() -> None:
    assert {u["code"]: u["name_zh"] for u in PLAN["units"]} == COUNTIES
    assert len(COUNTIES) == 13


def test_corridor_units_are_plan_units() -> None:
    for corridor in PLAN["corridors"]:
        assert set(corridor["units"]) <= set(COUNTIES)


def test_unit_kinds_follow_the_names() -> None:
    suffix_kind = {"区": "district", "县": "county", "市": "county_city"}
    for unit in PLAN["units"]:
        assert unit["kind"] == suffix_kind[unit["name_zh"][-1]]


def test_targets_agree_with_published_statistics() -> None:
    published = {r["indicator"]: r for r in _rows("published_statistics.csv")}
    assert {t["indicator"] for t in PLAN["targets"]} >= {"core_value_added", "core_revenue"}
    for target in PLAN["targets"]:
        row = published[f"target_{target['indicator']}"]
        assert float(row["value"]) == pytest.approx(target["value"], abs=0)
        assert (row["unit"], row["source"], row["period"]) == (
            target["unit"],
            target["source"],
            str(target["year"]),
        )


def test_the_plan_file_vocabulary_matches_the_model_choices() -> None:
    assert set(planspec.KINDS) == set(Unit.Kind.values)
    assert set(planspec.EMPHASES) == set(KeyIndustryModel.Emphasis.values)
    assert set(planspec.MEASURE_GROUPS.values()) == set(Measure.Group.values)
    assert set(planspec.COMPARISONS) == set(Target.Comparison.values)
