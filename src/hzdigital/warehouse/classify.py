"""Attach the NBS 2021 classification to the accepted rows of an import, in DuckDB.

Classifying a million rows one by one would repeat the same few thousand answers: each
distinct class is classified once from its code, the business scope is read only for the
distinct (class, scope) pairs whose class leaves it a say, and the answers are joined back
to the rows by DuckDB. :func:`hzdigital.classification.classify_enterprises` decides every
answer, so the rules stay in one place (tests compare with classifying every row).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from hzdigital.warehouse import store

_CLASSIFICATION_SCHEMA = pa.schema([(name, pa.string()) for name in store.CLASSIFICATION_COLUMNS])


def classify_rows(industry_codes: pa.Array, scopes: pa.Array) -> pa.Table:
    """The NBS 2021 classification of each (industry code, business scope) pair.

    Delegates to :func:`hzdigital.classification.classify_enterprises` with the active
    table edition; the result has one string column per ``store.CLASSIFICATION_COLUMNS``.
    """
    from hzdigital.classification import classify_enterprises

    columns = classify_enterprises(industry_codes, scopes)
    return pa.table(
        {name: pa.array(columns[name], pa.string()) for name in _CLASSIFICATION_SCHEMA.names}
    )


# With no business scope, a class's status says whether a scope could change its outcome:
# only a partial class (resolved from the scope) or a class outside the table (05 from the
# scope) can; a full class never does (docs/architecture.md, classification rules).
_SCOPE_CAN_DECIDE = ("partial_unresolved", "none")


def _classified(con: duckdb.DuckDBPyConnection, query: str) -> pa.Table:
    pairs = con.sql(query).to_arrow_table()
    classes = classify_rows(pairs.column("industry_code"), pairs.column("business_scope"))
    for name in store.CLASSIFICATION_COLUMNS:
        pairs = pairs.append_column(name, classes.column(name))
    return pairs


def attach_classification(con: duckdb.DuckDBPyConnection, synthetic: bool) -> None:
    """View ``accepted``: the good rows as they are stored, with their classification.

    Each distinct class is classified once from its code; the scope is read only for the
    distinct (class, scope) pairs whose class leaves it a say, and only the pairs where it
    changed the outcome are joined back, so most rows meet two small hash tables.
    """
    by_code = _classified(con, """
        SELECT DISTINCT industry_code, CAST(NULL AS VARCHAR) AS business_scope
        FROM passed
    """)  # fmt: skip
    con.register("code_classes", by_code)
    statuses = ", ".join(f"'{status}'" for status in _SCOPE_CAN_DECIDE)
    by_scope = _classified(
        con,
        f"""
        SELECT DISTINCT s.industry_code, s.business_scope FROM passed s
        JOIN code_classes c USING (industry_code)
        WHERE s.business_scope IS NOT NULL AND c.de_status IN ({statuses})
    """,
    )
    # Keep only the pairs where the scope changed the outcome; the others keep their code's.
    unchanged = pc.is_in(by_scope.column("de_status"), pa.array(_SCOPE_CAN_DECIDE))
    by_scope = by_scope.filter(pc.invert(unchanged))
    con.register("scope_classes", by_scope)
    if by_scope.num_rows:
        scope_join = """LEFT JOIN scope_classes t ON s.industry_code = t.industry_code
            AND s.business_scope = t.business_scope"""
        classes = ", ".join(
            f"CASE WHEN t.de_status IS NULL THEN c.{n} ELSE t.{n} END AS {n}"
            for n in store.CLASSIFICATION_COLUMNS
        )
    else:
        scope_join = ""
        classes = ", ".join(f"c.{n}" for n in store.CLASSIFICATION_COLUMNS)
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW accepted AS
        SELECT s.uscc, CAST(s.year_num AS INTEGER) AS year, s.name, s.division_code,
            s.industry_code, s.revenue, s.value_added, CAST(s.employees_num AS BIGINT) AS employees,
            s.rd_expense, s.business_scope, {bool(synthetic)} AS synthetic, {classes}
        FROM passed s JOIN code_classes c USING (industry_code) {scope_join}
    """)
