"""Reading and checking an NBS 2021 table file: the rows and the rules each row must keep.

The rules are a declarative list (:data:`ROW_RULES`, :data:`TABLE_RULES`); each names the field
it checks and a message in Chinese and English, so an error tells a clerk which file, line,
field and rule to fix. Line numbers are as a spreadsheet shows them: the header is line 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hzdigital.classification.gbt4754 import GbtTable
from hzdigital.classification.messages import (
    EDITION_EMPTY,
    EDITION_FILE_UNREADABLE,
    EDITION_MISSING_COLUMNS,
    EDITION_ROW_ERROR,
    Message,
)

CORE_MAJORS = frozenset({"01", "02", "03", "04"})  # 数字经济核心产业
EFFICIENCY_MAJOR = "05"  # 数字化效率提升业: never assigned from an industry code alone
MAJORS = CORE_MAJORS | {EFFICIENCY_MAJOR}
COLUMNS = (
    "major_code",
    "major_name",
    "medium_code",
    "medium_name",
    "sub_code",
    "sub_name",
    "gbt4754_code",
    "gbt4754_name",
    "partial",
    "evidence",
    "note",
)
_MAX_ISSUES_IN_MESSAGE = 10
_CONFIDENCE = re.compile(r"^\s*conf=(high|medium|low|none)\b")


@dataclass(frozen=True, slots=True)
class NbsRow:
    """One (小类, GB/T 4754 class) pair of the table; ``gbt4754_code`` is None where not given."""

    line: int  # line number in the CSV file, header = 1 (as a spreadsheet shows it)
    major_code: str  # "01"–"05"
    major_name: str
    medium_code: str  # 4 digits
    medium_name: str
    sub_code: str | None  # 6 digits; None only for a row recording a known gap
    sub_name: str | None
    gbt4754_code: str | None
    gbt4754_name: str | None
    partial: bool  # the official table's "*": the GB class belongs only in part
    evidence: str
    note: str
    confidence: str  # high | medium | low | none, or "unstated" when the note gives none

    @property
    def core(self) -> bool:
        return self.major_code in CORE_MAJORS


def confidence_of(note: str) -> str:
    """The row confidence stated at the start of its note.

    >>> confidence_of("conf=medium; code certain")
    'medium'
    >>> confidence_of("")
    'unstated'
    """
    match = _CONFIDENCE.match(note)
    return match.group(1) if match else "unstated"


@dataclass(frozen=True)
class EditionIssue:
    """One broken rule: where it is and what it says."""

    file: str
    line: int | None  # None for problems with the file as a whole
    field: str | None
    message: Message
    values: tuple[tuple[str, object], ...] = ()

    @property
    def zh(self) -> str:
        return self.message.zh.format(**dict(self.values))

    @property
    def en(self) -> str:
        return self.message.en.format(**dict(self.values))

    def render(self) -> str:
        if self.line is None:
            return f"{self.zh} / {self.en}"
        return EDITION_ROW_ERROR.render(
            file=self.file, row=self.line, field=self.field, zh_rule=self.zh, en_rule=self.en
        )


class EditionError(ValueError):
    """A table that cannot be used; ``issues`` lists every broken rule found."""

    def __init__(self, issues: list[EditionIssue]) -> None:
        self.issues = issues
        shown = [issue.render() for issue in issues[:_MAX_ISSUES_IN_MESSAGE]]
        if len(issues) > _MAX_ISSUES_IN_MESSAGE:
            hidden = len(issues) - _MAX_ISSUES_IN_MESSAGE
            shown.append(f"……另有 {hidden} 处问题 / … and {hidden} more issue(s)")
        super().__init__("\n".join(shown))


# --- the rules -------------------------------------------------------------------------------
Row = dict[str, str]


@dataclass(frozen=True)
class RowRule:
    """A check on one row: ``broken`` returns the message values when the rule fails."""

    field: str
    message: Message
    broken: Callable[[Row, GbtTable], dict[str, object] | None]


def _bad_major(row: Row, _: GbtTable) -> dict[str, object] | None:
    return None if row["major_code"] in MAJORS else {"value": row["major_code"]}


def _bad_medium(row: Row, _: GbtTable) -> dict[str, object] | None:
    medium = row["medium_code"]
    ok = re.fullmatch(r"\d{4}", medium) is not None and medium.startswith(row["major_code"])
    return None if ok else {"value": medium, "major": row["major_code"]}


def _bad_sub(row: Row, _: GbtTable) -> dict[str, object] | None:
    sub = row["sub_code"]
    if not sub:
        return None  # a gap row; _gap_with_codes checks that it claims nothing else
    ok = re.fullmatch(r"\d{6}", sub) is not None and sub.startswith(row["medium_code"])
    return None if ok else {"value": sub, "medium": row["medium_code"]}


def _gap_with_codes(row: Row, _: GbtTable) -> dict[str, object] | None:
    if row["sub_code"] or not (row["sub_name"] or row["gbt4754_code"]):
        return None
    return {"value": row["sub_name"] or row["gbt4754_code"]}


def _missing_sub_name(row: Row, _: GbtTable) -> dict[str, object] | None:
    return {"value": row["sub_code"]} if row["sub_code"] and not row["sub_name"] else None


def _missing_names(row: Row, _: GbtTable) -> dict[str, object] | None:
    return None if row["major_name"] and row["medium_name"] else {"value": ""}


def _bad_gbt_code(row: Row, gbt: GbtTable) -> dict[str, object] | None:
    code = row["gbt4754_code"]
    if not code:
        return None
    entry = gbt.by_code.get(code)
    return None if entry is not None and entry.level == "class" else {"value": code}


def _bad_partial(row: Row, _: GbtTable) -> dict[str, object] | None:
    allowed = {"0", "1"} if row["gbt4754_code"] else {"", "0", "1"}
    return None if row["partial"] in allowed else {"value": row["partial"]}


def _rule(zh: str, en: str) -> Message:
    return Message(zh, en)


ROW_RULES: tuple[RowRule, ...] = (
    RowRule(
        "major_code",
        _rule("大类代码 {value!r} 须为 01–05", "major code {value!r} must be 01–05"),
        _bad_major,
    ),
    RowRule(
        "medium_code",
        _rule(
            "中类代码 {value!r} 须为 4 位数字且以大类代码 {major} 开头",
            "medium code {value!r} must be 4 digits starting with its major code {major}",
        ),
        _bad_medium,
    ),
    RowRule(
        "sub_code",
        _rule(
            "小类代码 {value!r} 须为 6 位数字且以中类代码 {medium} 开头",
            "sub-category code {value!r} must be 6 digits starting with its medium code {medium}",
        ),
        _bad_sub,
    ),
    RowRule(
        "sub_code",
        _rule(
            "小类代码为空（缺口行）时不得填写小类名称或行业代码（{value}）",
            "a row with no sub-category code (a gap) must not give a name or GB code ({value})",
        ),
        _gap_with_codes,
    ),
    RowRule(
        "sub_name",
        _rule("小类 {value} 缺少名称", "sub-category {value} has no name"),
        _missing_sub_name,
    ),
    RowRule(
        "major_name",
        _rule("大类、中类名称不得为空", "major and medium names must not be empty"),
        _missing_names,
    ),
    RowRule(
        "gbt4754_code",
        _rule(
            "行业代码 {value!r} 不是 GB/T 4754-2017 的小类",
            "GB/T 4754 code {value!r} is not a GB/T 4754-2017 class",
        ),
        _bad_gbt_code,
    ),
    RowRule(
        "partial",
        _rule(
            "partial 须为 0 或 1（无行业代码时可为空），实为 {value!r}",
            "partial must be 0 or 1 (empty only without a GB code), got {value!r}",
        ),
        _bad_partial,
    ),
)

# Codes whose name must be the same on every row: (code column, name column, rule message).
NAME_CONSISTENCY: tuple[tuple[str, str], ...] = (
    ("major_code", "major_name"),
    ("medium_code", "medium_name"),
    ("sub_code", "sub_name"),
)
INCONSISTENT_NAME = _rule(
    "代码 {code} 的名称 {name!r} 与第 {first_line} 行的 {first_name!r} 不一致",
    "code {code} is named {name!r} here but {first_name!r} on line {first_line}",
)
DUPLICATE_PAIR = _rule(
    "小类 {sub} 与行业代码 {gbt} 的组合在第 {first_line} 行已出现",
    "the pair (sub-category {sub}, GB code {gbt}) already appears on line {first_line}",
)


def _table_issues(file: str, rows: list[tuple[int, Row]]) -> Iterable[EditionIssue]:
    """Rules that compare rows with each other."""
    for code_column, name_column in NAME_CONSISTENCY:
        first: dict[str, tuple[int, str]] = {}
        for line, row in rows:
            code, name = row[code_column], row[name_column]
            if not code:
                continue
            seen = first.setdefault(code, (line, name))
            if seen[1] != name:
                values = {"code": code, "name": name, "first_line": seen[0], "first_name": seen[1]}
                yield EditionIssue(
                    file, line, name_column, INCONSISTENT_NAME, tuple(values.items())
                )
    pairs: dict[tuple[str, str], int] = {}
    for line, row in rows:
        if not (row["sub_code"] and row["gbt4754_code"]):
            continue
        key = (row["sub_code"], row["gbt4754_code"])
        first_line = pairs.setdefault(key, line)
        if first_line != line:
            values = {"sub": key[0], "gbt": key[1], "first_line": first_line}
            yield EditionIssue(file, line, "gbt4754_code", DUPLICATE_PAIR, tuple(values.items()))


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    # Officials save CSV from Excel as UTF-8 (often with a BOM) or as GB18030.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8/gb18030", raw[:1], 0, 1, "neither UTF-8 nor GB18030")


def parse_edition_rows(path: Path, gbt: GbtTable) -> list[NbsRow]:
    """Every row of ``path`` as :class:`NbsRow`, or :class:`EditionError` with every issue."""
    file = path.name
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        values = (("file", file), ("reason", str(exc)))
        raise EditionError(
            [EditionIssue(file, None, None, EDITION_FILE_UNREADABLE, values)]
        ) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        values = (("file", file), ("columns", ", ".join(missing)))
        raise EditionError([EditionIssue(file, None, None, EDITION_MISSING_COLUMNS, values)])
    reader.fieldnames = header
    rows = [
        (line, {column: (raw.get(column) or "").strip() for column in COLUMNS})
        for line, raw in enumerate(reader, start=2)
    ]
    if not rows:
        raise EditionError([EditionIssue(file, None, None, EDITION_EMPTY, (("file", file),))])
    issues = [
        EditionIssue(file, line, rule.field, rule.message, tuple(broken.items()))
        for line, row in rows
        for rule in ROW_RULES
        if (broken := rule.broken(row, gbt)) is not None
    ]
    issues.extend(_table_issues(file, rows))
    if issues:
        issues.sort(key=lambda issue: issue.line or 0)
        raise EditionError(issues)
    return [_to_row(line, row) for line, row in rows]


def _to_row(line: int, row: Row) -> NbsRow:
    return NbsRow(
        line=line,
        major_code=row["major_code"],
        major_name=row["major_name"],
        medium_code=row["medium_code"],
        medium_name=row["medium_name"],
        sub_code=row["sub_code"] or None,
        sub_name=row["sub_name"] or None,
        gbt4754_code=row["gbt4754_code"] or None,
        gbt4754_name=row["gbt4754_name"] or None,
        partial=row["partial"] == "1",
        evidence=row["evidence"],
        note=row["note"],
        confidence=confidence_of(row["note"]),
    )
