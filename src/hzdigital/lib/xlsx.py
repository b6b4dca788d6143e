"""Excel in and out for the spreadsheets officials mail today: templates, uploads, exports.

Framework-free (openpyxl only). A sheet is described by ``Column`` rows: a key the code uses,
a Chinese header people read, an English header in the second row, and an optional list of
allowed values that becomes an Excel drop-down. Reading matches headers by any of their names
(Chinese, English or key), so a clerk who renames "截止日期" to "deadline" is still understood.

A template's data sheets have two header rows (中文, English) and an example row marked 示例 in
the first column ``标记``; the reader skips it. An export starts with a title line and a
source / as-of line, then the two header rows and the data.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hzdigital.lib.messages import Message

EXAMPLE_MARK = "示例"
MARK_HEADER = ("标记", "mark")
REASON_HEADER = ("错误原因", "reason")
INSTRUCTIONS_SHEET = "说明"
LISTS_SHEET = "列表"  # hidden: the values of long drop-down lists
INLINE_LIST_LIMIT = 250  # characters; Excel refuses inline lists over 255
HEADER_ROWS = 2  # Chinese headers, then English headers
TEMPLATE_ROWS = 500  # rows the drop-down lists cover in a template
BOLD = Font(bold=True)
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")

NOT_A_WORKBOOK = Message(
    "无法读取文件 {name}:不是有效的 .xlsx 工作簿", "Cannot read {name}: not a valid .xlsx workbook"
)
MISSING_SHEET = Message("工作簿缺少工作表“{sheet}”", "The workbook has no sheet named {sheet}")
MISSING_COLUMN = Message("缺少列“{zh}”({en})", "Column {en} ({zh}) is missing")


@dataclass(frozen=True)
class Column:
    key: str  # the name the code uses, also accepted as a header
    zh: str  # the header people read
    en: str  # the English header (second header row)
    required: bool = False
    choices: tuple[str, ...] = ()  # allowed values: an Excel drop-down in templates
    width: int = 16  # characters
    note: str = ""  # a line of the instructions sheet

    @property
    def names(self) -> set[str]:
        return {self.key.casefold(), self.zh.casefold(), self.en.casefold()}


@dataclass(frozen=True)
class SheetSpec:
    title: str  # the sheet's name in the workbook (Chinese)
    columns: tuple[Column, ...]
    example: tuple[Any, ...] = ()  # one value per column, written as the 示例 row


@dataclass(frozen=True)
class RowError:
    """One refused cell or row: where it is, which rule, and why in both languages."""

    sheet: str
    row: int  # 1-based row number as Excel shows it
    column: str  # the column's Chinese header, or "" for the whole row
    rule: str  # stable name of the rule, e.g. "required", "date", "permission"
    zh: str
    en: str

    @property
    def message(self) -> str:
        return f"{self.zh} / {self.en}" if self.en else self.zh


@dataclass(frozen=True)
class SheetRow:
    sheet: str
    row: int  # 1-based, as Excel shows it
    values: dict[str, Any]  # column key → cell value (None for empty cells)


@dataclass
class ReadResult:
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class WorkbookError(ValueError):
    """The upload is not a workbook this template can read at all."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


def _header(sheet: Worksheet, columns: Sequence[Column], start_row: int) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.cell(start_row, index, column.zh).font = BOLD
        sheet.cell(start_row + 1, index, column.en).font = Font(italic=True, color="666666")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{start_row + HEADER_ROWS}"  # a string: cell() would create a row


def _with_mark(columns: Sequence[Column]) -> tuple[Column, ...]:
    return (Column("mark", *MARK_HEADER, width=8), *columns)


