"""The report as one model: every renderer (HTML, PDF, XLSX) reads this and nothing else.

All text is already in the report's language when the model is built, so renderers never
translate; numbers stay numbers (with their unit named in the column) until a renderer
formats them. Every table and chart names its sources by key into ``Report.sources``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceNote:
    """One numbered source of the report: a publication, the warehouse, or a made-up data set."""

    key: str
    label: str
    url: str = ""
    synthetic: bool = False  # the figures behind it come from the demo generator


@dataclass(frozen=True)
class Column:
    label: str  # already in the report's language, unit included, e.g. "增加值(亿元)"
    digits: int | None = None  # decimals for numbers; None for text


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]  # None = missing, shown as "—"
    sources: tuple[str, ...] = ()  # SourceNote keys
    note: str = ""
    # Too long to print: the workbook carries it, HTML and PDF print a shorter table instead.
    workbook_only: bool = False


@dataclass(frozen=True)
class Chart:
    caption: str
    svg: str  # a complete <svg> element, drawn by reports.svg
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chapter:
    key: str  # stable: sheet names, anchors and tests use it
    title: str
    paragraphs: tuple[str, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    absent: str = ""  # why the chapter has no data, when it has none

    @property
    def is_absent(self) -> bool:
        return bool(self.absent)


@dataclass(frozen=True)
class Headline:
    """One plan target in the report year: the figure the API's /api/targets gives too."""

    indicator: str
    label: str
    unit: str
    target_year: int
    target_value: float
    expected: float | None  # on the plan's path in the report year
    actual: float | None  # None when nobody has the figure
    origin: str  # published | warehouse | "" (no figure)
    synthetic: bool
    status: str


@dataclass(frozen=True)
class Edition:
    """Which data the report was built from."""

    ident: str | None  # the published edition's id; None for the live warehouse
    label: str  # named on the cover
    synthetic: bool  # the warehouse rows are demo data


@dataclass(frozen=True)
class Report:
    year: int
    lang: str  # zh | en
    title: str
    subtitle: str
    edition: Edition
    generated_on: str  # ISO date
    chapters: tuple[Chapter, ...]
    sources: tuple[SourceNote, ...]
    headlines: tuple[Headline, ...] = field(default=())
    labels: dict[str, str] = field(default_factory=dict)  # renderer chrome in the language

    def source_number(self, key: str) -> int:
        """1-based number of a source, as the reader sees it in brackets."""
        return [s.key for s in self.sources].index(key) + 1

    def chapter(self, key: str) -> Chapter:
        return next(c for c in self.chapters if c.key == key)
