"""Business-scope text (经营范围) → candidate GB/T classes and the NBS categories it supports.

Score: each distinct matched term weighs its length in characters; a candidate's or a
category's score is the sum over the distinct terms that support it. Longer, more specific
phrases weigh more, and repeating a phrase adds nothing. Results are sorted by score, then code.

>>> result = classify_text("软件开发；云计算服务；餐饮服务")
>>> [(c.industry_code, c.matched) for c in result.candidates]
[('6450', ('云计算',))]
>>> [(c.code, c.level, c.score, c.matched) for c in result.categories]
[('0301', 'medium', 4, ('软件开发',)), ('030306', 'sub', 3, ('云计算',))]
>>> classify_text("餐饮服务；预包装食品销售").categories
()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from hzdigital.classification import gbt4754, nbs
from hzdigital.classification.nbs_table import CORE_MAJORS
from hzdigital.classification.terms import Vocabulary, build_vocabulary, read_synonyms, scan


@dataclass(frozen=True, slots=True)
class TextCandidate:
    """A GB/T 4754 class the text names."""

    industry_code: str
    industry_name: str
    score: int  # total characters of the distinct matched terms supporting it
    matched: tuple[str, ...]  # in order of first appearance


@dataclass(frozen=True, slots=True)
class TextCategory:
    """An NBS 2021 category (小类, or 中类 when the text names only the medium) the text supports."""

    code: str  # 6 digits for a 小类, 4 for a 中类
    name: str
    level: str  # sub | medium
    medium: str
    major: str
    core: bool
    partial: bool  # every GB class mapped to this 小类 belongs only in part
    score: int  # total characters of the distinct matched terms supporting it
    matched: tuple[str, ...]  # in order of first appearance


@dataclass(frozen=True)
class TextClassification:
    """Only what the text supports; both tuples are empty for non-digital text."""

    candidates: tuple[TextCandidate, ...]
    categories: tuple[TextCategory, ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``hzdigital classify text --json``."""
        return {
            "candidates": [
                {**asdict(candidate), "matched": list(candidate.matched)}
                for candidate in self.candidates
            ],
            "categories": [
                {**asdict(category), "matched": list(category.matched)}
                for category in self.categories
            ],
        }


@dataclass(frozen=True)
class CategoryInfo:
    name: str
    level: str
    medium: str
    major: str
    partial: bool

    @property
    def fields(self) -> tuple[str, str, str, str, bool, bool]:
        """Positional TextCategory fields after ``code`` and before ``score``."""
        return (
            self.name,
            self.level,
            self.medium,
            self.major,
            self.major in CORE_MAJORS,
            self.partial,
        )


@dataclass(frozen=True)
class TextClassifier:
    """The compiled vocabulary of one edition plus what is needed to describe its targets."""

    edition: nbs.NbsEdition
    vocabulary: Vocabulary
    categories: dict[str, CategoryInfo]
    gbt_names: dict[str, str]
    _memo: dict[tuple[int, ...], TextClassification] = field(default_factory=dict, repr=False)

    def scan(self, text: str) -> list[int]:
        return scan(self.vocabulary.automaton, self.vocabulary.lengths, text)

    def classify(self, text: str | None) -> TextClassification:
        found = scan(self.vocabulary.automaton, self.vocabulary.lengths, text) if text else None
        if not found:
            return _NOTHING
        return self._describe(tuple(found))

    def _describe(self, found: tuple[int, ...]) -> TextClassification:
        # Registers repeat the same standard phrases, so the same set of matched terms comes
        # back again and again; the result depends only on that set, and is immutable.
        cached = self._memo.get(found)
        if cached is not None:
            return cached
        vocabulary = self.vocabulary
        terms, lengths = vocabulary.terms, vocabulary.lengths
        candidate_hits: dict[str, list[Any]] = {}
        category_hits: dict[str, list[Any]] = {}
        for index in found:
            term, weight = terms[index], lengths[index]
            for hits, codes in (
                (candidate_hits, vocabulary.gbt4754[index]),
                (category_hits, vocabulary.categories[index]),
            ):
                for code in codes:
                    entry = hits.get(code)
                    if entry is None:
                        hits[code] = [weight, [term]]
                    else:
                        entry[0] += weight
                        entry[1].append(term)
        candidates = sorted(
            (
                TextCandidate(code, self.gbt_names[code], score, tuple(matched))
                for code, (score, matched) in candidate_hits.items()
            ),
            key=lambda c: (-c.score, c.industry_code),
        )
        categories = sorted(
            (
                TextCategory(code, *self.categories[code].fields, score, tuple(matched))
                for code, (score, matched) in category_hits.items()
            ),
            key=lambda c: (-c.score, c.code),
        )
        result = TextClassification(tuple(candidates), tuple(categories))
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[found] = result
        return result


_MEMO_SIZE = 50_000  # distinct matched-term sets remembered per edition


_NOTHING = TextClassification((), ())


def _category_info(edition: nbs.NbsEdition) -> dict[str, CategoryInfo]:
    info: dict[str, CategoryInfo] = {}
    partial_flags: dict[str, list[bool]] = {}
    for row in edition.rows:
        info.setdefault(
            row.medium_code,
            CategoryInfo(row.medium_name, "medium", row.medium_code, row.major_code, False),
        )
        if row.sub_code and row.gbt4754_code:
            partial_flags.setdefault(row.sub_code, []).append(row.partial)
    for code, row in edition.subs.items():
        flags = partial_flags.get(code, [])
        assert row.sub_name is not None
        info[code] = CategoryInfo(
            row.sub_name, "sub", row.medium_code, row.major_code, bool(flags) and all(flags)
        )
    return info


_classifiers: dict[str, TextClassifier] = {}


def classifier_for(edition: nbs.NbsEdition | None = None) -> TextClassifier:
    """The compiled classifier of an edition (default: the active one), built once per edition."""
    edition = edition or nbs.active_edition()
    key = f"{edition.sha256}:{edition.name}"
    found = _classifiers.get(key)
    if found is None:
        table = gbt4754.load()
        found = TextClassifier(
            edition=edition,
            vocabulary=build_vocabulary(edition, table, read_synonyms()),
            categories=_category_info(edition),
            gbt_names={entry.code: entry.name for entry in table.classes},
        )
        _classifiers[key] = found
    return found


def classify_text(text: str | None, *, edition: nbs.NbsEdition | None = None) -> TextClassification:
    """Classify one business-scope text; empty or non-digital text gives empty lists."""
    return classifier_for(edition).classify(text)


def classify_texts(
    texts: Iterable[str | None], *, edition: nbs.NbsEdition | None = None
) -> list[TextClassification]:
    """Classify many texts with one compiled automaton."""
    classify = classifier_for(edition).classify
    return [classify(text) for text in texts]
