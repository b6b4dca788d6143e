"""The import validation rules, as a declarative registry evaluated by SQL.

Every rule is one :class:`Rule` row: a named code, the field it is about, a SQL predicate that
is TRUE when a row breaks it, and the message a clerk reads. The predicates run over the
relation built by :func:`typed_sql` (one column per parsed field), so the whole
file is checked column-wise by DuckDB instead of row by row in Python.

Adding a rule means adding a row here; ``tests/test_ingest_rules.py`` then demands a failing
example for it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from hzdigital.lib.divisions import ABOLISHED_DIVISIONS, county_codes, division_name
from hzdigital.warehouse import messages as m
from hzdigital.warehouse.messages import Message

FIRST_YEAR = 2015  # the earliest statistical year the platform accepts

# Rule codes: stable names that appear in quarantine files, JSON output and the imports log.
ROW_SHAPE = "row_shape"
USCC_REQUIRED = "uscc_required"
USCC_FORMAT = "uscc_format"
USCC_CHECK = "uscc_check"
NAME_REQUIRED = "name_required"
DIVISION_REQUIRED = "division_required"
DIVISION_FORMAT = "division_format"
DIVISION_ABOLISHED = "division_abolished"
DIVISION_NOT_COUNTY = "division_not_county"
INDUSTRY_REQUIRED = "industry_required"
INDUSTRY_FORMAT = "industry_format"
INDUSTRY_SECTION_MISMATCH = "industry_section_mismatch"
INDUSTRY_UNKNOWN = "industry_unknown"
YEAR_REQUIRED = "year_required"
YEAR_FORMAT = "year_format"
YEAR_RANGE = "year_range"
REVENUE_REQUIRED = "revenue_required"
REVENUE_NUMBER = "revenue_number"
REVENUE_NEGATIVE = "revenue_negative"
VALUE_ADDED_NUMBER = "value_added_number"
EMPLOYEES_REQUIRED = "employees_required"
EMPLOYEES_WHOLE = "employees_whole"
RD_EXPENSE_NUMBER = "rd_expense_number"
RD_EXPENSE_NEGATIVE = "rd_expense_negative"
DUPLICATE_KEY = "duplicate_key"


@dataclass(frozen=True)
class Rule:
    code: str
    field: str  # the canonical field the clerk has to correct
    violated_sql: str  # TRUE when the row breaks the rule; NULL counts as not broken
    message: Message  # ``{value}`` is replaced by ``value_sql``
    value_sql: str = ""  # defaults to the field's original text
    # A line that could not be split into fields has no values to check, only its own rule.
    applies_to_malformed: bool = False

    def value_expression(self) -> str:
        return self.value_sql or text_column(self.field)


def text_column(field: str) -> str:
    """The column holding a field's text as read: trimmed, NULL when blank (see ``prepare``)."""
    return f"{field}__text"


# Computed for the whole column by numpy (``prepare.uscc_checks``): a regular expression and
# 17 SQL substrings per row were the largest single cost of the import.
USCC_WELL_FORMED = "uscc__well_formed"  # 18 characters of the charset [0-9A-HJ-NP-RTUW-Y]
USCC_CHECK_HOLDS = "uscc__check_holds"  # well formed, and the GB 32100-2015 check holds


def _number(field: str) -> str:
    # Thousands separators are common in Excel exports; anything else unparsable stays NULL.
    # ``replace`` copies every string, so it runs only where there is a comma to remove.
    text = text_column(field)
    parsed = (
        f"CASE WHEN contains({text}, ',') THEN TRY_CAST(replace({text}, ',', '') AS DOUBLE)"
        f" ELSE TRY_CAST({text} AS DOUBLE) END"
    )
    return f"CASE WHEN isfinite({parsed}) THEN {parsed} END"


# Code columns take few distinct values (13 divisions, some 1,400 classes), so ``prepare``
# parses each distinct value once with the functions below and spreads the answers to the
# rows: no join and no per-row regular expression. Their columns:
INDUSTRY_LETTER = "industry__letter"  # the section letter written before the class, or ''
INDUSTRY_CODE = "industry__code"  # the 4 digits, NULL when the text is not [A-Z]?[0-9]{4}
INDUSTRY_SECTION = "industry__section"  # the section of that class, NULL if no such class
DIVISION_WELL_FORMED = "division__well_formed"  # 6 digits
DIVISION_KIND = "division__kind"  # 'county', 'abolished' or NULL (any other code)
_INDUSTRY_PATTERN = re.compile("([A-Z]?)([0-9]{4})")
_DIVISION_PATTERN = re.compile("[0-9]{6}")


