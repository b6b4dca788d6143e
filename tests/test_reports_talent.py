"""The talent chapter: city totals of accepted figures only, per programme, metric and year,
marked as demo data when they are."""

from __future__ import annotations

from collections import defaultdict

import pytest

from hzdigital.plan.services import plan_load
from hzdigital.reports.chapters_extra import talent_chapter
from hzdigital.reports.context import Context, CubeReader, SourceBook
from hzdigital.reports.model import Edition
from hzdigital.talent.demo_seed import seed_talent
from hzdigital.talent.models import Review, TalentFigure

YEAR = 2023


def _context(lang: str = "zh") -> Context:
    return Context(YEAR, lang, CubeReader(None), Edition(None, "live", False), SourceBook(lang))


@pytest.fixture
def seeded(db, hzdigital_home):
    plan_load()
    seed_talent(seed=2021)


def test_the_city_totals_are_sums_of_accepted_figures_up_to_the_report_year(seeded):
    expected: dict[tuple[str, str, str], int] = defaultdict(int)
    for f in TalentFigure.objects.filter(review=Review.ACCEPTED, year__lte=YEAR):
        expected[(f.programme_slug, f.metric, str(f.year))] += f.value
    assert TalentFigure.objects.exclude(review=Review.ACCEPTED).exists(), (
        "the seed holds figures not (yet) accepted, which must stay out"
    )
    chapter = talent_chapter(_context())
    _, table = chapter.tables
    assert table.workbook_only, "the whole series is too long to print"
    assert sum(row[3] for row in table.rows) == sum(expected.values())
    assert {row[2] for row in table.rows} == {year for _, _, year in expected}


def test_demo_talent_figures_cite_a_synthetic_source(seeded):
    ctx = _context("en")
    for table in talent_chapter(ctx).tables:
        assert all(ctx.book.notes[key].synthetic for key in table.sources)


def test_without_accepted_figures_the_chapter_says_so(db, hzdigital_home):
    chapter = talent_chapter(_context("en"))
    assert chapter.is_absent and "talent" in chapter.absent.lower()


def test_the_printed_table_sets_the_report_year_beside_the_year_before(seeded):
    totals: dict[tuple[str, str, int], int] = defaultdict(int)
    for f in TalentFigure.objects.filter(review=Review.ACCEPTED):
        totals[(f.programme_slug, f.metric, f.year)] += f.value
    printed, _ = talent_chapter(_context()).tables
    assert not printed.workbook_only and printed.rows
    assert sum(row[4] or 0 for row in printed.rows) == sum(
        v for (_, _, year), v in totals.items() if year == YEAR
    )
    assert sum(row[3] or 0 for row in printed.rows) == sum(
        v for (_, _, year), v in totals.items() if year == YEAR - 1
    )
    for row in printed.rows:
        if row[3] and row[4] is not None:
            assert row[5] == pytest.approx((row[4] - row[3]) / row[3] * 100)
