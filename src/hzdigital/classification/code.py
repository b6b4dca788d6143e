"""A GB/T 4754-2017 class → the NBS 2021 categories it maps to, under the active edition.

>>> result = classify_code("I6520")
>>> result.industry_code, result.industry_name
('6520', '集成电路设计')
>>> [(c.code, c.major, c.core, c.partial) for c in result.categories]
[('030401', '03', True, False)]
>>> classify_code("0111").categories
[]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from hzdigital.classification import gbt4754, nbs
from hzdigital.classification.messages import OFFICIAL_EDITION_NOTE, RECONSTRUCTION_NOTE
from hzdigital.classification.nbs_table import NbsRow


@dataclass(frozen=True, slots=True)
class CategoryMatch:
    """One NBS 2021 sub-category a class maps to."""

    code: str  # 6-digit 小类
    name: str
    medium: str  # 4-digit 中类
    major: str  # 2-digit 大类
    core: bool  # 大类 01–04, 数字经济核心产业
    partial: bool  # the class belongs only in part (official "*"); needs text to resolve
    confidence: str  # the edition row's confidence: high | medium | low | none | unstated
    evidence: str  # the edition row's evidence and note, e.g. "name-match; conf=high"

    @classmethod
    def from_row(cls, row: NbsRow) -> CategoryMatch:
        assert row.sub_code is not None and row.sub_name is not None  # gap rows map no class
        evidence = f"{row.evidence}; {row.note}" if row.note else row.evidence
        return cls(
            code=row.sub_code,
            name=row.sub_name,
            medium=row.medium_code,
            major=row.major_code,
            core=row.core,
            partial=row.partial,
            confidence=row.confidence,
            evidence=evidence,
        )


@dataclass(frozen=True)
class CodeClassification:
    """The answer to "which digital-economy categories does this industry code belong to?"."""

    industry_code: str  # 4 digits, normalised
    industry_name: str
    edition: str
    is_reconstruction: bool
    categories: list[CategoryMatch] = field(default_factory=list)

    @property
    def edition_note(self) -> str:
        """The warning (zh / en) that results come from a reconstruction, or the edition name."""
        if self.is_reconstruction:
            return RECONSTRUCTION_NOTE.render()
        return OFFICIAL_EDITION_NOTE.render(edition=self.edition)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``hzdigital classify code --json``."""
        return {
            "industry_code": self.industry_code,
            "industry_name": self.industry_name,
            "edition": self.edition,
            "is_reconstruction": self.is_reconstruction,
            "edition_note": self.edition_note,
            "categories": [asdict(category) for category in self.categories],
        }


def classify_code(code: str, *, edition: nbs.NbsEdition | None = None) -> CodeClassification:
    """Classify one industry code ("6520", "I6520", " 6520 ").

    Raises :class:`~hzdigital.classification.gbt4754.InvalidIndustryCode` for a malformed
    code and :class:`~hzdigital.classification.gbt4754.UnknownIndustryCode` for a code that
    is not a GB/T 4754-2017 class.
    """
    entry = gbt4754.lookup_class(code)
    edition = edition or nbs.active_edition()
    return CodeClassification(
        industry_code=entry.code,
        industry_name=entry.name,
        edition=edition.name,
        is_reconstruction=edition.is_reconstruction,
        categories=[CategoryMatch.from_row(row) for row in edition.rows_for_gbt(entry.code)],
    )
