"""Each rule operator at its boundary values, through the vectorised matcher and the
brute-force reference alike; a missing value is unknown (only ``exists`` decides on it)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hzdigital.eligibility import operators
from hzdigital.eligibility.match import Outcome, Status, condition_outcomes, explain, match
from hzdigital.eligibility.reference import reference_outcome
from hzdigital.eligibility.rules import Condition, Policy
from hzdigital.eligibility.table import EnterpriseTable

P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN

# (attribute, operator, value, unit) → [(enterprise value, expected outcome), …]
BOUNDARIES = [
    (("revenue_wan_yuan", "eq", 2000, "万元"), [(2000.0, P), (1999.99, F), (None, U)]),
    (("revenue_wan_yuan", "ne", 2000, "万元"), [(2000.0, F), (2000.01, P), (None, U)]),
    (("revenue_wan_yuan", "gt", 2000, "万元"), [(2000.0, F), (2000.01, P), (None, U)]),
    (("revenue_wan_yuan", "ge", 2000, "万元"), [(2000.0, P), (1999.99, F), (None, U)]),
    (("revenue_wan_yuan", "lt", 2000, "万元"), [(2000.0, F), (1999.99, P), (None, U)]),
    (("revenue_wan_yuan", "le", 2000, "万元"), [(2000.0, P), (2000.01, F), (None, U)]),
    (("revenue_wan_yuan", "ge", 0.2, "亿元"), [(2000.0, P), (1999.99, F)]),
    (("revenue_wan_yuan", "le", 5_000_000, "元"), [(500.0, P), (500.01, F)]),
    (
        ("employees", "between", [10, 300], "人"),
        [(9.0, F), (10.0, P), (300.0, P), (301.0, F), (None, U)],
    ),
    (("rd_intensity_percent", "ge", 3, "%"), [(3.0, P), (2.999, F), (None, U)]),
    (("age_years", "lt", 5, "年"), [(4.0, P), (5.0, F), (None, U)]),
    (("employees", "in", [50, 100], "人"), [(50.0, P), (51.0, F), (None, U)]),
    (("employees", "not_in", [50, 100], "人"), [(50.0, F), (51.0, P), (None, U)]),
    (("division_code", "eq", "330108", ""), [("330108", P), ("330106", F), (None, U), ("", U)]),
    (("division_code", "ne", "330108", ""), [("330108", F), ("330106", P), (None, U)]),
    (("division_code", "in", ["330108", "330110"], ""), [("330110", P), ("330127", F)]),
    (("division_code", "not_in", ["330108"], ""), [("330108", F), ("330127", P), (None, U)]),
    (("de_sub", "starts_with", ["0101", "02"], ""), [("010101", P), ("020301", P), ("030101", F)]),
    (("de_major", "in", ["01", "02", "03", "04"], ""), [("04", P), ("05", F), (None, U)]),
    (("high_tech", "is_true", None, ""), [(True, P), (False, F), (None, U)]),
    (("listed", "is_false", None, ""), [(False, P), (True, F), (None, U)]),
    (("core", "eq", True, ""), [(True, P), (False, F), (None, U)]),
    (("project_stage", "in", ["building", "completed"], ""), [("building", P), ("signed", F)]),
    (("project_stage", "eq", "producing", ""), [("producing", P), ("building", F), (None, U)]),
    (("high_tech", "exists", None, ""), [(True, P), (False, P), (None, F)]),
    (("revenue_wan_yuan", "exists", None, ""), [(0.0, P), (None, F)]),
]

CASES = [(rule, value, expected) for rule, points in BOUNDARIES for value, expected in points]


def _condition(rule: tuple) -> Condition:
    attribute, operator, value, unit = rule
    return Condition.parse(
        {"attribute": attribute, "operator": operator, "value": value, "unit": unit}
    )


@pytest.mark.parametrize(("rule", "value", "expected"), CASES, ids=lambda x: str(x))
def test_each_operator_decides_its_boundary_values(rule, value, expected) -> None:
    condition = _condition(rule)
    frame = pd.DataFrame({"uscc": ["X"], rule[0]: pd.Series([value], dtype=object)})
    vectorised = condition_outcomes(EnterpriseTable.from_frame(frame), condition)[0]
    assert Outcome(vectorised) is expected
    assert reference_outcome({rule[0]: value}, condition) is expected


def test_the_boundary_table_covers_every_operator() -> None:
    used = {rule[1] for rule, _ in BOUNDARIES}
    assert used == set(operators.BY_KEY)


def test_an_enterprise_with_a_missing_value_is_unknown_never_eligible() -> None:
    policy = Policy.build(
        "p",
        "研发补助",
        [
            {"attribute": "revenue_wan_yuan", "operator": "ge", "value": 100, "unit": "万元"},
            {"attribute": "high_tech", "operator": "is_true"},
        ],
    )
    frame = pd.DataFrame(
        {
            "uscc": ["has-both", "no-profile", "fails-revenue"],
            "revenue_wan_yuan": [500.0, 500.0, 50.0],
            "high_tech": pd.array([True, None, None], dtype="boolean"),
        }
    )
    result = match(EnterpriseTable.from_frame(frame), [policy])
    assert list(result.status[:, 0]) == [Status.ELIGIBLE, Status.UNKNOWN, Status.NOT_ELIGIBLE]


def test_an_attribute_absent_from_the_table_is_unknown_for_every_enterprise() -> None:
    policy = Policy.build("p", "上市奖励", [{"attribute": "listed", "operator": "is_true"}])
    table = EnterpriseTable.from_frame(pd.DataFrame({"uscc": ["A", "B"]}))
    assert list(match(table, [policy]).status[:, 0]) == [Status.UNKNOWN, Status.UNKNOWN]


def test_the_explanation_shows_each_condition_with_the_value_and_its_outcome() -> None:
    policy = Policy.build(
        "p",
        "规上奖励",
        [
            {"attribute": "revenue_wan_yuan", "operator": "ge", "value": 2000, "unit": "万元"},
            {"attribute": "talent_founded", "operator": "is_true"},
        ],
    )
    frame = pd.DataFrame({"uscc": ["A", "B"], "revenue_wan_yuan": [1000.0, 2500.0]})
    (only,) = explain(EnterpriseTable.from_frame(frame), 1, [policy])
    assert only.status is Status.UNKNOWN
    assert [(c.value, c.outcome) for c in only.checks] == [(2500.0, P), (None, U)]
    assert only.checks[0].condition.describe("en") == "revenue ≥ 2000 万元"
    assert not math.isnan(only.checks[0].value)
