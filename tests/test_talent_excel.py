"""The yearly figures travel through an Excel template and back: atomic, idempotent, and every
bad row named by sheet, row, column and rule."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from cast import make_cast
from hzdigital.talent import excel
from hzdigital.talent.metrics import metric_pairs
from hzdigital.talent.models import Review, TalentFigure

VALUE_COLUMN = excel.HEADERS.index("数值 value") + 1


@pytest.fixture
def cast(db):
    return make_cast()


def _template(cast, user=None) -> io.BytesIO:
    return io.BytesIO(excel.write_template(by=user or cast.binjiang_officer, year=2023))


def _filled(cast, values: dict[int, object]) -> io.BytesIO:
    """The template with the value column of the given data rows (2 = first) filled in."""
    book = load_workbook(_template(cast))
    sheet = book[excel.SHEET]
    for row, value in values.items():
        sheet.cell(row=row, column=VALUE_COLUMN, value=value)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_the_template_holds_one_row_per_programme_metric_of_the_officers_district(cast) -> None:
    sheet = load_workbook(_template(cast))[excel.SHEET]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(metric_pairs())
    assert {r[0] for r in rows} == {"330108"}
    assert [(r[2], r[4]) for r in rows] == metric_pairs()


def test_figures_filled_in_the_template_come_back_as_drafts_and_go_out_again(cast) -> None:
    filled = _filled(cast, {2: 120, 3: 7})
    result = excel.import_figures(by=cast.binjiang_officer, upload=filled)
    assert (result.errors, result.rows, result.changed) == ([], 2, 2)
    (first, second) = metric_pairs()[:2]
    stored = {(f.programme_slug, f.metric): f for f in TalentFigure.objects.all()}
    assert stored[first].value == 120 and stored[second].value == 7
    assert {f.review for f in stored.values()} == {Review.DRAFT}
    again = load_workbook(_template(cast))[excel.SHEET]
    assert [again.cell(row=r, column=VALUE_COLUMN).value for r in (2, 3, 4)] == [120, 7, None]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(cast) -> None:
    excel.import_figures(by=cast.binjiang_officer, upload=_filled(cast, {2: 120}))
    second = excel.import_figures(by=cast.binjiang_officer, upload=_filled(cast, {2: 120}))
    assert (second.changed, second.unchanged) == (0, 1)
    assert TalentFigure.objects.get().history.count() == 1


def test_one_bad_row_writes_nothing_and_is_named_by_sheet_row_column_and_rule(cast) -> None:
    filled = _filled(cast, {2: 120, 4: -3, 5: "十二"})
    result = excel.import_figures(by=cast.binjiang_officer, upload=filled)
    assert not TalentFigure.objects.exists()
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        (excel.SHEET, 4, "value"),
        (excel.SHEET, 5, "value"),
    ]
    message = str(result.errors[0])
    assert "第 4 行" in message and "row 4" in message and "数值 value" in message
    assert "非负整数" in message


def test_a_row_for_another_district_is_refused(cast) -> None:
    book = load_workbook(_filled(cast, {2: 5}))
    book[excel.SHEET].cell(row=2, column=1, value="330127")  # 淳安
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    result = excel.import_figures(by=cast.binjiang_officer, upload=out)
    assert [(e.row, e.column, e.rule) for e in result.errors] == [
        (2, "division_code", excel.NOT_YOUR_DISTRICT)
    ]
    assert not TalentFigure.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_in_both_languages(cast) -> None:
    result = excel.import_figures(by=cast.binjiang_officer, upload=io.BytesIO(b"a,b\n1,2\n"))
    assert [e.rule for e in result.errors] == [excel.NOT_A_WORKBOOK]
    assert ".xlsx" in str(result.errors[0])
