"""Row classification for the import: industry codes + business scopes → NBS 2021 columns.

The rules (docs/architecture.md), decided per row in this order:

====================  =============================================================  ========
de_status             when                                                           de_sub
====================  =============================================================  ========
full                  the class maps fully to a 小类                                  that 小类
partial_resolved      the class maps only in part (``*``) and the business scope      that 小类
                      names the digital activity: a matched term points to that
                      小类 or to its 中类
partial_unresolved    the class maps only in part and the scope does not say so;      NULL
                      never counted as core (the candidate is named in de_evidence)
text                  any other class whose scope names a 05 数字化效率提升业 小类;      that 小类
                      05 is never assigned from the code alone
none                  everything else                                                NULL
====================  =============================================================  ========

A class mapped to several 小类 (possible in a loaded edition) goes to the first full one in
table order; among partial ones, to the best-supported by text (ties: table order).

``de_evidence`` is a short, stable, parseable string: ``rule=<status>; key=value; …``.

>>> columns = classify_enterprises(["6520", "7259", "7259", "6210", "6210"],
...     ["", "互联网广告投放", None, "餐饮服务；智慧餐饮系统", "餐饮服务"])
>>> columns["de_status"].to_pylist()
['full', 'partial_resolved', 'partial_unresolved', 'text', 'none']
>>> columns["de_sub"].to_pylist()
['030401', '040409', None, '050604', None]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hzdigital.classification import gbt4754, nbs
from hzdigital.classification.messages import EMPTY_CODE, UNKNOWN_ENTERPRISE_CODE, Message
from hzdigital.classification.nbs_table import EFFICIENCY_MAJOR, NbsRow
from hzdigital.classification.terms import scan
from hzdigital.classification.text import TextClassifier, classifier_for

ENTERPRISE_COLUMNS = (
    "de_sub",
    "de_medium",
    "de_major",
    "de_status",
    "de_evidence",
    "classification_edition",
)
STATUS_FULL = "full"
STATUS_PARTIAL_RESOLVED = "partial_resolved"
STATUS_PARTIAL_UNRESOLVED = "partial_unresolved"
STATUS_TEXT = "text"
STATUS_NONE = "none"
STATUSES = (
    STATUS_FULL,
    STATUS_PARTIAL_RESOLVED,
    STATUS_PARTIAL_UNRESOLVED,
    STATUS_TEXT,
    STATUS_NONE,
)
# Statuses counted in 数字经济核心产业 when the major is 01–04.
COUNTED_STATUSES = (STATUS_FULL, STATUS_PARTIAL_RESOLVED, STATUS_TEXT)

EVIDENCE_FULL = "rule=full; gbt4754={code}; conf={confidence}"
EVIDENCE_PARTIAL_RESOLVED = "rule=partial_resolved; gbt4754={code}; matched={terms}"
EVIDENCE_PARTIAL_UNRESOLVED = "rule=partial_unresolved; gbt4754={code}; candidates={subs}"
EVIDENCE_TEXT = "rule=text; matched={terms}"
EVIDENCE_NONE = "rule=none"
TERM_SEPARATOR = "|"

Outcome = tuple[str | None, str | None, str | None, str, str]  # the first five columns
_NONE_OUTCOME: Outcome = (None, None, None, STATUS_NONE, EVIDENCE_NONE)


@dataclass(frozen=True)
class _CodeDecision:
    """What a class code alone settles, computed once per distinct code."""

    code: str  # normalised, 4 digits
    full: NbsRow | None
    partial: tuple[NbsRow, ...]


@dataclass(frozen=True)
class _EfficiencyMatcher:
    """An automaton of just the terms that point at 05 小类, so most scopes match nothing."""

    automaton: ahocorasick.Automaton
    lengths: tuple[int, ...]
    subs: tuple[tuple[str, ...], ...]  # 05 小类 each term points at
    terms: tuple[str, ...]
    pattern: str  # a regex alternation of the terms, for the vectorised pre-filter


_efficiency_cache: dict[int, _EfficiencyMatcher] = {}


def _efficiency_matcher(classifier: TextClassifier) -> _EfficiencyMatcher:
    found = _efficiency_cache.get(id(classifier))
    if found is not None:
        return found
    vocabulary = classifier.vocabulary
    terms, lengths, subs = [], [], []
    for index, term in enumerate(vocabulary.terms):
        targets = tuple(
            code
            for code in vocabulary.categories[index]
            if len(code) == 6 and code.startswith(EFFICIENCY_MAJOR)
        )
        if targets:
            terms.append(term)
            lengths.append(vocabulary.lengths[index])
            subs.append(targets)
    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        automaton.add_word(term, index)
    automaton.make_automaton()
    pattern = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    found = _EfficiencyMatcher(automaton, tuple(lengths), tuple(subs), tuple(terms), pattern)
    _efficiency_cache[id(classifier)] = found
    return found


def _decide_codes(
    unique_codes: list[Any], codes: pa.Array, edition: nbs.NbsEdition
) -> list[_CodeDecision]:
    decisions = []
    for raw in unique_codes:
        try:
            code = gbt4754.lookup_class(raw).code
        except gbt4754.IndustryCodeError as error:
            row = pc.index(codes, raw).as_py() + 1
            detail = Message(error.zh, error.en)
            raise ValueError(UNKNOWN_ENTERPRISE_CODE.wrap(detail, row=row)) from error
        rows = edition.rows_for_gbt(code)
        full = next((row for row in rows if not row.partial), None)
        decisions.append(_CodeDecision(code, full, tuple(row for row in rows if row.partial)))
    return decisions


def _resolve_partial(
    classifier: TextClassifier, candidates: tuple[NbsRow, ...], scope: str
) -> tuple[NbsRow, list[str]] | None:
    vocabulary = classifier.vocabulary
    best: tuple[int, NbsRow, list[str]] | None = None
    matched = classifier.scan(scope)
    for row in candidates:
        wanted = (row.sub_code, row.medium_code)
        hits = [i for i in matched if any(code in wanted for code in vocabulary.categories[i])]
        score = sum(vocabulary.lengths[i] for i in hits)
        if hits and (best is None or score > best[0]):
            best = (score, row, [vocabulary.terms[i] for i in hits])
    return None if best is None else (best[1], best[2])


def _best_efficiency_sub(matcher: _EfficiencyMatcher, scope: str) -> tuple[str, list[str]] | None:
    hits = scan(matcher.automaton, matcher.lengths, scope)
    if not hits:
        return None
    scores: dict[str, int] = {}
    for index in hits:
        for sub in matcher.subs[index]:
            scores[sub] = scores.get(sub, 0) + matcher.lengths[index]
    sub = min(scores, key=lambda code: (-scores[code], code))
    return sub, [matcher.terms[i] for i in hits if sub in matcher.subs[i]]


def _read_partial(
    classifier: TextClassifier, decision: _CodeDecision, scope: str
) -> Outcome | None:
    """The columns for a partial class whose scope names the digital activity, else None."""
    resolved = _resolve_partial(classifier, decision.partial, scope)
    if resolved is None:
        return None
    row, terms = resolved
    evidence = EVIDENCE_PARTIAL_RESOLVED.format(
        code=decision.code, terms=TERM_SEPARATOR.join(terms)
    )
    return (row.sub_code, row.medium_code, row.major_code, STATUS_PARTIAL_RESOLVED, evidence)


def _read_efficiency(
    classifier: TextClassifier, matcher: _EfficiencyMatcher, scope: str
) -> Outcome | None:
    """The columns for a scope that names a 05 小类, else None."""
    found = _best_efficiency_sub(matcher, scope)
    if found is None:
        return None
    sub, terms = found
    row = classifier.edition.subs[sub]
    evidence = EVIDENCE_TEXT.format(terms=TERM_SEPARATOR.join(terms))
    return (sub, row.medium_code, row.major_code, STATUS_TEXT, evidence)


def _as_strings(values: Any) -> pa.Array:
    """Any column-like of strings as one pyarrow string array (NaN and None become null)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values.cast(pa.string())
    if not hasattr(values, "dtype"):  # a plain sequence
        values = list(values)
    return pa.array(values, type=pa.string(), from_pandas=True)


