"""The brute-force reference: the matcher's meaning written as a plain loop over dict rows.

It shares only the operators' ``scalar`` rules with the vectorised matcher, not its column
encoding, masks or caching; the tests compare the two on generated data, and the benchmark
uses this loop as its baseline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from hzdigital.eligibility.match import Outcome, Status
from hzdigital.eligibility.rules import Condition, Policy


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value == ""


def reference_outcome(record: Mapping[str, Any], condition: Condition) -> Outcome:
    value = record.get(condition.attribute.key)
    if is_missing(value):
        value = None
    if condition.operator.checks_missing:
        return Outcome.PASS if value is not None else Outcome.FAIL
    if value is None:
        return Outcome.UNKNOWN
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = float(value)
    return Outcome.PASS if condition.operator.scalar(value, condition.operand) else Outcome.FAIL


def reference_status(record: Mapping[str, Any], policy: Policy) -> Status:
    outcomes = [reference_outcome(record, condition) for condition in policy.conditions]
    if Outcome.FAIL in outcomes:
        return Status.NOT_ELIGIBLE
    if Outcome.UNKNOWN in outcomes:
        return Status.UNKNOWN
    return Status.ELIGIBLE


def reference_match(records: Iterable[Mapping[str, Any]], policies: Sequence[Policy]) -> np.ndarray:
    """Status matrix (enterprises × policies), one record and one condition at a time."""
    rows = [[reference_status(record, policy) for policy in policies] for record in records]
    return np.asarray(rows, dtype=np.int8).reshape(-1, len(policies))
