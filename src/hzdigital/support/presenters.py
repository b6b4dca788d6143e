"""Match results as plain dicts with zh/en text, for the pages and the API alike, so both show
the same words for the same result."""

from __future__ import annotations

from typing import Any

from hzdigital.eligibility.attributes import Attribute, Kind
from hzdigital.eligibility.match import ConditionCheck, Outcome, PolicyMatch, Route, Status

STATUS_WORDS = {
    Status.ELIGIBLE: ("eligible", "符合条件", "eligible"),
    Status.UNKNOWN: ("unknown", "待核实:数据不全", "unknown: data incomplete"),
    Status.NOT_ELIGIBLE: ("not_eligible", "不符合", "not eligible"),
}
ROUTE_WORDS = {
    Route.AUTOMATIC: ("免申即享:条件均由数据核验,无需申请", "granted from data, no application"),
    Route.APPLY: ("可提交申请,附下列材料", "apply, with these documents"),
    Route.NONE: ("—", "—"),
}
OUTCOME_WORDS = {
    Outcome.PASS: ("pass", "满足", "pass"),
    Outcome.FAIL: ("fail", "不满足", "fail"),
    Outcome.UNKNOWN: ("unknown", "无数据", "no data"),
}
UNKNOWN_VALUE = ("未知(无记录)", "unknown (no record)")


def value_words(attribute: Attribute, value: Any) -> tuple[str, str]:
    """An enterprise's value as people read it, in zh and en (codes keep their leading zeros)."""
    if value is None:
        return UNKNOWN_VALUE
    if attribute.kind is Kind.FLAG:
        return ("是", "yes") if value else ("否", "no")
    if attribute.kind is Kind.NUMBER:
        digits = 0 if attribute.unit in ("人", "年") else 2
        text = f"{value:,.{digits}f} {attribute.unit}"
        return text, text
    if attribute.kind in (Kind.CODE, Kind.CHOICE):
        return attribute.value_label(value, "zh"), attribute.value_label(value, "en")
    return str(value), str(value)


def check_dict(check: ConditionCheck) -> dict[str, Any]:
    condition = check.condition
    outcome, outcome_zh, outcome_en = OUTCOME_WORDS[check.outcome]
    value_zh, value_en = value_words(condition.attribute, check.value)
    return {
        "attribute": condition.attribute.key,
        "label_zh": condition.attribute.label_zh,
        "label_en": condition.attribute.label_en,
        "source": condition.attribute.source.value,
        "operator": condition.operator.key,
        "value": condition.value,
        "unit": condition.unit,
        "rule_zh": condition.describe("zh"),
        "rule_en": condition.describe("en"),
        "enterprise_value": check.value,
        "enterprise_value_zh": value_zh,
        "enterprise_value_en": value_en,
        "outcome": outcome,
        "outcome_zh": outcome_zh,
        "outcome_en": outcome_en,
    }


def match_dict(found: PolicyMatch, kind: str, is_demo: bool) -> dict[str, Any]:
    status, status_zh, status_en = STATUS_WORDS[found.status]
    route_zh, route_en = ROUTE_WORDS[found.route]
    return {
        "policy": found.policy.code,
        "title_zh": found.policy.title_zh,
        "title_en": found.policy.title_en,
        "kind": kind,
        "is_demo": is_demo,
        "status": status,
        "status_zh": status_zh,
        "status_en": status_en,
        "route": found.route.value,
        "route_zh": route_zh,
        "route_en": route_en,
        "documents": [{"name_zh": d.name_zh, "name_en": d.name_en} for d in found.documents],
        "conditions": [check_dict(check) for check in found.checks],
    }