def _code_outcome(decision: _CodeDecision) -> Outcome:
    """What the class code alone decides."""
    if decision.full is not None:
        row = decision.full
        evidence = EVIDENCE_FULL.format(code=decision.code, confidence=row.confidence)
        return (row.sub_code, row.medium_code, row.major_code, STATUS_FULL, evidence)
    if decision.partial:
        subs = TERM_SEPARATOR.join(str(row.sub_code) for row in decision.partial)
        evidence = EVIDENCE_PARTIAL_UNRESOLVED.format(code=decision.code, subs=subs)
        return (None, None, None, STATUS_PARTIAL_UNRESOLVED, evidence)
    return _NONE_OUTCOME


def classify_enterprises(
    industry_codes: Sequence[str] | Any,
    scopes: Sequence[str | None] | Any,
    *,
    edition: nbs.NbsEdition | None = None,
) -> dict[str, pa.Array]:
    """Classify rows; returns one pyarrow string array per name in :data:`ENTERPRISE_COLUMNS`.

    ``industry_codes`` and ``scopes`` may be lists, numpy arrays, pandas Series or pyarrow
    arrays of the same length. Codes may carry a section letter ("I6520"). A code that is
    not a GB/T 4754-2017 class raises ``ValueError`` naming the row (1-based) and the rule;
    the import validates codes first, so this is a programming error, not a clerk's.
    """
    edition = edition or nbs.active_edition()
    classifier = classifier_for(edition)
    codes = _as_strings(industry_codes)
    scope_array = _as_strings(scopes)
    if len(scope_array) != len(codes):
        raise ValueError(
            f"industry_codes 与 scopes 行数不同 / industry_codes and scopes differ in length: "
            f"{len(codes)} vs {len(scope_array)}"
        )
    if codes.null_count:
        first_null = pc.index(pc.is_null(codes), True).as_py() + 1
        raise ValueError(UNKNOWN_ENTERPRISE_CODE.wrap(EMPTY_CODE, row=first_null))

    # Every row ends up pointing at one distinct outcome (five column values); the columns
    # are built at the end with one take per column, so no per-row Python work is needed
    # except where a scope has to be read.
    # 1. The code: decide each distinct code once. Outcome i is code i's answer.
    encoded = pc.dictionary_encode(codes)
    decisions = _decide_codes(encoded.dictionary.to_pylist(), codes, edition)
    outcomes: list[Outcome] = [_code_outcome(decision) for decision in decisions]
    row_outcome = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    kind = np.asarray(
        [0 if d.full is not None else 1 if d.partial else 2 for d in decisions] + [0],
        dtype=np.int8,
    )[row_outcome]

    # 2. Non-digital codes: 05 from the scope. Each distinct scope is read once (panel data
    #    repeats an enterprise's scope every year), and only if it contains a 05 term at all,
    #    which a vectorised substring search finds without a Python loop.
    other_rows = np.flatnonzero(kind == 2)
    if len(other_rows):
        matcher = _efficiency_matcher(classifier)
        other_scopes = pc.dictionary_encode(pc.fill_null(scope_array.take(other_rows), ""))
        distinct = other_scopes.dictionary
        scope_outcome = np.full(len(distinct), -1, dtype=np.int64)
        if matcher.terms:
            candidates = pc.match_substring_regex(distinct, matcher.pattern)
            for index in np.flatnonzero(candidates.to_numpy(zero_copy_only=False)).tolist():
                outcome = _read_efficiency(classifier, matcher, distinct[index].as_py())
                if outcome is not None:
                    scope_outcome[index] = len(outcomes)
                    outcomes.append(outcome)
        found = scope_outcome[other_scopes.indices.to_numpy(zero_copy_only=False)]
        row_outcome[other_rows] = np.where(found >= 0, found, row_outcome[other_rows])

    # 3. Partial codes: resolve from the scope where it names the digital activity.
    partial_rows = np.flatnonzero(kind == 1)
    partial_scopes = scope_array.take(partial_rows).to_pylist()
    seen: dict[tuple[int, str], int] = {}
    for position, scope in zip(partial_rows.tolist(), partial_scopes, strict=True):
        if not scope:
            continue
        key = (int(row_outcome[position]), scope)
        if key not in seen:
            resolved = _read_partial(classifier, decisions[key[0]], scope)
            seen[key] = key[0] if resolved is None else len(outcomes)
            if resolved is not None:
                outcomes.append(resolved)
        row_outcome[position] = seen[key]

    take = pa.array(row_outcome, type=pa.int64())
    result = {
        name: pa.array([outcome[column] for outcome in outcomes], type=pa.string()).take(take)
        for column, name in enumerate(ENTERPRISE_COLUMNS[:5])
    }
    result["classification_edition"] = pa.repeat(pa.scalar(edition.name, pa.string()), len(codes))
    return result