def parse_industry(text: str | None) -> tuple[str | None, str | None, str | None]:
    """(letter, code, section) of an uppercased industry text.

    >>> parse_industry("I6513"), parse_industry("6510"), parse_industry("软件")
    (('I', '6513', 'I'), ('', '6510', None), ('', None, None))
    """
    if text is None:
        return None, None, None
    match = _INDUSTRY_PATTERN.fullmatch(text)
    if match is None:
        return "", None, None
    return match.group(1), match.group(2), _class_sections().get(match.group(2))


def parse_division(text: str | None) -> tuple[bool | None, str | None]:
    """(well_formed, kind) of a division code.

    >>> parse_division("330106"), parse_division("330103"), parse_division("330201")
    ((True, 'county'), (True, 'abolished'), (True, None))
    """
    if text is None:
        return None, None
    kind = "county" if text in county_codes() else None
    kind = "abolished" if text in ABOLISHED_DIVISIONS else kind
    return _DIVISION_PATTERN.fullmatch(text) is not None, kind


@functools.cache
def _class_sections() -> dict[str, str]:
    from hzdigital.classification import gbt4754

    return {entry.code: entry.section for entry in gbt4754.load().classes}


def _abolished_hint_sql() -> str:
    """'330103 下城区 → 330105 拱墅区' for the abolished code in the row: names are proper nouns,
    so one text serves both languages."""
    cases = " ".join(
        f"WHEN '{a.code}' THEN '{a.code} {a.name} → "
        + " | ".join(f"{code} {division_name(code)}" for code in a.successors)
        + "'"
        for a in ABOLISHED_DIVISIONS.values()
    )
    return f"CASE division_code {cases} END"


# Parsed columns derived from the text columns (see ``prepare``).
TYPED_COLUMNS: dict[str, str] = {
    "uscc": text_column("uscc"),  # uppercased by ``prepare``
    "uscc_well_formed": USCC_WELL_FORMED,
    "uscc_check_holds": USCC_CHECK_HOLDS,
    "name": text_column("name"),
    "division_code": text_column("division_code"),
    "division_well_formed": DIVISION_WELL_FORMED,
    "division_kind": DIVISION_KIND,
    "industry_text": text_column("industry_code"),  # uppercased by ``prepare``
    "industry_letter": INDUSTRY_LETTER,
    "industry_code": INDUSTRY_CODE,
    "industry_section": INDUSTRY_SECTION,
    "year_text": text_column("year"),
    "year_num": _number("year"),
    "revenue_text": text_column("revenue"),
    "revenue": _number("revenue"),
    "value_added_text": text_column("value_added"),
    "value_added": _number("value_added"),
    "employees_text": text_column("employees"),
    "employees_num": _number("employees"),
    "rd_expense_text": text_column("rd_expense"),
    "rd_expense": _number("rd_expense"),
    "business_scope": text_column("business_scope"),
}

# ``first_row`` (the row a duplicate repeats) comes from the ``repeated_keys`` relation the
# importer builds once every row's key is parsed; see :func:`typed_sql`.
REPEATED_KEYS = "repeated_keys"

