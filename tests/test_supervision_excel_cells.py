"""Reading what clerks type: dates, numbers and yes/no in their usual forms, each refusal
named by its rule; headers found by any of their names, in any order."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from hzdigital.lib.xlsx import Column, SheetSpec, open_workbook, read_sheet
from hzdigital.lib.xlsx_cells import (
    CellError,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_flag,
    parse_int,
    parse_text,
    split_list,
)


@pytest.mark.parametrize(
    "typed",
    ["2025-03-31", "2025/3/31", "2025.03.31", "2025年3月31日", datetime(2025, 3, 31, 0, 0)],
)
def test_a_date_is_read_in_each_usual_form(typed) -> None:
    assert parse_date(typed) == date(2025, 3, 31)


@pytest.mark.parametrize(
    ("parse", "typed", "rule"),
    [
        (parse_date, "2025-02-30", "date"),
        (parse_date, "明年", "date"),
        (parse_decimal, "NaN", "number"),
        (parse_decimal, "二十", "number"),
        (parse_decimal, True, "number"),
        (parse_int, "3.5", "integer"),
        (parse_flag, "也许", "flag"),
    ],
)
def test_a_value_that_is_not_what_the_column_holds_is_refused_by_rule(parse, typed, rule) -> None:
    with pytest.raises(CellError) as refused:
        parse(typed)
    assert refused.value.rule == rule
    assert refused.value.zh and refused.value.en


def test_numbers_text_and_lists_read_as_typed() -> None:
    assert parse_decimal("1,250.5") == Decimal("1250.5")
    assert parse_decimal(" 12,000 ") == Decimal(12000)
    assert parse_int(2025.0) == 2025
    assert parse_text(3.0) == "3" and parse_text(None) == ""
    assert split_list("市经信局、市统计局, 市科技局;市人社局") == [
        "市经信局",
        "市统计局",
        "市科技局",
        "市人社局",
    ]


def test_a_choice_is_read_by_its_label_or_stored_value() -> None:
    stages = {"谋划": "planning", "签约": "signed"}
    assert parse_choice("签约", stages) == "signed"
    assert parse_choice("Planning", stages) == "planning"
    with pytest.raises(CellError) as refused:
        parse_choice("快建成了", stages)
    assert refused.value.rule == "choice" and "谋划、签约" in refused.value.zh


SPEC = SheetSpec(
    "任务",
    (
        Column("title_zh", "任务", "task", required=True),
        Column("deadline", "截止日期", "deadline", required=True),
    ),
)


def _book(*rows: tuple) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "任务"
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_headers_are_found_by_any_name_in_any_order() -> None:
    content = _book(("Deadline", "TASK"), ("", ""), ("2025-12-31", "出台政策"), (None, None))
    read = read_sheet(open_workbook(content, "x.xlsx"), SPEC)
    assert not read.errors
    [row] = read.rows  # the blank row is skipped
    assert row.row == 3 and row.values == {"title_zh": "出台政策", "deadline": "2025-12-31"}


def test_a_missing_required_column_is_named() -> None:
    read = read_sheet(open_workbook(_book(("任务",), ("task",)), "x.xlsx"), SPEC)
    [error] = read.errors
    assert (error.row, error.column, error.rule) == (1, "截止日期", "column")
