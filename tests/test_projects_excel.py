"""The major-project template: a district fills its projects and yearly investment, uploads,
and gets exactly those rows; other districts' rows, bad cells and saved projects with other
values are refused, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cast import make_cast
from hzdigital.lib.xlsx import HEADER_ROWS
from hzdigital.projects import excel
from hzdigital.projects.models import MajorProject, YearlyInvestment

PROJECT = [None, "滨江物联网产业园", "滨江区", "0101", "滨江物联科技有限公司", "签约", 120000, ""]
INVESTMENT = [None, "滨江物联网产业园", "330108", 2025, 30000, "12,000"]


@pytest.fixture
def cast(db, hzdigital_home):
    return make_cast()


def filled(projects=(PROJECT,), investments=(INVESTMENT,)) -> bytes:
    book = load_workbook(io.BytesIO(excel.template_bytes()))
    for title, rows in (("重大项目", projects), ("年度投资", investments)):
        for offset, values in enumerate(rows):
            for column, value in enumerate(values, start=1):
                book[title].cell(HEADER_ROWS + 2 + offset, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with(row: list, index: int, value) -> list:
    return [*row[:index], value, *row[index + 1 :]]


def test_the_template_lists_districts_and_stages():
    book = load_workbook(io.BytesIO(excel.template_bytes()))
    lists = [dv.formula1 for dv in book["重大项目"].data_validations.dataValidation]
    assert any("淳安县" in f and "滨江区" in f for f in lists)
    assert any("谋划" in f and "投产" in f for f in lists)
    assert book["重大项目"].cell(HEADER_ROWS + 1, 1).value == "示例"


def test_a_district_uploads_its_project_and_investment(cast):
    result = excel.upload(filled(), "p.xlsx", by=cast.binjiang_officer)
    assert result.ok, result.errors
    assert result.created == {"重大项目": 1, "年度投资": 1}
    project = MajorProject.objects.get()
    assert (project.district_code, project.stage, project.nbs_category) == (
        "330108",
        "signed",
        "0101",
    )
    assert project.total_investment_wan_yuan == Decimal(120000)
    year = YearlyInvestment.objects.get()
    assert (year.year, year.planned_wan_yuan, year.completed_wan_yuan) == (
        2025,
        Decimal(30000),
        Decimal(12000),
    )


def test_the_same_file_twice_changes_nothing_and_new_amounts_update_the_year(cast):
    content = filled()
    assert excel.upload(content, "p.xlsx", by=cast.binjiang_officer).ok
    history = MajorProject.history.count() + YearlyInvestment.history.count()
    again = excel.upload(content, "p.xlsx", by=cast.binjiang_officer)
    assert again.ok and again.unchanged == {"重大项目": 1, "年度投资": 1} and not again.created
    assert MajorProject.history.count() + YearlyInvestment.history.count() == history
    later = excel.upload(
        filled(investments=[_with(INVESTMENT, 5, 25000)]), "p2.xlsx", by=cast.binjiang_officer
    )
    assert later.ok and later.updated == {"年度投资": 1}
    assert YearlyInvestment.objects.get().completed_wan_yuan == Decimal(25000)


# rule → (project rows, investment rows, sheet, column)
BAD_ROWS = {
    "district": ([_with(PROJECT, 2, "下城区")], [], "重大项目", "区县"),
    "choice": ([_with(PROJECT, 5, "快建成了")], [], "重大项目", "阶段"),
    "number": ([_with(PROJECT, 6, "十二亿")], [], "重大项目", "总投资(万元)"),
    "required": ([_with(PROJECT, 4, None)], [], "重大项目", "投资主体"),
    "service": ([_with(PROJECT, 3, "9999")], [], "重大项目", "数字经济分类"),
    "permission": ([_with(PROJECT, 2, "淳安县")], [], "重大项目", "区县"),
    "project": ([PROJECT], [_with(INVESTMENT, 1, "没有的项目")], "年度投资", "项目名称"),
    "integer": ([PROJECT], [_with(INVESTMENT, 3, 2025.5)], "年度投资", "年度"),
}


@pytest.mark.parametrize("rule", sorted(BAD_ROWS))
def test_each_rule_refuses_its_row_and_saves_nothing(cast, rule):
    projects, investments, sheet, column = BAD_ROWS[rule]
    result = excel.upload(filled(projects, investments), "bad.xlsx", by=cast.binjiang_officer)
    (error,) = result.errors
    assert (error.sheet, error.row, error.column, error.rule) == (
        sheet,
        HEADER_ROWS + 2,
        column,
        rule,
    )
    assert error.zh and error.en
    assert not MajorProject.objects.exists() and not YearlyInvestment.objects.exists()


def test_a_saved_project_with_another_stage_is_refused(cast):
    assert excel.upload(filled(), "p.xlsx", by=cast.binjiang_officer).ok
    result = excel.upload(
        filled(projects=[_with(PROJECT, 5, "投产")], investments=[]), "p.xlsx", by=cast.city_officer
    )
    assert [e.rule for e in result.errors] == ["differs_from_saved"]
    assert MajorProject.objects.get().stage == "signed"


def test_the_city_office_uploads_any_district_and_an_auditor_none(cast):
    chunan = [_with(PROJECT, 2, "淳安县")]
    assert excel.upload(filled(chunan, []), "p.xlsx", by=cast.city_officer).ok
    result = excel.upload(filled(), "p.xlsx", by=cast.auditor)
    assert {e.rule for e in result.errors} == {"permission"}
    assert MajorProject.objects.count() == 1