def template_workbook(sheets: Sequence[SheetSpec], instructions: Iterable[str]) -> bytes:
    """A template: the 说明 sheet first, then one data sheet per spec with an example row."""
    book = Workbook()
    guide = book.active
    assert guide is not None  # a new workbook always has one sheet
    guide.title = INSTRUCTIONS_SHEET
    guide.column_dimensions["A"].width = 110
    lines = list(instructions)
    for spec in sheets:
        lines += ["", f"【{spec.title}】"]
        lines += [
            f"{c.zh} ({c.en}){' *必填 required' if c.required else ''}"
            f"{': ' + c.note if c.note else ''}"
            f"{' — ' + '、'.join(c.choices) if c.choices else ''}"
            for c in spec.columns
        ]
    for number, line in enumerate(lines, start=1):
        guide.cell(number, 1, line)
    guide.cell(1, 1).font = Font(bold=True, size=13)
    for spec in sheets:
        _template_sheet(book, book.create_sheet(spec.title), spec)
    return _bytes(book)


def _list_formula(book: Workbook, choices: Sequence[str]) -> str:
    """A drop-down's source: inline when short; Excel caps an inline list at 255 characters,
    so a longer one (e.g. every unit's name) goes to a column of the hidden sheet 列表."""
    inline = ",".join(choices)
    if len(inline) <= INLINE_LIST_LIMIT:
        return f'"{inline}"'
    if LISTS_SHEET not in book.sheetnames:
        book.create_sheet(LISTS_SHEET).sheet_state = "hidden"
    lists = book[LISTS_SHEET]
    column = get_column_letter(lists.max_column + 1 if lists.max_row > 1 else 1)
    for row, value in enumerate(choices, start=1):
        lists[f"{column}{row}"] = value
    return f"'{LISTS_SHEET}'!${column}$1:${column}${len(choices)}"


