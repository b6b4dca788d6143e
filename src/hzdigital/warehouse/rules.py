"""The import validation rules, as a declarative registry evaluated by SQL.

Every rule is one :class:`Rule` row: a named code, the field it is about, a SQL predicate that
is TRUE when a row breaks it, and the message a clerk reads. The predicates run over the
``typed`` relation built by :func:`typed_select` (one column per parsed field), so the whole
file is checked column-wise by DuckDB instead of row by row in Python.

Adding a rule means adding a row here; ``tests/test_ingest_rules.py`` then demands a failing
example for it.
"""

from __future__ import annotations

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


# Computed for the whole column by numpy (lib.uscc.expected_check_characters): the same
# arithmetic as 17 SQL substrings, an order of magnitude faster.
USCC_EXPECTED_CHECK = "uscc__expected_check"


def _number(field: str) -> str:
    # Thousands separators are common in Excel exports; anything else unparsable stays NULL.
    parsed = f"TRY_CAST(replace({text_column(field)}, ',', '') AS DOUBLE)"
    return f"CASE WHEN isfinite({parsed}) THEN {parsed} END"


# The charset as a regular-expression class: 0-9 A-H J-N P-R T-U W-Y.
USCC_PATTERN = "[0-9A-HJ-NP-RTUW-Y]{18}"
_USCC_WELL_FORMED = f"regexp_full_match(uscc, '{USCC_PATTERN}')"
_INDUSTRY_PATTERN = "([A-Z]?)([0-9]{4})"


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


def _in_list(codes: object) -> str:
    return ", ".join(f"'{code}'" for code in sorted(codes))  # type: ignore[call-overload]


# Parsed columns derived from the text columns. ``industry_section`` comes from
# the ``gbt_classes`` relation the importer joins in (NULL when the class does not exist).
TYPED_COLUMNS: dict[str, str] = {
    "uscc": text_column("uscc"),  # uppercased by ``prepare``
    "name": text_column("name"),
    "division_code": text_column("division_code"),
    "industry_text": text_column("industry_code"),  # uppercased by ``prepare``
    "industry_letter": f"regexp_extract({text_column('industry_code')}, '^{_INDUSTRY_PATTERN}$', 1)",
    "industry_code": f"NULLIF(regexp_extract({text_column('industry_code')}, '^{_INDUSTRY_PATTERN}$', 2), '')",
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
    "uscc_expected_check": USCC_EXPECTED_CHECK,
}

# Filled by the importer from the other typed columns (they need a join and a window).
DERIVED_COLUMNS = ("industry_section", "first_row")

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
    Rule(USCC_FORMAT, "uscc", f"uscc IS NOT NULL AND NOT {_USCC_WELL_FORMED}", m.USCC_FORMAT),
    Rule(
        USCC_CHECK,
        "uscc",
        f"{_USCC_WELL_FORMED} AND substr(uscc, 18, 1) <> uscc_expected_check",
        m.USCC_CHECK,
    ),
    Rule(NAME_REQUIRED, "name", "name IS NULL", m.NAME_REQUIRED),
    Rule(DIVISION_REQUIRED, "division_code", "division_code IS NULL", m.DIVISION_REQUIRED),
    Rule(
        DIVISION_FORMAT,
        "division_code",
        "division_code IS NOT NULL AND NOT regexp_full_match(division_code, '[0-9]{6}')",
        m.DIVISION_FORMAT,
    ),
    Rule(
        DIVISION_ABOLISHED,
        "division_code",
        f"division_code IN ({_in_list(ABOLISHED_DIVISIONS)})",
        m.DIVISION_ABOLISHED,
        value_sql=_abolished_hint_sql(),
    ),
    Rule(
        DIVISION_NOT_COUNTY,
        "division_code",
        "regexp_full_match(division_code, '[0-9]{6}')"
        f" AND division_code NOT IN ({_in_list(county_codes())})"
        f" AND division_code NOT IN ({_in_list(ABOLISHED_DIVISIONS)})",
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


def rule_flags_sql() -> str:
    """One boolean per rule, ``NULL`` read as not broken, for a single pass over the rows."""
    return ", ".join(f"{rule_flag_sql(rule)} AS {rule.code}" for rule in RULES)


def rule_flag_sql(rule: Rule) -> str:
    guard = "" if rule.applies_to_malformed else "_malformed IS NULL AND "
    return f"coalesce({guard}({rule.violated_sql}), false)"
