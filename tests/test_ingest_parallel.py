"""The import shares its work among threads and still gives the answers of a serial one.

``prepare`` works on several columns at once, and the quarantine file is written by a worker
while DuckDB loads the accepted rows; a failure of that worker must undo the import like any
other.
"""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hzdigital.warehouse import quarantine
from hzdigital.warehouse.ingest import ingest_file
from hzdigital.warehouse.prepare import BLANKS, UPPERCASE_FIELDS, prepare
from hzdigital.warehouse.quarantine import csv_bytes
from hzdigital.warehouse.readers import BOUNDED_FIELDS, FIELD_NAMES, read_source
from hzdigital.warehouse.rules import text_column
from ingest_fixtures import HEADERS_EN, scalar, valid_row, warehouse_rows, write_csv


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _expected_text(value: str | None, field: str) -> str | None:
    """The plain-Python meaning of ``prepare``'s text columns: trimmed, blank is NULL."""
    if value is None or not value.strip(BLANKS):
        return None
    text = value.strip(BLANKS)
    return text.upper() if field in UPPERCASE_FIELDS else text


# pandas 3 writes text columns as large_string; other tools as string.
@pytest.mark.parametrize("text_type", [pa.string(), pa.large_string()], ids=str)
def test_prepared_columns_of_a_chunked_file_equal_trimming_each_value_in_python(
    tmp_path, text_type
):
    rows = [valid_row(i, name=f"\u3000 企业{i} ", industry_code=" i6513") for i in range(40)]
    rows[7]["revenue"] = "  "
    # Division, class and year are read as Arrow dictionaries: blanks and padding in them too.
    rows[3]["division_code"], rows[9]["year"] = " 330106\t", "\u3000 "
    rows[11]["industry_code"], rows[12]["industry_code"] = "", "6513"
    table = pa.table(
        {header: pa.array([row[header] for row in rows], text_type) for header in HEADERS_EN}
    )
    path = tmp_path / "chunked.parquet"
    pq.write_table(table, path, row_group_size=7)  # six chunks per column
    source = read_source(path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        prepared = prepare(source, pool)
    for field, header in zip(FIELD_NAMES, HEADERS_EN, strict=True):
        expected = [_expected_text(row[header], field) for row in rows]
        assert prepared.column(text_column(field)).to_pylist() == expected, field
    assert {
        field
        for field in FIELD_NAMES
        if pa.types.is_dictionary(prepared.column(text_column(field)).type)
    } == set(BOUNDED_FIELDS)


cells = st.one_of(st.none(), st.text(alphabet=",\"\r\n ab统\t'", max_size=6))


@settings(deadline=None)
@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=12), st.data())
def test_the_csv_bytes_of_a_slice_are_what_python_writes_for_those_rows(records, data):
    start = data.draw(st.integers(0, len(records) - 1))
    table = pa.table(
        {
            "a": pa.array([r[0] for r in records], pa.string()),
            "b": pa.array([r[1] for r in records], pa.string()),
        }
    ).slice(start)
    reference = io.StringIO()
    csv.writer(reference).writerows(records[start:])
    assert csv_bytes(table) == reference.getvalue().encode("utf-8")


def test_a_failing_quarantine_writer_leaves_no_trace(tmp_path, home, monkeypatch):
    rows = [valid_row(i) for i in range(4)]
    ingest_file(write_csv(tmp_path / "a.csv", rows))
    before = warehouse_rows(home, "*")

    def broken_writer(lines, headers, final_path):
        final_path.with_name(final_path.name + ".part").write_text("half")
        raise OSError("quarantine disk full")

    monkeypatch.setattr(quarantine, "write_rows", broken_writer)
    changed = [valid_row(0, revenue="1"), valid_row(9, year="x")]
    with pytest.raises(OSError, match="quarantine disk full"):
        ingest_file(write_csv(tmp_path / "b.csv", changed))
    assert warehouse_rows(home, "*") == before
    assert scalar(home, "SELECT count(*) FROM imports") == 1
    assert list((home / "quarantine").iterdir()) == []


def test_the_quarantine_written_by_the_worker_is_complete_when_the_import_returns(tmp_path, home):
    rows = [valid_row(i, revenue="-1" if i % 3 == 0 else "5") for i in range(30)]
    result = ingest_file(write_csv(tmp_path / "a.csv", rows))
    with result.quarantine_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [int(line["row"]) for line in lines] == [i + 2 for i in range(30) if i % 3 == 0]
    assert {line["rule"] for line in lines} == {"revenue_negative"}
    assert not list((home / "quarantine").glob("*.part"))