def _template_sheet(book: Workbook, sheet: Worksheet, spec: SheetSpec) -> None:
    columns = _with_mark(spec.columns)
    _header(sheet, columns, 1)
    if spec.example:
        example_row = HEADER_ROWS + 1
        for index, value in enumerate((EXAMPLE_MARK, *spec.example), start=1):
            sheet.cell(example_row, index, value).fill = EXAMPLE_FILL
    for index, column in enumerate(columns, start=1):
        if not column.choices:
            continue
        validation = DataValidation(
            type="list", formula1=_list_formula(book, column.choices), allow_blank=True
        )
        validation.error = f"请从列表中选择 / Choose from the list ({column.zh})"
        validation.showErrorMessage = True
        letter = get_column_letter(index)
        validation.add(f"{letter}{HEADER_ROWS + 1}:{letter}{TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def open_workbook(content: bytes, name: str) -> Workbook:
    try:
        return load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        problem = RowError(name, 0, "", "workbook", *_pair(NOT_A_WORKBOOK, name=name))
        raise WorkbookError([problem]) from error


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def read_sheet(book: Workbook, spec: SheetSpec) -> ReadResult:
    """The data rows of one template sheet, keyed by column key; the 示例 row and blank rows
    are skipped. A missing sheet or required column is an error of row 1."""
    result = ReadResult()
    if spec.title not in book.sheetnames:
        result.errors.append(
            RowError(spec.title, 0, "", "sheet", *_pair(MISSING_SHEET, sheet=spec.title))
        )
        return result
    sheet = book[spec.title]
    headers = [str(c.value or "").strip().casefold() for c in sheet[1]]
    english = [str(c.value or "").strip().casefold() for c in sheet[2]] if sheet.max_row > 1 else []
    positions: dict[str, int] = {}
    columns = _with_mark(spec.columns)
    for column in columns:
        for index, header in enumerate(headers):
            alt = english[index] if index < len(english) else ""
            if header in column.names or alt in column.names:
                positions[column.key] = index
                break
    for column in spec.columns:
        if column.required and column.key not in positions:
            message = _pair(MISSING_COLUMN, zh=column.zh, en=column.en)
            result.errors.append(RowError(spec.title, 1, column.zh, "column", *message))
    if result.errors:
        return result
    for number, cells in enumerate(sheet.iter_rows(min_row=HEADER_ROWS + 1, values_only=True)):
        values = {key: _clean(cells[i]) if i < len(cells) else None for key, i in positions.items()}
        if values.get("mark") == EXAMPLE_MARK:
            continue
        values.pop("mark", None)
        if all(v is None for v in values.values()):
            continue
        result.rows.append(SheetRow(spec.title, number + HEADER_ROWS + 1, values))
    return result


def _pair(message: Message, **values: object) -> tuple[str, str]:
    return message.zh.format(**values), message.en.format(**values)


def error_workbook(content: bytes, errors: Sequence[RowError]) -> bytes:
    """The uploaded workbook sent back: each data sheet gains a 错误原因 column on the refused
    rows (cells coloured), and a sheet 错误清单 lists every error with its rule."""
    book = load_workbook(io.BytesIO(content))
    by_cell: dict[tuple[str, int], list[RowError]] = {}
    for error in errors:
        by_cell.setdefault((error.sheet, error.row), []).append(error)
    for title in book.sheetnames:
        sheet = book[title]
        rows = {row: errs for (name, row), errs in by_cell.items() if name == title and row > 0}
        if not rows:
            continue
        headers = [str(c.value or "") for c in sheet[1]]
        reason_col = (
            headers.index(REASON_HEADER[0]) + 1
            if REASON_HEADER[0] in headers
            else sheet.max_column + 1
        )
        sheet.cell(1, reason_col, REASON_HEADER[0]).font = BOLD
        sheet.cell(2, reason_col, REASON_HEADER[1])
        sheet.column_dimensions[get_column_letter(reason_col)].width = 60
        for row, errs in rows.items():
            cell = sheet.cell(row, reason_col, "; ".join(f"{e.column}: {e.message}" for e in errs))
            cell.fill = ERROR_FILL
    listing = book.create_sheet("错误清单", 0)
    header = ("工作表 sheet", "行 row", "列 column", "规则 rule", "原因", "reason")
    listing.append(header)
    for cell in listing[1]:
        cell.font = BOLD
    for error in errors:
        listing.append((error.sheet, error.row, error.column, error.rule, error.zh, error.en))
    for letter, width in zip("ABCDEF", (14, 6, 16, 18, 50, 50), strict=True):
        listing.column_dimensions[letter].width = width
    return _bytes(book)


# Every export marks demo rows in a column of its own, the same way.
DEMO_COLUMN = Column("demo", "演示数据", "demo data", width=10)


def demo_cell(is_demo: bool) -> str:
    """The demo column's cell: labelled for a demo row, empty for a real one."""
    return "演示 demo" if is_demo else ""


@dataclass(frozen=True)
class ExportTable:
    """A list as people see it on a page, ready to become a sheet."""

    title: str  # the sheet name and the first line
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    source: str  # where the figures come from and as of when, one line
    demo_rows: int = 0  # rows labelled demo: the sheet says how many


def export_workbook(tables: Sequence[ExportTable]) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])  # Excel's limit on sheet names
        sheet.cell(1, 1, table.title).font = Font(bold=True, size=13)
        source = table.source
        if table.demo_rows:
            source += (
                f" · 其中 {table.demo_rows} 行为演示数据 / {table.demo_rows} rows are demo data"
            )
        sheet.cell(2, 1, source).font = Font(italic=True, color="666666")
        _header(sheet, table.columns, 3)
        for row in table.rows:
            sheet.append(list(row))
    return _bytes(book)


def export_sheet_rows(content: bytes, title: str) -> tuple[list[str], list[list[Any]]]:
    """(Chinese headers, data rows) of an export's sheet: for tests and re-reading."""
    sheet = load_workbook(io.BytesIO(content), data_only=True)[title[:31]]
    headers = [str(c.value) for c in sheet[3]]
    rows = [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
    return headers, rows
