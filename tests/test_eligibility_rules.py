"""Policies are checked against the registries: a rule that cannot be checked is refused with
the policy, the condition's position, the field and the rule, in Chinese and English."""

from __future__ import annotations

import pytest

from hzdigital.eligibility import rules
from hzdigital.eligibility.rules import Condition, Policy, RuleError


@pytest.mark.parametrize(
    ("raw", "field", "problem"),
    [
        ({"attribute": "turnover", "operator": "ge", "value": 1, "unit": "万元"}, "attribute",
         rules.UNKNOWN_ATTRIBUTE),
        ({"attribute": "employees", "operator": "around", "value": 1, "unit": "人"}, "operator",
         rules.UNKNOWN_OPERATOR),
        ({"attribute": "high_tech", "operator": "gt", "value": 1, "unit": ""}, "operator",
         rules.OPERATOR_NOT_FOR_KIND),
        ({"attribute": "revenue_wan_yuan", "operator": "ge", "value": 1, "unit": "人"}, "unit",
         rules.WRONG_UNIT),
        ({"attribute": "revenue_wan_yuan", "operator": "ge", "value": 1, "unit": ""}, "unit",
         rules.WRONG_UNIT),
        ({"attribute": "revenue_wan_yuan", "operator": "ge", "value": "many", "unit": "万元"},
         "value", rules.NEEDS_NUMBER),
        ({"attribute": "employees", "operator": "between", "value": [300, 10], "unit": "人"},
         "value", rules.NEEDS_RANGE),
        ({"attribute": "division_code", "operator": "in", "value": [], "unit": ""}, "value",
         rules.NEEDS_LIST),
        ({"attribute": "listed", "operator": "is_true", "value": 3, "unit": ""}, "value",
         rules.NEEDS_NO_VALUE),
        ({"attribute": "project_stage", "operator": "eq", "value": "dreaming", "unit": ""},
         "value", rules.NOT_A_CHOICE),
        ({"attribute": "core", "operator": "eq", "value": "yes", "unit": ""}, "value",
         rules.NEEDS_FLAG),
    ],
)  # fmt: skip
def test_a_bad_condition_is_refused_naming_policy_position_field_and_rule(raw, field, problem):
    ok = {"attribute": "employees", "operator": "ge", "value": 1, "unit": "人"}
    with pytest.raises(RuleError) as caught:
        Policy.build("demo-2024-01", "示例", [ok, raw])
    assert caught.value.where == f"demo-2024-01[2].{field}"
    assert caught.value.problem is problem
    message = str(caught.value)
    assert message.startswith("条件 demo-2024-01[2]." + field)
    assert " / condition demo-2024-01[2]." + field in message


def test_a_policy_without_conditions_is_refused() -> None:
    with pytest.raises(RuleError) as caught:
        Policy.build("empty", "空政策", [])
    assert caught.value.problem is rules.NO_CONDITIONS


def test_money_in_yi_yuan_is_compared_in_wan_yuan() -> None:
    condition = Condition.parse(
        {"attribute": "revenue_wan_yuan", "operator": "between", "value": [0.5, 2], "unit": "亿元"}
    )
    assert condition.operand == (5000.0, 20000.0)
    assert condition.describe("zh") == "营业收入 介于 5000–20000 万元"
    assert condition.as_dict()["unit"] == "亿元"
