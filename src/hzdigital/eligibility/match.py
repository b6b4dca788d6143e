"""The matcher: every enterprise against every policy, column at a time, and the explanation
of one enterprise's results condition by condition.

Per (enterprise, policy): **eligible** when every condition passes; **not eligible** when any
condition fails on a known value; otherwise **unknown** (some value is missing and none fails).
A missing value therefore never makes an enterprise eligible. An eligible enterprise gets the
policy without applying (免申即享: every condition was checked from data); an unknown one may
apply with the policy's documents, which prove what the data could not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

import numpy as np

from hzdigital.eligibility.rules import Condition, Document, Policy
from hzdigital.eligibility.table import EnterpriseTable


class Outcome(IntEnum):
    FAIL = 0
    PASS = 1
    UNKNOWN = 2


class Status(IntEnum):
    NOT_ELIGIBLE = 0
    ELIGIBLE = 1
    UNKNOWN = 2


class Route(StrEnum):
    AUTOMATIC = "automatic"  # 免申即享: granted from data, no application
    APPLY = "apply"  # 申请: apply with the policy's documents
    NONE = "none"  # not eligible


ROUTE_OF_STATUS = {
    Status.ELIGIBLE: Route.AUTOMATIC,
    Status.UNKNOWN: Route.APPLY,
    Status.NOT_ELIGIBLE: Route.NONE,
}


def condition_outcomes(table: EnterpriseTable, condition: Condition) -> np.ndarray:
    """One condition over every row: an int8 array of ``Outcome`` values."""
    column = table.columns[condition.attribute.key]
    known = column.known
    operator = condition.operator
    if operator.checks_missing:
        return np.where(known, Outcome.PASS, Outcome.FAIL).astype(np.int8)
    if column.codes is not None and column.categories is not None:
        # Few distinct codes: decide each once with the scalar rule, then look the rows up.
        decided = [operator.scalar(value, condition.operand) for value in column.categories]
        hits = np.append(np.asarray(decided, dtype=bool), False)  # index -1 → False
        passed = hits[column.codes]
    else:
        assert column.numbers is not None and operator.array is not None
        with np.errstate(invalid="ignore"):
            passed = np.asarray(operator.array(column.numbers, condition.operand), dtype=bool)
    outcomes = np.where(passed, Outcome.PASS, Outcome.FAIL).astype(np.int8)
    outcomes[~known] = Outcome.UNKNOWN
    return outcomes


def _key(condition: Condition) -> tuple[str, str, str]:
    return (condition.attribute.key, condition.operator.key, repr(condition.operand))


@dataclass(frozen=True)
class MatchResult:
    usccs: np.ndarray  # one per row of the table
    policy_codes: tuple[str, ...]
    status: np.ndarray  # int8, shape (enterprises, policies), values of ``Status``

    def counts(self, policy_code: str) -> dict[Status, int]:
        column = self.status[:, self.policy_codes.index(policy_code)]
        return {status: int((column == status).sum()) for status in Status}

    def rows_with(self, policy_code: str, status: Status) -> np.ndarray:
        return np.flatnonzero(self.status[:, self.policy_codes.index(policy_code)] == status)


def match(table: EnterpriseTable, policies: Sequence[Policy]) -> MatchResult:
    """Every row against every policy. A condition shared by several policies is computed once."""
    cache: dict[tuple[str, str, str], np.ndarray] = {}
    status = np.empty((len(table), len(policies)), dtype=np.int8)
    for index, policy in enumerate(policies):
        failed = np.zeros(len(table), dtype=bool)
        unknown = np.zeros(len(table), dtype=bool)
        for condition in policy.conditions:
            key = _key(condition)
            if key not in cache:
                cache[key] = condition_outcomes(table, condition)
            outcomes = cache[key]
            failed |= outcomes == Outcome.FAIL
            unknown |= outcomes == Outcome.UNKNOWN
        status[:, index] = np.where(
            failed, Status.NOT_ELIGIBLE, np.where(unknown, Status.UNKNOWN, Status.ELIGIBLE)
        )
    return MatchResult(table.usccs, tuple(p.code for p in policies), status)


@dataclass(frozen=True)
class ConditionCheck:
    condition: Condition
    value: Any  # the enterprise's value in the attribute's unit; None when missing
    outcome: Outcome


@dataclass(frozen=True)
class PolicyMatch:
    policy: Policy
    status: Status
    checks: tuple[ConditionCheck, ...]

    @property
    def route(self) -> Route:
        return ROUTE_OF_STATUS[self.status]

    @property
    def documents(self) -> tuple[Document, ...]:
        """What to bring when applying; nothing for 免申即享 or a policy one cannot get."""
        return self.policy.documents if self.route is Route.APPLY else ()


def explain(table: EnterpriseTable, row: int, policies: Sequence[Policy]) -> list[PolicyMatch]:
    """One enterprise against each policy, with every condition's value and outcome.

    The outcomes come from the same ``condition_outcomes`` as ``match``, so the explanation
    and the bulk result cannot disagree.
    """
    one = table.take([row])  # test one row, not the whole table, per condition
    values = one.values(0)
    matches = []
    for policy in policies:
        checks = tuple(
            ConditionCheck(c, values[c.attribute.key], Outcome(condition_outcomes(one, c)[0]))
            for c in policy.conditions
        )
        outcomes = {check.outcome for check in checks}
        if Outcome.FAIL in outcomes:
            status = Status.NOT_ELIGIBLE
        elif Outcome.UNKNOWN in outcomes:
            status = Status.UNKNOWN
        else:
            status = Status.ELIGIBLE
        matches.append(PolicyMatch(policy, status, checks))
    return matches
