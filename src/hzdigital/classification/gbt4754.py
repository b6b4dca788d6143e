"""GB/T 4754-2017 国民经济行业分类: the shipped table, lookup and search.

The table has four levels: 门类 (section, a letter), 大类 (division, 2 digits), 中类 (group,
3 digits) and 小类 (class, 4 digits). Enterprise records carry a class code, sometimes written
with its section letter in front ("I6510"), so :func:`normalise_code` accepts both.

>>> normalise_code("I6510")
'6510'
>>> normalise_code(" 6510 ")
'6510'
>>> lookup_class("I6510")
Traceback (most recent call last):
...
hzdigital.classification.gbt4754.UnknownIndustryCode: 行业代码 6510 不是 GB/T 4754-2017 小类（可能是 2011 版代码）；中类 651 软件开发 下的小类为：6511 基础软件开发、6512 支撑软件开发、6513 应用软件开发、6519 其他软件开发 / industry code 6510 is not a GB/T 4754-2017 class (perhaps a 2011 code); the classes of group 651 软件开发 are: 6511 基础软件开发、6512 支撑软件开发、6513 应用软件开发、6519 其他软件开发
>>> lookup("651").name
'软件开发'
>>> lookup("65").level
'division'
>>> [entry.code for entry in search("I652")]
['652', '6520']
>>> [(entry.level, entry.code) for entry in search("集成电路设计")]
[('group', '652'), ('class', '6520')]
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hzdigital.classification.messages import (
    INVALID_INDUSTRY_CODE,
    INVALID_SEARCH_CODE,
    SECTION_MISMATCH,
    UNKNOWN_CODE_IN_GROUP,
    UNKNOWN_INDUSTRY_CODE,
    Message,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
GBT4754_CSV = DATA_DIR / "gbt4754_2017_industry_classification.csv"

LEVELS = ("section", "division", "group", "class")
LEVEL_NAMES_ZH = {"section": "门类", "division": "大类", "group": "中类", "class": "小类"}

# A class code as clerks write it: optional section letter, then exactly four digits.
_CLASS_CODE = re.compile(r"([A-Za-z]?)([0-9]{4})")
# Any level's code, for lookup and search: a letter alone, or digits with an optional letter.
_ANY_CODE = re.compile(r"([A-Za-z]?)([0-9]{1,4})?")
_DEFAULT_SEARCH_LIMIT = 50


class IndustryCodeError(ValueError):
    """An industry code that cannot be used; the message names the code and the rule."""

    def __init__(self, message: Message, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(message.render(**values))

    @property
    def zh(self) -> str:
        return self.message.zh.format(**self.values)

    @property
    def en(self) -> str:
        return self.message.en.format(**self.values)


class InvalidIndustryCode(IndustryCodeError):
    """The code is not written as a GB/T 4754 code at all."""


class UnknownIndustryCode(IndustryCodeError):
    """The code is well formed but is not in the GB/T 4754-2017 table."""


@dataclass(frozen=True, slots=True)
class GbtEntry:
    """One row of GB/T 4754-2017 at any level."""

    level: str  # section | division | group | class
    code: str  # "I", "65", "652", "6520"
    section: str  # the 门类 letter every level belongs to
    name: str
    description: str  # the standard's 说明, "" where it prints none

    @property
    def parent_code(self) -> str | None:
        """The code one level up (a class's group, a division's section), None for sections."""
        if self.level == "section":
            return None
        if self.level == "division":
            return self.section
        return self.code[:-1]


@dataclass(frozen=True)
class GbtTable:
    """The whole standard, in the order it is printed."""

    entries: tuple[GbtEntry, ...]
    by_code: dict[str, GbtEntry]

    @property
    def classes(self) -> tuple[GbtEntry, ...]:
        return tuple(entry for entry in self.entries if entry.level == "class")

    def __iter__(self) -> Iterator[GbtEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@cache
def load() -> GbtTable:
    """Read the shipped GB/T 4754-2017 table once; later calls return the same object."""
    with GBT4754_CSV.open(encoding="utf-8", newline="") as handle:
        entries = tuple(
            GbtEntry(
                level=row["level"],
                code=row["code"],
                section=row["section"],
                name=row["name"],
                description=row["description"],
            )
            for row in csv.DictReader(handle)
        )
    return GbtTable(entries=entries, by_code={entry.code: entry for entry in entries})


def normalise_code(code: str) -> str:
    """A class code as 4 digits: strip blanks and a section letter that agrees with the code.

    Raises :class:`InvalidIndustryCode` for anything that is not an optional letter plus
    4 digits, or whose letter names a different section than the class belongs to.

    >>> normalise_code("i6510")
    '6510'
    >>> normalise_code("A6520")
    Traceback (most recent call last):
    ...
    hzdigital.classification.gbt4754.InvalidIndustryCode: 行业代码 'A6520' 的门类字母 A 与小类 6520 所属门类 I 不符 / industry code 'A6520': section letter A does not match class 6520, which is in section I
    """
    # NFKC turns full-width forms (Ｉ６５２０, common in text pasted from Chinese documents)
    # into ASCII; anything else that is not a letter plus 4 digits is refused.
    text = unicodedata.normalize("NFKC", code).strip() if isinstance(code, str) else ""
    match = _CLASS_CODE.fullmatch(text)
    if match is None:
        raise InvalidIndustryCode(INVALID_INDUSTRY_CODE, code=code)
    letter, digits = match.group(1).upper(), match.group(2)
    # A letter that contradicts the class is more likely a typo in the digits than in the
    # letter, so refuse rather than guess which half is right.
    entry = load().by_code.get(digits)
    if letter and entry is not None and entry.section != letter:
        raise InvalidIndustryCode(
            SECTION_MISMATCH, code=code, letter=letter, digits=digits, section=entry.section
        )
    return digits


def _split_any_code(code: str) -> tuple[str, str] | None:
    match = _ANY_CODE.fullmatch(unicodedata.normalize("NFKC", code).strip())
    if match is None or not (match.group(1) or match.group(2)):
        return None
    return match.group(1).upper(), match.group(2) or ""


def lookup(code: str) -> GbtEntry:
    """The entry for a code at any level: "I", "65", "652", "6520" or "I6520"."""
    parts = _split_any_code(code) if isinstance(code, str) else None
    if parts is None:
        raise InvalidIndustryCode(INVALID_SEARCH_CODE, code=code)
    letter, digits = parts
    entry = load().by_code.get(digits or letter)
    if entry is None:
        raise UnknownIndustryCode(UNKNOWN_INDUSTRY_CODE, code=digits or letter)
    if letter and entry.section != letter:
        raise InvalidIndustryCode(
            SECTION_MISMATCH, code=code, letter=letter, digits=digits, section=entry.section
        )
    return entry


def lookup_class(code: str) -> GbtEntry:
    """The 小类 for a class code as enterprise records write it (see :func:`normalise_code`)."""
    digits = normalise_code(code)
    table = load()
    entry = table.by_code.get(digits)
    if entry is not None and entry.level == "class":
        return entry
    # Records still carry GB/T 4754-2011 codes such as 6510, whose group was split in 2017;
    # naming the group's present classes tells the clerk what to choose instead.
    group = table.by_code.get(digits[:3])
    if group is not None:
        classes = [e for e in table.classes if e.code.startswith(group.code)]
        listed = "、".join(f"{e.code} {e.name}" for e in classes)
        raise UnknownIndustryCode(
            UNKNOWN_CODE_IN_GROUP,
            code=digits,
            group=group.code,
            group_name=group.name,
            classes=listed,
        )
    raise UnknownIndustryCode(UNKNOWN_INDUSTRY_CODE, code=digits)


def search(query: str, *, limit: int = _DEFAULT_SEARCH_LIMIT) -> list[GbtEntry]:
    """Entries whose code starts with ``query`` or whose name contains it, in table order.

    A query that looks like a code (a section letter and/or digits) searches by code prefix:
    "I" gives the whole section, "I65" everything under division 65. Anything else is a
    name substring, so the classification browser can search by 中文 name.
    """
    text = query.strip()
    if not text:
        return []
    parts = _split_any_code(text)
    table = load()
    if parts is not None:
        letter, digits = parts
        found = [
            entry
            for entry in table.entries
            if (not letter or entry.section == letter)
            and (entry.code.startswith(digits) if digits else True)
            and (entry.level != "section" or not digits)
        ]
    else:
        found = [entry for entry in table.entries if text in entry.name]
    return found[:limit]
