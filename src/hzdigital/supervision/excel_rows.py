"""Uploading a filled template: every row through the services, all or nothing.

Shared by the work-point and the project templates. Each sheet has a row handler that reads
its cells (``Cells``), finds the row's existing object by its stable key and either leaves it
(same values: a re-upload changes nothing), refuses it (different values: the page is where a
saved object changes), or creates it through the same service the pages use. Any error, in any
row, rolls the whole upload back; the user gets the workbook back with a 错误原因 column.
Each upload holds the lock of its kind and of the scopes its rows name (``upload_locks``), so
the same workbook uploaded twice at once is saved once, the second finding every row unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.accounts.conflicts import SavedMeanwhile
from hzdigital.lib.messages import Message
from hzdigital.lib.xlsx import (
    Column,
    RowError,
    SheetRow,
    SheetSpec,
    WorkbookError,
    error_workbook,
    open_workbook,
    read_sheet,
)
from hzdigital.lib.xlsx_cells import CellError, require_value
from hzdigital.supervision import upload_locks

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
DIFFERS_FROM_SAVED = Message(
    "已存在同一{what}但内容不同;已保存的对象请在页面上修改",
    "The same {what_en} already exists with different values: change saved objects on the page",
)
NO_ROWS = Message("工作簿中没有可导入的数据行", "The workbook has no data rows to import")


class RowProblem(Exception):
    """A row refused by a rule of the import itself (not a service's ValidationError)."""

    def __init__(self, column: Column | None, rule: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.column, self.rule, self.zh, self.en = column, rule, zh, en


def differs(what_zh: str, what_en: str) -> RowProblem:
    message = DIFFERS_FROM_SAVED
    zh, en = message.zh.format(what=what_zh), message.en.format(what_en=what_en)
    return RowProblem(None, "differs_from_saved", zh, en)


class Cells:
    """A row's cells, each read with a parser; a refused cell names its column."""

    def __init__(self, row: SheetRow, spec: SheetSpec) -> None:
        self.row = row
        self.columns = {c.key: c for c in spec.columns}

    def __call__(self, key: str, parse: Callable[[Any], Any] = lambda v: v) -> Any:
        column = self.columns[key]
        value = self.row.values.get(key)
        try:
            if column.required:
                require_value(value)
            return parse(value)
        except CellError as error:
            raise RowProblem(column, error.rule, error.zh, error.en) from error


RowHandler = Callable[[Cells], str]  # returns CREATED, UPDATED or UNCHANGED
ScopeOf = Callable[[Cells], str]  # the part of the data a row writes, for ``upload_locks.hold``


def _whole_kind(cells: Cells) -> str:
    return ""


@dataclass(frozen=True)
class SheetStep:
    spec: SheetSpec
    handle: RowHandler
    fields: dict[str, str]  # model field → column key, to place a service's ValidationError
    scope: ScopeOf = _whole_kind  # e.g. the row's year: uploads of other years need not wait


@dataclass
class UploadResult:
    created: Counter = field(default_factory=Counter)  # sheet title → rows created
    updated: Counter = field(default_factory=Counter)  # sheet title → rows that changed a saved one
    unchanged: Counter = field(default_factory=Counter)  # sheet title → rows already saved
    errors: list[RowError] = field(default_factory=list)
    error_workbook: bytes | None = None  # the upload with a 错误原因 column, when refused

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


def _split(message: str) -> tuple[str, str]:
    zh, sep, en = message.partition(" / ")
    return (zh, en) if sep else (message, "")


def _service_errors(error: ValidationError, step: SheetStep, row: SheetRow) -> list[RowError]:
    columns = {c.key: c for c in step.spec.columns}
    problems = []
    for name, messages in error.message_dict.items():
        column = columns.get(step.fields.get(name, name))
        for message in messages:
            zh, en = _split(message)
            problems.append(
                RowError(row.sheet, row.row, column.zh if column else "", "service", zh, en)
            )
    return problems


def _row_errors(step: SheetStep, row: SheetRow) -> tuple[str | None, list[RowError]]:
    try:
        # A savepoint per row: a refused row leaves the transaction usable for the next.
        with transaction.atomic():
            return step.handle(Cells(row, step.spec)), []
    except RowProblem as problem:
        column = problem.column.zh if problem.column else ""
        return None, [RowError(row.sheet, row.row, column, problem.rule, problem.zh, problem.en)]
    except (SavedMeanwhile, IntegrityError):
        # A key saved at the same moment by a writer that holds no upload lock (a page).
        conflict = upload_locks.CONFLICT
        return None, [RowError(row.sheet, row.row, "", "conflict", conflict.zh, conflict.en)]
    except ValidationError as error:
        return None, _service_errors(error, step, row)
    except PermissionDenied as error:
        zh, en = _split(str(error) or NOT_ALLOWED)
        return None, [RowError(row.sheet, row.row, "", "permission", zh, en)]


def _scopes(sheets: Sequence[tuple[SheetStep, Any]]) -> set[str]:
    scopes = set()
    for step, read in sheets:
        for row in read.rows:
            try:
                scopes.add(step.scope(Cells(row, step.spec)))
            except RowProblem:
                continue  # the row's handler refuses it, and the whole upload with it
    return scopes


def run_upload(content: bytes, name: str, steps: Sequence[SheetStep], *, lock: str) -> UploadResult:
    """Read every sheet, handle every row, and keep the writes only if no row failed.

    ``lock`` names the kind of workbook: uploads of one kind wait for each other where the
    scopes of their rows (``SheetStep.scope``) meet."""
    result = UploadResult()
    try:
        book = open_workbook(content, name)
    except WorkbookError as error:
        result.errors = error.errors
        return result
    sheets = [(step, read_sheet(book, step.spec)) for step in steps]
    for _, read in sheets:
        result.errors += read.errors
    if result.errors:
        result.error_workbook = error_workbook(content, result.errors)
        return result
    if not any(read.rows for _, read in sheets):
        result.errors.append(RowError(name, 0, "", "empty", NO_ROWS.zh, NO_ROWS.en))
        return result
    scopes = _scopes(sheets)
    try:
        with transaction.atomic():
            upload_locks.hold(lock, scopes)  # first: see upload_locks on SQLite
            for step, read in sheets:
                for row in read.rows:
                    outcome, errors = _row_errors(step, row)
                    result.errors += errors
                    counts = {CREATED: result.created, UPDATED: result.updated}
                    if outcome is not None:
                        counts.get(outcome, result.unchanged)[step.spec.title] += 1
            if result.errors:
                raise _Rollback
    except _Rollback:
        _clear_counts(result)
        result.error_workbook = error_workbook(content, result.errors)
    except upload_locks.UploadBusy:
        _clear_counts(result)
        busy = upload_locks.BUSY
        result.errors.append(RowError(name, 0, "", "busy", busy.zh, busy.en))
    return result


def _clear_counts(result: UploadResult) -> None:
    for counts in (result.created, result.updated, result.unchanged):
        counts.clear()