RULES: tuple[Rule, ...] = (
    Rule(
        ROW_SHAPE,
        "row",
        "_malformed IS NOT NULL",
        m.ROW_SHAPE,
        value_sql="_malformed",
        applies_to_malformed=True,
    ),
    Rule(USCC_REQUIRED, "uscc", "uscc IS NULL", m.USCC_REQUIRED),
    Rule(USCC_FORMAT, "uscc", "uscc IS NOT NULL AND NOT uscc_well_formed", m.USCC_FORMAT),
    Rule(USCC_CHECK, "uscc", "uscc_well_formed AND NOT uscc_check_holds", m.USCC_CHECK),
    Rule(NAME_REQUIRED, "name", "name IS NULL", m.NAME_REQUIRED),
    Rule(DIVISION_REQUIRED, "division_code", "division_code IS NULL", m.DIVISION_REQUIRED),
    Rule(
        DIVISION_FORMAT,
        "division_code",
        "division_code IS NOT NULL AND NOT division_well_formed",
        m.DIVISION_FORMAT,
    ),
    Rule(
        DIVISION_ABOLISHED,
        "division_code",
        "division_kind = 'abolished'",
        m.DIVISION_ABOLISHED,
        value_sql=_abolished_hint_sql(),
    ),
    Rule(
        DIVISION_NOT_COUNTY,
        "division_code",
        "division_well_formed AND division_kind IS NULL",
        m.DIVISION_NOT_COUNTY,
    ),
    Rule(INDUSTRY_REQUIRED, "industry_code", "industry_text IS NULL", m.INDUSTRY_REQUIRED),
    Rule(
        INDUSTRY_FORMAT,
        "industry_code",
        "industry_text IS NOT NULL AND industry_code IS NULL",
        m.INDUSTRY_FORMAT,
    ),
    Rule(
        INDUSTRY_UNKNOWN,
        "industry_code",
        "industry_code IS NOT NULL AND industry_section IS NULL",
        m.INDUSTRY_UNKNOWN,
    ),
    Rule(
        INDUSTRY_SECTION_MISMATCH,
        "industry_code",
        "industry_letter <> '' AND industry_section IS NOT NULL"
        " AND industry_letter <> industry_section",
        m.INDUSTRY_SECTION_MISMATCH,
    ),
    Rule(YEAR_REQUIRED, "year", "year_text IS NULL", m.YEAR_REQUIRED),
    Rule(
        YEAR_FORMAT,
        "year",
        "year_text IS NOT NULL AND (year_num IS NULL OR year_num <> floor(year_num))",
        m.YEAR_FORMAT,
    ),
    Rule(
        YEAR_RANGE,
        "year",
        f"year_num = floor(year_num) AND (year_num < {FIRST_YEAR} OR year_num > year(current_date))",
        m.YEAR_RANGE,
    ),
    Rule(REVENUE_REQUIRED, "revenue", "revenue_text IS NULL", m.REVENUE_REQUIRED),
    Rule(REVENUE_NUMBER, "revenue", "revenue_text IS NOT NULL AND revenue IS NULL", m.NOT_A_NUMBER),
    Rule(REVENUE_NEGATIVE, "revenue", "revenue < 0", m.NEGATIVE),
    Rule(
        VALUE_ADDED_NUMBER,
        "value_added",
        "value_added_text IS NOT NULL AND value_added IS NULL",
        m.NOT_A_NUMBER,
    ),
    Rule(EMPLOYEES_REQUIRED, "employees", "employees_text IS NULL", m.EMPLOYEES_REQUIRED),
    Rule(
        EMPLOYEES_WHOLE,
        "employees",
        "employees_text IS NOT NULL AND (employees_num IS NULL"
        " OR employees_num <> floor(employees_num) OR employees_num < 0)",
        m.NOT_A_WHOLE_NUMBER,
    ),
    Rule(
        RD_EXPENSE_NUMBER,
        "rd_expense",
        "rd_expense_text IS NOT NULL AND rd_expense IS NULL",
        m.NOT_A_NUMBER,
    ),
    Rule(RD_EXPENSE_NEGATIVE, "rd_expense", "rd_expense < 0", m.NEGATIVE),
    Rule(
        DUPLICATE_KEY,
        "uscc",
        "first_row IS NOT NULL AND _row > first_row",
        m.DUPLICATE_KEY,
        value_sql="CAST(first_row AS VARCHAR)",
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}


def typed_sql(source: str, *, with_repeated_keys: bool) -> str:
    """Every row of ``source`` (a relation of ``prepare``'s columns) with its typed columns.

    Without repeated keys ``first_row`` is NULL, so the duplicate-key rule holds everywhere;
    the importer evaluates that rule apart, once the keys of all rows are known.
    """
    typed = ", ".join(f"{sql} AS {name}" for name, sql in TYPED_COLUMNS.items())
    parsed = f"SELECT source.*, {typed} FROM {source} source"
    if not with_repeated_keys:
        return f"SELECT parsed.*, CAST(NULL AS BIGINT) AS first_row FROM ({parsed}) parsed"
    return f"""SELECT parsed.*, {REPEATED_KEYS}.first_row FROM ({parsed}) parsed
        LEFT JOIN {REPEATED_KEYS} USING (uscc, year_num)"""


def any_rule_sql() -> str:
    """TRUE when a row breaks at least one rule, FALSE otherwise (never NULL).

    The same truth as OR-ing every :func:`rule_flag_sql`, written so that the malformed-line
    guard and the NULL handling are applied once rather than once per rule: an OR of
    predicates is TRUE exactly when one of them is TRUE, whatever the others' NULLs.
    """
    anywhere = [f"({rule.violated_sql})" for rule in RULES if rule.applies_to_malformed]
    well_formed = [f"({rule.violated_sql})" for rule in RULES if not rule.applies_to_malformed]
    return (
        f"coalesce({' OR '.join(anywhere) or 'false'}, false) OR coalesce(_malformed IS NULL"
        f" AND ({' OR '.join(well_formed) or 'false'}), false)"
    )


def rule_flags_sql() -> str:
    """One boolean per rule, ``NULL`` read as not broken, for a single pass over the rows."""
    return ", ".join(f"{rule_flag_sql(rule)} AS {rule.code}" for rule in RULES)


def rule_flag_sql(rule: Rule) -> str:
    guard = "" if rule.applies_to_malformed else "_malformed IS NULL AND "
    return f"coalesce({guard}({rule.violated_sql}), false)"
