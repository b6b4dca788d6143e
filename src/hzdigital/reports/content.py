"""Builds the one report model that the HTML, PDF and XLSX renderers all read.

``build_report(year, lang)`` picks the data edition (the latest published one, else the live
warehouse, and the cover says which), runs each chapter builder of ``CHAPTERS`` in order and
collects the sources they cite. A chapter whose data is absent is still in the report, saying
why, so a reader never mistakes a gap for a zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hzdigital.lib.messages import Message
from hzdigital.reports import chapters_extra, chapters_monitor, chapters_plan
from hzdigital.reports import text as T
from hzdigital.reports.context import Context, CubeReader, SourceBook, choose_edition
from hzdigital.reports.model import Chapter, Edition, Report

MSG_BAD_LANG = Message("语言只能是 {choices}:{lang}", "language must be one of {choices}: {lang}")
MSG_BAD_YEAR = Message("年份须在 {low}–{high} 之间:{year}", "year must lie in {low}–{high}: {year}")
YEAR_MIN, YEAR_MAX = 2015, 2100  # the API's range of statistical years


@dataclass(frozen=True)
class ChapterSpec:
    key: str
    build: Callable[[Context], Chapter]


# The report's chapters, in reading order; the headline chapter is built apart because it
# also yields the headline figures.
CHAPTERS: tuple[ChapterSpec, ...] = (
    ChapterSpec("districts", chapters_monitor.districts_chapter),
    ChapterSpec("structure", chapters_monitor.structure_chapter),
    ChapterSpec("index", chapters_extra.index_chapter),
    ChapterSpec("benchmark", chapters_extra.benchmark_chapter),
    ChapterSpec("implementation", chapters_plan.implementation_chapter),
    ChapterSpec("talent", chapters_extra.talent_chapter),
    ChapterSpec("methods", chapters_plan.methods_chapter),
)
CHAPTER_KEYS = ("headline", *(spec.key for spec in CHAPTERS))


def check_request(year: int, lang: str) -> None:
    """Refuse a language or year the report cannot be built for, with a bilingual message."""
    if lang not in T.LANGS:
        raise ValueError(MSG_BAD_LANG.render(choices=", ".join(T.LANGS), lang=lang))
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(MSG_BAD_YEAR.render(low=YEAR_MIN, high=YEAR_MAX, year=year))


def build_report(year: int, lang: str = "zh", *, today: date | None = None) -> Report:
    check_request(year, lang)
    edition_id, edition = choose_edition(lang)
    cubes = CubeReader(edition_id)
    ctx = Context(year, lang, cubes, edition, SourceBook(lang))
    headline, headlines = chapters_monitor.headline_chapter(ctx)
    chapters = [headline, *(spec.build(ctx) for spec in CHAPTERS)]
    synthetic = edition.synthetic or any(n.synthetic for n in ctx.book.notes.values())
    if not cubes.has_rows:
        edition = Edition(edition.ident, T.EDITION_EMPTY.in_language(lang), False)
    return Report(
        year=year,
        lang=lang,
        title=T.TITLE.in_language(lang, year=year),
        subtitle=T.SUBTITLE.in_language(lang),
        edition=Edition(edition.ident, edition.label, synthetic),
        generated_on=(today or date.today()).isoformat(),
        chapters=tuple(chapters),
        sources=tuple(ctx.book.notes.values()),
        headlines=tuple(headlines),
        labels={key: message.in_language(lang) for key, message in T.LABELS.items()}
        | {"synthetic_banner": T.SYNTHETIC_BANNER.in_language(lang)},
    )
