"""The work-point template: download, fill, upload; every rule refuses its row, all or nothing,
and a second upload of the same file changes nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cast import make_cast
from hzdigital.lib.xlsx import (
    EXAMPLE_MARK,
    HEADER_ROWS,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    Column,
    SheetSpec,
    template_workbook,
)
from hzdigital.supervision import excel
from hzdigital.supervision.models import Milestone, Task, WorkPoint

POINT = [None, 2025, "1", "推进数字安防产业集群建设", "", "", "", "否"]
TASK = [
    None, 2025, "1", "新增规上数字安防企业", "", "滨江区人民政府", "市经信局",
    "2025-01-01", "2025-12-31", 20, "家", "", "2025Q2=50=完成半数;2025Q4=100=完成",
]  # fmt: skip
SECOND_TASK = [
    None, 2025, "1", "建设千岛湖数据中心", "", "淳安县人民政府", "",
    date(2025, 3, 1), "2025年12月31日", "", "", "一期投运", "",
]  # fmt: skip


@pytest.fixture
def cast(db, hzdigital_home):
    return make_cast()


def filled(points=(POINT,), tasks=(TASK, SECOND_TASK)) -> bytes:
    """The downloaded template with rows typed under the example row, as a clerk would."""
    book = load_workbook(io.BytesIO(excel.template_bytes()))
    for title, rows in (("工作要点", points), ("任务", tasks)):
        for offset, values in enumerate(rows):
            for column, value in enumerate(values, start=1):
                book[title].cell(HEADER_ROWS + 2 + offset, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_explains_itself_and_offers_lists(db):
    book = load_workbook(io.BytesIO(excel.template_bytes()))
    assert book.sheetnames == [INSTRUCTIONS_SHEET, "工作要点", "任务"]
    assert "整个文件都不导入" in "".join(str(c.value) for c in book[INSTRUCTIONS_SHEET]["A"])
    tasks = book["任务"]
    assert [c.value for c in tasks[1]][:4] == ["标记", "要点年度", "要点序号", "任务"]
    assert [c.value for c in tasks[2]][:4] == [
        "mark",
        "work point year",
        "work point number",
        "task",
    ]
    assert tasks.cell(HEADER_ROWS + 1, 1).value == EXAMPLE_MARK
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in tasks.data_validations.dataValidation}
    assert "亿元" in lists["K"]  # target unit, column K
    assert "是" in book["工作要点"].data_validations.dataValidation[0].formula1


def test_a_filled_template_creates_exactly_its_rows(cast):
    result = excel.upload(filled(), "要点.xlsx", by=cast.city_officer)
    assert result.ok, result.errors
    assert result.created == {"工作要点": 1, "任务": 2}
    point = WorkPoint.objects.get()
    assert (point.year, point.ident, point.published) == (2025, "1", False)
    first = Task.objects.get(title_zh="新增规上数字安防企业")
    assert first.lead_unit == cast.binjiang and list(first.co_units.all()) == [cast.department]
    assert (first.start, first.deadline) == (date(2025, 1, 1), date(2025, 12, 31))
    assert first.target_value == Decimal(20) and first.target_unit == "家"
    assert list(first.milestones.values_list("year", "quarter", "text_zh", "target_percent")) == [
        (2025, 2, "完成半数", 50),
        (2025, 4, "完成", 100),
    ]
    second = Task.objects.get(title_zh="建设千岛湖数据中心")
    assert (second.start, second.deadline) == (date(2025, 3, 1), date(2025, 12, 31))
    assert second.target_value is None and second.target_text == "一期投运"
    # The example row is not imported.
    assert not Task.objects.filter(title_zh="新增规上数字安防企业", lead_unit=cast.chunan).exists()


def test_uploading_the_same_file_again_changes_nothing(cast):
    content = filled()
    assert excel.upload(content, "a.xlsx", by=cast.city_officer).ok
    history = Task.history.count() + WorkPoint.history.count()
    again = excel.upload(content, "a.xlsx", by=cast.city_officer)
    assert again.ok and not again.created
    assert again.unchanged == {"工作要点": 1, "任务": 2}
    assert Task.objects.count() == 2 and Milestone.objects.count() == 2
    assert Task.history.count() + WorkPoint.history.count() == history


def test_a_saved_row_with_other_values_is_updated_through_the_pages_services(cast):
    assert excel.upload(filled(), "a.xlsx", by=cast.city_officer).ok
    history = Task.history.count()
    changed = _with(_with(TASK, 9, 30), 12, "2025Q3=60=过半")
    published = _with(POINT, 7, "是")
    result = excel.upload(filled([published], [changed]), "b.xlsx", by=cast.city_officer)
    assert result.ok and result.updated == {"工作要点": 1, "任务": 1}
    task = Task.objects.get(title_zh=TASK[3])
    assert task.target_value == 30 and Task.history.count() == history + 1
    assert list(task.milestones.values_list("quarter", "target_percent")) == [(3, 60)]
    assert WorkPoint.objects.get().published is True
    # A new lead unit is another task (the key is point, title and lead unit).
    moved = _with(TASK, 5, "淳安县人民政府")
    result = excel.upload(filled([published], [moved]), "c.xlsx", by=cast.city_officer)
    assert result.created == {"任务": 1} and Task.objects.filter(title_zh=TASK[3]).count() == 2


def _with(row: list, index: int, value) -> list:
    return [*row[:index], value, *row[index + 1 :]]


# rule → (points, tasks, sheet, column header the error names)
BAD_ROWS = {
    "required": ([POINT], [_with(TASK, 3, None)], "任务", "任务"),
    "date": ([POINT], [_with(TASK, 8, "明年年底")], "任务", "截止日期"),
    "number": ([POINT], [_with(TASK, 9, "二十")], "任务", "目标值"),
    "integer": ([_with(POINT, 1, 2025.5)], [], "工作要点", "年度"),
    "flag": ([_with(POINT, 7, "也许")], [], "工作要点", "是否公开"),
    "unit": ([POINT], [_with(TASK, 5, "滨江区政府办")], "任务", "牵头单位"),
    "work_point": ([POINT], [_with(TASK, 2, "9")], "任务", "要点序号"),
    "measure": ([_with(POINT, 5, "9.9.9")], [], "工作要点", "规划措施编号"),
    "milestone": ([POINT], [_with(TASK, 12, "二季度完成半数")], "任务", "季度里程碑"),
    "service": ([POINT], [_with(TASK, 8, "2024-12-31")], "任务", "截止日期"),
    "service milestone": ([POINT], [_with(TASK, 12, "2026Q1=50=x")], "任务", "季度里程碑"),
}


@pytest.mark.parametrize("rule", sorted(BAD_ROWS))
def test_each_rule_refuses_its_row_and_saves_nothing(cast, rule):
    points, tasks, sheet, column = BAD_ROWS[rule]
    # A good task follows a bad task; a bad work point has no tasks (they would fail with it).
    content = filled(points=points, tasks=[*tasks, SECOND_TASK] if tasks else [])
    result = excel.upload(content, "bad.xlsx", by=cast.city_officer)
    (error,) = result.errors
    assert (error.sheet, error.row, error.column) == (sheet, HEADER_ROWS + 2, column)
    assert error.rule == rule.split()[0]
    assert error.zh and error.en
    assert not WorkPoint.objects.exists() and not Task.objects.exists()
    assert not result.created


def test_the_refused_file_comes_back_with_a_reason_on_the_bad_row(cast):
    content = filled(tasks=[TASK, _with(SECOND_TASK, 5, "不存在的单位")])
    result = excel.upload(content, "bad.xlsx", by=cast.city_officer)
    assert not result.ok and result.error_workbook is not None
    book = load_workbook(io.BytesIO(result.error_workbook))
    assert book.sheetnames[0] == "错误清单"
    listing = list(book["错误清单"].iter_rows(min_row=2, values_only=True))
    assert listing == [
        (
            "任务",
            5,
            "牵头单位",
            "unit",
            *excel.UNKNOWN_UNIT.render(name="不存在的单位").split(" / "),
        )
    ]
    tasks = book["任务"]
    reason_column = [c.value for c in tasks[1]].index("错误原因") + 1
    assert "不存在的单位" in tasks.cell(5, reason_column).value
    assert tasks.cell(4, reason_column).value is None  # the good row carries no reason
    # Fixing the bad row in the returned workbook and uploading it again works.
    tasks.cell(5, 6, "淳安县人民政府")
    del book["错误清单"]
    buffer = io.BytesIO()
    book.save(buffer)
    again = excel.upload(buffer.getvalue(), "fixed.xlsx", by=cast.city_officer)
    assert again.ok and again.created == {"工作要点": 1, "任务": 2}


def test_only_the_office_may_import_work_points(cast):
    result = excel.upload(filled(), "a.xlsx", by=cast.binjiang_officer)
    # The point is refused; its tasks then have no point to belong to.
    assert [(e.sheet, e.rule) for e in result.errors] == [
        ("工作要点", "permission"), ("任务", "work_point"), ("任务", "work_point"),
    ]  # fmt: skip
    assert not WorkPoint.objects.exists() and not Task.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_by_name(cast):
    result = excel.upload(b"uscc,name\n", "企业.csv", by=cast.city_officer)
    (error,) = result.errors
    assert error.rule == "workbook" and "企业.csv" in error.zh


def test_an_empty_template_is_refused(cast):
    result = excel.upload(filled(points=(), tasks=()), "empty.xlsx", by=cast.city_officer)
    assert [e.rule for e in result.errors] == ["empty"]


def test_the_lead_unit_list_offers_every_unit_but_enterprises(cast):
    book = load_workbook(io.BytesIO(excel.template_bytes()))
    tasks = book["任务"]
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in tasks.data_validations.dataValidation}
    offered = set(lists["F"].strip('"').split(","))  # lead unit, column F
    assert offered == {u.name_zh for u in (cast.leading_group, cast.office, cast.department,
                                           cast.binjiang, cast.chunan)}  # fmt: skip


def test_a_list_too_long_for_excel_goes_to_a_hidden_sheet():
    names = tuple(f"第{n}个很长名字的成员单位" for n in range(40))
    spec = SheetSpec("任务", (Column("unit", "单位", "unit", choices=names),))
    book = load_workbook(io.BytesIO(template_workbook([spec], ["说明"])))
    (validation,) = book["任务"].data_validations.dataValidation
    assert validation.formula1 == f"'{LISTS_SHEET}'!$A$1:$A${len(names)}"
    assert book[LISTS_SHEET].sheet_state == "hidden"
    assert tuple(c.value for c in book[LISTS_SHEET]["A"]) == names
