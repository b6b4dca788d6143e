"""The rule operators: one registry row each, with its symbol, operand shape, and two
implementations of the same meaning — ``scalar`` for one value (the brute-force reference and
the per-value step of code columns) and ``array`` for a whole numeric column at once.

A missing value is never passed to either: the matcher marks it unknown first. The one
exception is ``exists``, whose whole point is whether the value is there (``checks_missing``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from hzdigital.eligibility.attributes import Kind


class Operand(StrEnum):
    NONE = "none"  # is_true, is_false, exists
    SCALAR = "scalar"  # eq, ne, gt, ge, lt, le
    LIST = "list"  # in, not_in, starts_with
    RANGE = "range"  # between: [low, high], both ends included


@dataclass(frozen=True)
class Operator:
    key: str
    operand: Operand
    kinds: frozenset[Kind]  # attribute kinds it applies to
    symbol_zh: str  # how the rule reads: 营业收入 ≥ 2000 万元
    symbol_en: str
    scalar: Callable[[Any, Any], bool]
    array: Callable[[np.ndarray, Any], np.ndarray] | None = None  # None: not for numbers
    checks_missing: bool = False  # True only for ``exists``


ALL = frozenset(Kind)
ORDERED = frozenset({Kind.NUMBER})
EQUATABLE = frozenset({Kind.NUMBER, Kind.CODE, Kind.CHOICE, Kind.FLAG})
LISTABLE = frozenset({Kind.NUMBER, Kind.CODE, Kind.CHOICE})


def _between(value: Any, operand: tuple[float, float]) -> bool:
    low, high = operand
    return bool(low <= value <= high)


def _between_array(values: np.ndarray, operand: tuple[float, float]) -> np.ndarray:
    low, high = operand
    return np.asarray((values >= low) & (values <= high))


OPERATORS: tuple[Operator, ...] = (
    Operator("eq", Operand.SCALAR, EQUATABLE, "=", "=", lambda v, x: bool(v == x), np.equal),
    Operator("ne", Operand.SCALAR, EQUATABLE, "≠", "≠", lambda v, x: bool(v != x), np.not_equal),
    Operator("gt", Operand.SCALAR, ORDERED, ">", ">", lambda v, x: bool(v > x), np.greater),
    Operator("ge", Operand.SCALAR, ORDERED, "≥", "≥", lambda v, x: bool(v >= x), np.greater_equal),
    Operator("lt", Operand.SCALAR, ORDERED, "<", "<", lambda v, x: bool(v < x), np.less),
    Operator("le", Operand.SCALAR, ORDERED, "≤", "≤", lambda v, x: bool(v <= x), np.less_equal),
    Operator("between", Operand.RANGE, ORDERED, "介于", "between", _between, _between_array),
    Operator(
        "in",
        Operand.LIST,
        LISTABLE,
        "属于",
        "in",
        lambda v, x: v in x,
        lambda a, x: np.isin(a, list(x)),
    ),  # fmt: skip
    Operator(
        "not_in",
        Operand.LIST,
        LISTABLE,
        "不属于",
        "not in",
        lambda v, x: v not in x,
        lambda a, x: ~np.isin(a, list(x)),
    ),  # fmt: skip
    Operator(
        "starts_with",
        Operand.LIST,
        frozenset({Kind.CODE}),
        "以…开头",
        "starts with",
        lambda v, x: any(str(v).startswith(prefix) for prefix in x),
    ),  # fmt: skip
    Operator(
        "is_true",
        Operand.NONE,
        frozenset({Kind.FLAG}),
        "为“是”",
        "is yes",
        lambda v, x: bool(v),
        lambda a, x: a == 1.0,
    ),  # fmt: skip
    Operator(
        "is_false",
        Operand.NONE,
        frozenset({Kind.FLAG}),
        "为“否”",
        "is no",
        lambda v, x: not v,
        lambda a, x: a == 0.0,
    ),  # fmt: skip
    Operator(
        "exists",
        Operand.NONE,
        ALL,
        "有记录",
        "is on record",
        lambda v, x: v is not None,
        checks_missing=True,
    ),  # fmt: skip
)

BY_KEY: dict[str, Operator] = {operator.key: operator for operator in OPERATORS}
