"""The vocabulary the text classifier looks for, compiled into one Aho-Corasick automaton.

Terms come from three places, merged when the same string comes from more than one:

1. the names of the active edition's NBS sub-categories (小类) and mediums (中类);
2. the GB/T 4754-2017 names of every class the edition maps (the digital-relevant ones);
3. the curated list ``data/de_synonyms.csv`` (term, scheme, code, note): everyday and
   SAMR 经营范围规范表述 phrases such as 云计算, 直播电商, 工业互联网.

Each term points at GB/T classes (candidates) and at NBS categories (a 小类 or a 中类). A GB
name whose class only partly belongs (``partial``) names the class, not the digital activity,
so it supports the candidate but no NBS category. 05 sub-category names that do not themselves
say "digital" (银行金融服务) are left out, because 05 is assigned from text alone.

Exclusion phrases in business scopes (不含…, （除…）) are terms too: a match inside such a
clause is ignored, so "（不含网络借贷）" is not evidence of 网络借贷服务.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from hzdigital.classification.gbt4754 import DATA_DIR, GbtTable
from hzdigital.classification.messages import SYNONYM_ROW_ERROR
from hzdigital.classification.nbs import NbsEdition
from hzdigital.classification.nbs_table import EFFICIENCY_MAJOR

SYNONYMS_CSV = DATA_DIR / "de_synonyms.csv"
SYNONYM_SCHEMES = ("nbs", "gbt4754")
# Official names shorter than this are too generic to be evidence (广播, 电视, 电信 occur
# inside many unrelated phrases); curated synonyms may be shorter (5G, 电竞).
MIN_OFFICIAL_TERM_CHARS = 3
# A 05 name must itself say "digital" to count as text evidence (see the module docstring).
DIGITAL_MARKERS = ("数字", "智能", "智慧", "互联网", "网上", "网络", "自动化", "新技术", "数据")
EXCLUSION_MARKERS = ("不含", "不包括", "不得从事", "不从事", "（除", "(除")
# An exclusion clause runs to the next of these characters ("、" does not end it: 不含A、B).
CLAUSE_ENDS = "）)；;。，,"


@dataclass
class TermTargets:
    """What one term is evidence of."""

    gbt4754: set[str] = field(default_factory=set)  # candidate GB/T classes
    categories: set[str] = field(default_factory=set)  # NBS 小类 (6 digits) or 中类 (4 digits)
    sources: set[str] = field(default_factory=set)  # nbs-name | gbt-name | synonym


@dataclass(frozen=True)
class Vocabulary:
    """Terms in automaton order, with their targets as tuples for fast lookup."""

    terms: tuple[str, ...]
    lengths: tuple[int, ...]  # characters, the score weight of each term
    gbt4754: tuple[tuple[str, ...], ...]
    categories: tuple[tuple[str, ...], ...]
    automaton: ahocorasick.Automaton
    skipped_synonyms: tuple[str, ...]  # synonyms whose target the edition lacks


def read_synonyms(path: Path = SYNONYMS_CSV) -> list[dict[str, str]]:
    """The curated synonym rows, checked for shape (targets are checked against an edition)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for line, row in enumerate(rows, start=2):
        term, scheme, code = row.get("term", ""), row.get("scheme", ""), row.get("code", "")
        problem = None
        if not term.strip():
            problem = ("term", "词条为空", "term is empty")
        elif scheme not in SYNONYM_SCHEMES:
            problem = ("scheme", f"须为 {SYNONYM_SCHEMES}", f"must be one of {SYNONYM_SCHEMES}")
        elif not re.fullmatch(r"\d{4}|\d{6}" if scheme == "nbs" else r"\d{4}", code):
            problem = ("code", "代码位数不对", "code has the wrong number of digits")
        if problem is not None:
            field_name, zh_rule, en_rule = problem
            raise ValueError(
                SYNONYM_ROW_ERROR.render(
                    file=path.name, row=line, field=field_name, zh_rule=zh_rule, en_rule=en_rule
                )
            )
    return rows


def _says_digital(name: str) -> bool:
    return any(marker in name for marker in DIGITAL_MARKERS)


