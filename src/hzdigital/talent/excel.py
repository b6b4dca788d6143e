"""The yearly figures as an Excel workbook: a template to fill in, and its import.

The template holds one row per district × programme metric for a year, prefilled with what
is already entered. The import is all or nothing: every row is checked first, and a single
bad row writes nothing; each problem names the sheet, the row, the column and the rule. An
empty value cell is a figure not reported yet and is skipped. Importing the same file twice
changes nothing the second time (``services.figure_save`` keeps equal values as they are),
also when both imports run at once: each holds the lock of the districts and years it writes
(``supervision.upload_locks``), so the second waits and then finds every figure unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from hzdigital.accounts.conflicts import SavedMeanwhile
from hzdigital.accounts.models import OrgUnit
from hzdigital.lib.messages import Message
from hzdigital.plan.models import TalentProgramme
from hzdigital.supervision import upload_locks
from hzdigital.talent import access, services
from hzdigital.talent.metrics import FIRST_YEAR, LAST_YEAR, METRICS, metric_pairs, reports
from hzdigital.talent.models import TalentFigure
from hzdigital.talent.services import EDITABLE

SHEET = "人才数据"
# (key, header): the header row is bilingual so both kinds of reader can fill it in.
COLUMNS = (
    ("division_code", "区县代码 division_code"),
    ("unit_name", "区县 district"),
    ("programme", "项目代码 programme"),
    ("programme_name", "项目 programme name"),
    ("metric", "指标代码 metric"),
    ("metric_name", "指标 metric name"),
    ("unit_of_count", "单位 unit"),
    ("year", "年份 year"),
    ("value", "数值 value"),
    ("note", "说明 note"),
    ("review", "状态 status (只读 read-only)"),
)
HEADERS = [header for _, header in COLUMNS]
INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")  # the cells a district fills in

WHERE = Message(
    "工作表“{sheet}”第 {row} 行“{column}”列", "sheet {sheet}, row {row}, column {column}"
)
BAD_HEADER = Message("表头应为:{expected}", "the header row must be: {expected}")
BAD_YEAR = Message(
    f"年份须为 {FIRST_YEAR}–{LAST_YEAR} 之间的整数",
    f"the year must be a whole number {FIRST_YEAR}–{LAST_YEAR}",
)
UNKNOWN_DISTRICT = Message("未知的区县代码 {value}", "unknown district code {value}")
NOT_YOUR_DISTRICT = Message("您无权填报该区县的数据", "you may not report for this district")
UNKNOWN_PROGRAMME = Message("未知的项目代码 {value}", "unknown programme {value}")
NOT_REPORTED = Message("该项目不报送指标 {value}", "the programme does not report metric {value}")
BAD_VALUE = Message(
    "数值须为非负整数,得到 {value}", "the value must be a whole number ≥ 0, got {value}"
)
DUPLICATE = Message("与第 {first} 行重复", "repeats row {first}")
LOCKED = Message(
    "该数据已提交或已采纳,不能修改(现为 {value})",
    "the figure is submitted or accepted and cannot be changed (now {value})",
)
NO_SHEET = Message("找不到工作表“{sheet}”", "no sheet named {sheet}")
LOCK = "talent_figures"  # upload_locks kind; the scope is "<division code>:<year>"
NOT_A_WORKBOOK = Message(
    "无法读取该文件:须为 .xlsx 工作簿", "cannot read the file: it must be an .xlsx workbook"
)


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # the spreadsheet's row number, header = 1
    column: str  # the column's key (see COLUMNS)
    rule: Message
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        header = dict(COLUMNS).get(self.column, self.column)
        where = WHERE.render(sheet=self.sheet, row=self.row, column=header)
        return f"{where}: {self.rule.render(**self.values)}"


@dataclass(frozen=True)
class ParsedRow:
    row: int
    unit: OrgUnit
    programme_slug: str
    metric: str
    year: int
    value: int  # in the metric's unit
    note: str


@dataclass(frozen=True)
class ImportResult:
    rows: int  # rows with a value
    changed: int  # figures created or changed
    unchanged: int  # figures that already held the value
    errors: list[RowError]  # nothing was written when there are any


def write_template(*, by: Any, year: int) -> bytes:
    """The year's template for every district the user may report for, prefilled."""
    units = list(access.reporting_units_for(by))
    existing = {
        (f.unit_id, f.programme_slug, f.metric): f
        for f in TalentFigure.objects.filter(year=year, unit__in=units)
    }
    names = _programme_names()
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit in units:
        for slug, key in metric_pairs():
            figure = existing.get((unit.pk, slug, key))
            spec = METRICS[key]
            sheet.append([
                unit.division_code, unit.name_zh, slug, names.get(slug, slug), key,
                spec.name_zh, spec.unit_zh, year,
                figure.value if figure else None, figure.note if figure else "",
                figure.get_review_display() if figure else "",
            ])  # fmt: skip
            sheet.cell(row=sheet.max_row, column=9).fill = INPUT_FILL
    for letter, width in zip(
        "ABCDEFGHIJK", (10, 18, 26, 28, 18, 24, 8, 8, 10, 24, 18), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _programme_names() -> dict[str, str]:
    active = TalentProgramme.objects.filter(direction__edition__is_active=True)
    return dict(active.values_list("slug", "name_zh"))


def _whole_number(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return None


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


class _Checker:
    """Checks one row after another, remembering keys already seen for duplicates."""

    def __init__(self, by: Any) -> None:
        self.by = by
        self.districts = {
            u.division_code: u for u in OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT)
        }
        self.seen: dict[tuple, int] = {}
        self.errors: list[RowError] = []

    def fail(self, row: int, column: str, rule: Message, **values: Any) -> None:
        self.errors.append(RowError(SHEET, row, column, rule, values))

    def check(self, row: int, cells: dict[str, Any]) -> ParsedRow | None:
        raw_value = cells.get("value")
        if raw_value is None or _text(raw_value) == "":
            return None  # not reported yet: nothing to write
        problems = len(self.errors)
        year = _whole_number(cells.get("year"))
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            self.fail(row, "year", BAD_YEAR)
        code = _text(cells.get("division_code"))
        unit = self.districts.get(code)
        if unit is None:
            self.fail(row, "division_code", UNKNOWN_DISTRICT, value=code)
        elif not access.may_report_for(self.by, unit):
            self.fail(row, "division_code", NOT_YOUR_DISTRICT)
        slug, metric = _text(cells.get("programme")), _text(cells.get("metric"))
        if not any(slug == s for s, _ in metric_pairs()):
            self.fail(row, "programme", UNKNOWN_PROGRAMME, value=slug)
        elif not reports(slug, metric):
            self.fail(row, "metric", NOT_REPORTED, value=metric)
        value = _whole_number(raw_value)
        if value is None or value < 0:
            self.fail(row, "value", BAD_VALUE, value=raw_value)
        if len(self.errors) > problems:
            return None
        key = (code, slug, metric, year)
        if key in self.seen:
            self.fail(row, "value", DUPLICATE, first=self.seen[key])
            return None
        self.seen[key] = row
        return ParsedRow(row, unit, slug, metric, year, value, _text(cells.get("note")))  # type: ignore[arg-type]

    def check_locked(self, rows: Iterable[ParsedRow]) -> None:
        for parsed in rows:
            figure = TalentFigure.objects.filter(
                unit=parsed.unit, programme_slug=parsed.programme_slug,
                metric=parsed.metric, year=parsed.year,
            ).first()  # fmt: skip
            if figure and figure.review not in EDITABLE and figure.value != parsed.value:
                self.fail(parsed.row, "value", LOCKED, value=figure.value)


def read_rows(by: Any, upload: BinaryIO) -> tuple[list[ParsedRow], list[RowError]]:
    """Every row with a value, checked; the problems of all rows at once."""
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        return [], [RowError("-", 0, "-", NOT_A_WORKBOOK)]
    if SHEET not in book.sheetnames:
        return [], [RowError(SHEET, 0, "-", NO_SHEET, {"sheet": SHEET})]
    rows = book[SHEET].iter_rows(values_only=True)
    header = [_text(h) for h in next(rows, ())]
    if header[: len(HEADERS)] != HEADERS:
        return [], [RowError(SHEET, 1, "-", BAD_HEADER, {"expected": " | ".join(HEADERS)})]
    checker = _Checker(by)
    parsed = []
    for number, values in enumerate(rows, start=2):
        cells = {key: values[i] if i < len(values) else None for i, (key, _) in enumerate(COLUMNS)}
        row = checker.check(number, cells)
        if row is not None:
            parsed.append(row)
    checker.check_locked(parsed)
    return parsed, checker.errors


def import_figures(*, by: Any, upload: BinaryIO, is_demo: bool = False) -> ImportResult:
    """Check the whole workbook, then save every row in one transaction, or none."""
    parsed, errors = read_rows(by, upload)
    if errors:
        return ImportResult(len(parsed), 0, 0, errors)
    try:
        with transaction.atomic():
            return _save(by, parsed, is_demo)
    except upload_locks.UploadBusy:
        return ImportResult(len(parsed), 0, 0, [RowError(SHEET, 0, "-", upload_locks.BUSY)])


def _save(by: Any, parsed: list[ParsedRow], is_demo: bool) -> ImportResult:
    """Inside the import's transaction: lock the district-years, then save row after row."""
    upload_locks.hold(LOCK, {f"{row.unit.division_code}:{row.year}" for row in parsed})
    changed = 0
    for row in parsed:
        try:
            result = services.figure_save(
                by=by, unit=row.unit, programme_slug=row.programme_slug, metric=row.metric,
                year=row.year, value=row.value, note=row.note, is_demo=is_demo,
            )  # fmt: skip
        except (SavedMeanwhile, IntegrityError):  # saved at this moment by a page (no lock)
            transaction.set_rollback(True)
            conflict = RowError(SHEET, row.row, "value", upload_locks.CONFLICT)
            return ImportResult(len(parsed), 0, 0, [conflict])
        except ValidationError as error:  # a rule only the model knows: undo every row
            transaction.set_rollback(True)
            rule = Message(" ".join(error.messages), " ".join(error.messages))
            return ImportResult(len(parsed), 0, 0, [RowError(SHEET, row.row, "value", rule)])
        changed += result.changed
    return ImportResult(len(parsed), changed, len(parsed) - changed, [])
