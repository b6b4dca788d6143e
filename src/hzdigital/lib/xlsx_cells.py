"""Cell values of an uploaded template, read into Python values or refused with a named rule.

Excel hands back whatever the clerk typed: a date may be a ``datetime``, ``2024-03-31``,
``2024/3/31`` or ``2024年3月31日``; a number may be text with thousands separators. Each
parser accepts those forms and raises ``CellError`` (rule + bilingual message) otherwise.

>>> parse_date("2024年3月1日")
datetime.date(2024, 3, 1)
>>> parse_decimal("1,250.5")
Decimal('1250.5')
>>> parse_flag("是"), parse_flag(None)
(True, False)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from hzdigital.lib.messages import Message

BAD_DATE = Message(
    "“{value}”不是日期,请写作 2024-03-31", "{value!r} is not a date: write it as 2024-03-31"
)
BAD_NUMBER = Message("“{value}”不是数字", "{value!r} is not a number")
BAD_INTEGER = Message("“{value}”不是整数", "{value!r} is not a whole number")
BAD_FLAG = Message("“{value}”应填“是”或“否”", "{value!r} should be 是 (yes) or 否 (no)")
NOT_IN_LIST = Message(
    "“{value}”不在可选列表中:{allowed}", "{value!r} is not one of the allowed values: {allowed}"
)
REQUIRED = Message("必填项为空", "A required value is empty")

DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
YES = {"是", "yes", "y", "true", "1", "公开"}
NO = {"否", "no", "n", "false", "0", "不公开"}


class CellError(ValueError):
    def __init__(self, rule: str, message: Message, **values: Any) -> None:
        self.rule = rule
        self.zh = message.zh.format(**values)
        self.en = message.en.format(**values)
        super().__init__(f"{self.zh} / {self.en}")


def require_value(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellError("required", REQUIRED)
    return value


def parse_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = DATE_PATTERN.match(str(value).strip())
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass  # 2024-02-30: refused below like any other non-date
    raise CellError("date", BAD_DATE, value=value)


def parse_decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("number", BAD_NUMBER, value=value)
    try:
        number = Decimal(str(value).replace(",", "").replace(",", "").strip())
    except InvalidOperation as error:
        raise CellError("number", BAD_NUMBER, value=value) from error
    if not number.is_finite():
        raise CellError("number", BAD_NUMBER, value=value)
    return number


def parse_int(value: Any) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError("integer", BAD_INTEGER, value=value)
    return int(number)


def parse_text(value: Any) -> str:
    """Text as typed; a whole number Excel stored as 3.0 reads back as "3"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_flag(value: Any) -> bool:
    if value is None:
        return False
    text = parse_text(value).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError("flag", BAD_FLAG, value=value)


def parse_choice(value: Any, choices: dict[str, str]) -> str | None:
    """The stored value of a drop-down label (or of the stored value itself)."""
    if value is None:
        return None
    text = parse_text(value)
    lookup = {label.casefold(): stored for label, stored in choices.items()}
    lookup |= {stored.casefold(): stored for stored in choices.values()}
    if text.casefold() in lookup:
        return lookup[text.casefold()]
    raise CellError("choice", NOT_IN_LIST, value=value, allowed="、".join(choices))


def split_list(value: Any) -> list[str]:
    """Several names in one cell, separated by 、 , , ; or ;."""
    return [part.strip() for part in re.split(r"[、,,;;]", parse_text(value)) if part.strip()]