def _official_terms(edition: NbsEdition, gbt: GbtTable) -> Iterable[tuple[str, str, str, str]]:
    """(term, source, kind, code) from the edition's own names; kind is "gbt" or "nbs"."""
    mediums: dict[str, tuple[str, str]] = {}
    for row in edition.rows:
        mediums.setdefault(row.medium_code, (row.medium_name, row.major_code))
        if row.sub_code and row.sub_name:
            if row.major_code != EFFICIENCY_MAJOR or _says_digital(row.sub_name):
                yield row.sub_name, "nbs-name", "nbs", row.sub_code
        if row.gbt4754_code:
            yield gbt.by_code[row.gbt4754_code].name, "gbt-name", "gbt", row.gbt4754_code
    for code, (name, major) in mediums.items():
        if major != EFFICIENCY_MAJOR or _says_digital(name):
            yield name, "nbs-name", "nbs", code


def build_vocabulary(
    edition: NbsEdition, gbt: GbtTable, synonyms: list[dict[str, str]]
) -> Vocabulary:
    """Merge the three term sources and compile the automaton (done once per edition)."""
    targets: dict[str, TermTargets] = {}
    known_categories = set(edition.subs) | {row.medium_code for row in edition.rows}
    gbt_to_full_subs: dict[str, set[str]] = {}
    sub_to_gbt: dict[str, set[str]] = {}
    for row in edition.rows:
        if row.gbt4754_code and row.sub_code:
            sub_to_gbt.setdefault(row.sub_code, set()).add(row.gbt4754_code)
            if not row.partial:
                gbt_to_full_subs.setdefault(row.gbt4754_code, set()).add(row.sub_code)

    def add(term: str, source: str, kind: str, code: str) -> None:
        entry = targets.setdefault(term, TermTargets())
        entry.sources.add(source)
        if kind == "gbt":
            entry.gbt4754.add(code)
            # Only a fully included class makes its name evidence of the digital category.
            entry.categories.update(gbt_to_full_subs.get(code, ()))
        else:
            entry.categories.add(code)
            entry.gbt4754.update(sub_to_gbt.get(code, ()))

    for term, source, kind, code in _official_terms(edition, gbt):
        if len(term) >= MIN_OFFICIAL_TERM_CHARS:
            add(term, source, kind, code)
    skipped = []
    for synonym in synonyms:
        term, code = synonym["term"].strip(), synonym["code"]
        kind = "nbs" if synonym["scheme"] == "nbs" else "gbt"
        exists = code in known_categories if kind == "nbs" else code in gbt.by_code
        if not exists:
            skipped.append(term)
            continue
        add(term, "synonym", kind, code)

    terms = tuple(sorted(targets))
    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        automaton.add_word(term, index)
    automaton.make_automaton()
    return Vocabulary(
        terms=terms,
        lengths=tuple(len(term) for term in terms),
        gbt4754=tuple(tuple(sorted(targets[term].gbt4754)) for term in terms),
        categories=tuple(tuple(sorted(targets[term].categories)) for term in terms),
        automaton=automaton,
        skipped_synonyms=tuple(skipped),
    )


_CLAUSE_END = re.compile("[" + re.escape(CLAUSE_ENDS) + "]")
_EXCLUSION = re.compile("|".join(re.escape(marker) for marker in EXCLUSION_MARKERS))


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every exclusion clause: from after its marker to the clause's end."""
    spans = []
    for marker in _EXCLUSION.finditer(text):
        end = _CLAUSE_END.search(text, marker.end())
        spans.append((marker.end(), end.start() if end else len(text)))
    return spans


def scan(automaton: ahocorasick.Automaton, lengths: tuple[int, ...], text: str) -> list[int]:
    """Term indices found in ``text``: leftmost-longest, non-overlapping, outside exclusions.

    Overlaps go to the longest term starting first (``iter_long``), so 集成电路设计 wins over
    集成电路 and 互联网数据服务 over 数据服务. Each term is reported once, in order of
    first appearance. Exclusion clauses are only looked for when something matched.
    """
    hits = list(automaton.iter_long(text))
    if not hits:
        return []
    spans = _excluded_spans(text)
    found: dict[int, None] = {}
    for end, index in hits:
        start = end - lengths[index] + 1
        if not any(low <= start < high for low, high in spans):
            found[index] = None
    return list(found)
