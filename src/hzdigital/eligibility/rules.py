"""Policies as data: a policy is its identity, dates, text, documents and a list of conditions
``{attribute, operator, value, unit}``, each checked against the registries before use.

>>> rule = Condition.parse({"attribute": "revenue_wan_yuan", "operator": "ge",
...                         "value": 0.2, "unit": "亿元"})
>>> rule.operand  # converted to the attribute's unit
2000.0
>>> rule.describe("zh")
'营业收入 ≥ 2000 万元'
>>> Condition.parse({"attribute": "revenue", "operator": "ge", "value": 1, "unit": "万元"})
Traceback (most recent call last):
...
hzdigital.eligibility.rules.RuleError: 条件 attribute:未知的企业属性“revenue” / condition attribute: unknown enterprise attribute 'revenue'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hzdigital.eligibility import attributes, operators
from hzdigital.eligibility.attributes import Attribute, Kind
from hzdigital.eligibility.operators import Operand, Operator
from hzdigital.lib.messages import Message

UNKNOWN_ATTRIBUTE = Message("未知的企业属性“{value}”", "unknown enterprise attribute '{value}'")
UNKNOWN_OPERATOR = Message("未知的运算符“{value}”", "unknown operator '{value}'")
OPERATOR_NOT_FOR_KIND = Message(
    "运算符“{value}”不适用于{label}", "operator '{value}' does not apply to {label_en}"
)
WRONG_UNIT = Message(
    "单位“{value}”不能换算为{label}的单位“{unit}”",
    "unit '{value}' does not convert to the unit '{unit}' of {label_en}",
)
NEEDS_NUMBER = Message("“{value}”不是数值", "'{value}' is not a number")
NEEDS_LIST = Message("需要非空列表,收到“{value}”", "needs a non-empty list, got '{value}'")
NEEDS_RANGE = Message(
    "需要[下限, 上限]且下限≤上限,收到“{value}”", "needs [low, high] with low ≤ high, got '{value}'"
)
NEEDS_NO_VALUE = Message(
    "此运算符不带取值,收到“{value}”", "this operator takes no value, got '{value}'"
)
NOT_A_CHOICE = Message("“{value}”不在可选值{choices}中", "'{value}' is not one of {choices}")
NEEDS_FLAG = Message("“{value}”应为 true 或 false", "'{value}' should be true or false")
NO_CONDITIONS = Message("政策至少需要一个条件", "a policy needs at least one condition")
CONDITION_AT = Message("条件 {where}:{detail}", "condition {where}: {detail}")


class RuleError(ValueError):
    """A condition that breaks a rule; ``str()`` names where, the field and the rule, zh / en."""

    def __init__(self, where: str, problem: Message, **values: Any) -> None:
        self.where = where
        self.problem = problem
        self.values = values
        inner = Message(problem.zh.format(**values), problem.en.format(**values))
        super().__init__(CONDITION_AT.wrap(inner, where=where))


@dataclass(frozen=True)
class Condition:
    attribute: Attribute
    operator: Operator
    value: Any  # as written in the policy, in ``unit``
    unit: str  # as written ("亿元"); the operand is converted to the attribute's unit
    operand: Any  # what the matcher compares with, in the attribute's unit

    @classmethod
    def parse(cls, raw: Mapping[str, Any], where: str = "") -> Condition:
        """Check one ``{attribute, operator, value, unit}`` mapping against the registries."""

        def fail(field_name: str, problem: Message, **values: Any) -> RuleError:
            return RuleError(f"{where}{field_name}", problem, **values)

        key = raw.get("attribute")
        if key not in attributes.BY_KEY:
            raise fail("attribute", UNKNOWN_ATTRIBUTE, value=key)
        attribute = attributes.BY_KEY[key]
        operator = operators.BY_KEY.get(str(raw.get("operator")))
        if operator is None:
            raise fail("operator", UNKNOWN_OPERATOR, value=raw.get("operator"))
        labels = {"label": attribute.label_zh, "label_en": attribute.label_en}
        if attribute.kind not in operator.kinds:
            raise fail("operator", OPERATOR_NOT_FOR_KIND, value=operator.key, **labels)
        unit = str(raw.get("unit") or "")
        factor = 1.0
        if attribute.kind is Kind.NUMBER and operator.operand is not Operand.NONE:
            if (unit, attribute.unit) not in attributes.UNIT_FACTORS:
                raise fail("unit", WRONG_UNIT, value=unit, unit=attribute.unit, **labels)
            factor = attributes.UNIT_FACTORS[(unit, attribute.unit)]
        elif unit:
            raise fail("unit", WRONG_UNIT, value=unit, unit=attribute.unit or "-", **labels)
        value = raw.get("value")
        operand = _operand(attribute, operator, value, factor, fail)
        return cls(attribute, operator, value, unit, operand)

    def describe(self, lang: str = "zh") -> str:
        """The rule as a sentence fragment: 营业收入 ≥ 2000 万元 / revenue ≥ 2000 万元."""
        label = self.attribute.label_en if lang == "en" else self.attribute.label_zh
        symbol = self.operator.symbol_en if lang == "en" else self.operator.symbol_zh
        separator = ", " if lang == "en" else "、"
        shown = _show(self.operand, lambda x: self.attribute.value_label(x, lang), separator)
        if self.operator.operand is Operand.NONE:
            return f"{label} {symbol}"
        unit = f" {self.attribute.unit}" if self.attribute.unit else ""
        return f"{label} {symbol} {shown}{unit}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute.key,
            "operator": self.operator.key,
            "value": self.value,
            "unit": self.unit,
        }


def _show(operand: Any, label: Callable[[str], str], separator: str) -> str:
    if isinstance(operand, tuple):
        if len(operand) == 2 and all(isinstance(x, float) for x in operand):
            return f"{_number(operand[0])}–{_number(operand[1])}"
        return separator.join(_show(x, label, separator) for x in operand)
    if isinstance(operand, float):
        return _number(operand)
    if isinstance(operand, str):
        return label(operand)
    return str(operand)


def _number(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e15 else str(x)


def _operand(attribute: Attribute, operator: Operator, value: Any, factor: float, fail) -> Any:
    shape = operator.operand
    if shape is Operand.NONE:
        if value not in (None, "", []):
            raise fail("value", NEEDS_NO_VALUE, value=value)
        return None
    if shape is Operand.RANGE:
        if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
            raise fail("value", NEEDS_RANGE, value=value)
        low, high = (_one(attribute, x, factor, fail) for x in value)
        if low > high:
            raise fail("value", NEEDS_RANGE, value=value)
        return (low, high)
    if shape is Operand.LIST:
        if not isinstance(value, Sequence) or isinstance(value, str) or not value:
            raise fail("value", NEEDS_LIST, value=value)
        return tuple(_one(attribute, x, factor, fail) for x in value)
    return _one(attribute, value, factor, fail)


def _one(attribute: Attribute, value: Any, factor: float, fail) -> Any:
    if attribute.kind is Kind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail("value", NEEDS_NUMBER, value=value)
        return float(value) * factor
    if attribute.kind is Kind.FLAG:
        if not isinstance(value, bool):
            raise fail("value", NEEDS_FLAG, value=value)
        return value
    if attribute.kind is Kind.CHOICE and value not in attribute.choices:
        raise fail("value", NOT_A_CHOICE, value=value, choices="/".join(attribute.choices))
    return str(value)


@dataclass(frozen=True)
class Document:
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Policy:
    """What the matcher needs of a policy or financing product (the Django model holds more)."""

    code: str  # stable key, unique among policies
    title_zh: str
    conditions: tuple[Condition, ...]
    documents: tuple[Document, ...] = ()  # what an applicant proves when data cannot
    issuer: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    title_en: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, code: str, title_zh: str, raw_conditions: Sequence[Mapping[str, Any]],
              **rest: Any) -> Policy:  # fmt: skip
        """Parse every condition, naming the policy and the condition's position on error."""
        if not raw_conditions:
            raise RuleError(f"{code}", NO_CONDITIONS)
        conditions = tuple(
            Condition.parse(raw, where=f"{code}[{index + 1}].")
            for index, raw in enumerate(raw_conditions)
        )
        return cls(code=code, title_zh=title_zh, conditions=conditions, **rest)
