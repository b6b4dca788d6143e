"""Generated files go through the real import: the bad rows are exactly the rejected ones, and
the warehouse's core totals (classified by the import) equal the published figures."""

from __future__ import annotations

import duckdb
import pytest

from hzdigital.demo.generate import generate_records, write_records
from hzdigital.warehouse.ingest import ingest_file

# The import's rule code for each kind of bad row the generator makes.
RULE_OF_KIND = {
    "check_char": "uscc_check",
    "unknown_class": "industry_unknown",
    "outside_hangzhou": "division_not_county",
    "negative_revenue": "revenue_negative",
    "duplicate_key": "duplicate_key",
    "bad_year": "year_range",
}
TOLERANCE = 0.001  # relative
WAN_YUAN_PER_YI_YUAN = 10_000


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    home = tmp_path_factory.mktemp("hzdigital-home")
    frame = generate_records(6_000, 12, bad_share=0.06)
    path = home / "synthetic.parquet"
    write_records(frame, path)
    return frame, ingest_file(path, home=home, synthetic=True), home


def test_the_import_rejects_exactly_the_injected_bad_rows(imported):
    frame, result, _ = imported
    injected = frame.attrs["hzdigital_generation"]["bad_rows"]
    assert result.rows == 6_000
    assert result.rejected == sum(injected.values()) == 360
    assert result.reasons == {RULE_OF_KIND[kind]: count for kind, count in injected.items()}


@pytest.mark.parametrize(
    ("year", "division", "column", "yi_yuan"),
    [
        (2021, None, "value_added", 4905),
        (2021, None, "revenue", 16300),
        (2024, None, "value_added", 6305),
        (2021, "330108", "value_added", 1596.2),
        (2023, "330110", "value_added", 1998.5),
        (2022, "330105", "value_added", 80.4),
    ],
)
def test_the_warehouse_core_totals_equal_the_published_figures(
    imported, year, division, column, yi_yuan
):
    _, _, home = imported
    where = "de_major in ('01', '02', '03', '04') and de_status in ('full', 'partial_resolved')"
    where += f" and year = {year}" + (f" and division_code = '{division}'" if division else "")
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        (total,) = con.execute(
            f"select sum({column}) from enterprise_year where {where}"
        ).fetchone()
    assert total == pytest.approx(yi_yuan * WAN_YUAN_PER_YI_YUAN, rel=TOLERANCE)
