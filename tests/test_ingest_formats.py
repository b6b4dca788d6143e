"""The importer reads CSV (UTF-8 or GB18030), XLSX and Parquet, with Chinese or English headers."""

from __future__ import annotations

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hzdigital.warehouse import messages as m
from hzdigital.warehouse.ingest import ImportFileError, ingest_file
from ingest_fixtures import HEADERS_EN, HEADERS_ZH, valid_row, warehouse_rows, write_csv

STORED = "uscc, year, name, division_code, industry_code, revenue, employees"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _expected(rows):
    return sorted(
        (r["uscc"], int(r["year"]), r["name"], r["division_code"], r["industry_code"],
         float(r["revenue"]), int(r["employees"]))
        for r in rows
    )  # fmt: skip


def test_it_reads_chinese_headers(tmp_path, home):
    rows = [valid_row(i) for i in range(3)]
    result = ingest_file(write_csv(tmp_path / "zh.csv", rows, headers=HEADERS_ZH))
    assert result.accepted == 3
    assert warehouse_rows(home, STORED) == _expected(rows)


def test_it_reads_header_variants(tmp_path, home):
    variants = (
        " 统一社会信用代码 ", "Name", "Division Code", "行业代码", "年度", "营业收入（万元）",
        "增加值 (万元)", "从业人员（人）", "R&D expense", "Business_Scope",
    )  # fmt: skip
    result = ingest_file(write_csv(tmp_path / "v.csv", [valid_row(0)], headers=variants))
    assert (result.accepted, result.rejected) == (1, 0)
    assert warehouse_rows(home, "rd_expense, business_scope") == [
        (30.0, valid_row(0)["business_scope"])
    ]


def test_it_reads_a_gb18030_csv(tmp_path, home):
    rows = [valid_row(i, name=f"杭州鑫𠀀企业{i}") for i in range(2)]
    result = ingest_file(
        write_csv(tmp_path / "gbk.csv", rows, headers=HEADERS_ZH, encoding="gb18030")
    )
    assert result.accepted == 2
    assert warehouse_rows(home, STORED) == _expected(rows)


def test_it_refuses_a_file_in_another_encoding(tmp_path, home):
    path = write_csv(tmp_path / "u16.csv", [valid_row(0)], encoding="utf-16")
    with pytest.raises(ImportFileError) as caught:
        ingest_file(path)
    assert caught.value.message is m.FILE_ENCODING_UNKNOWN
    assert str(path) in str(caught.value)


def test_it_names_missing_required_columns(tmp_path, home):
    path = write_csv(tmp_path / "short.csv", [valid_row(0)], headers=HEADERS_EN[:4] + ("x",) * 6)
    with pytest.raises(ImportFileError) as caught:
        ingest_file(path, lang="en")
    assert caught.value.message is m.COLUMN_MISSING
    assert "year" in caught.value.en and "revenue" in caught.value.en
    assert str(caught.value).startswith("file ")  # English first when asked


def test_it_refuses_money_in_the_wrong_unit(tmp_path, home):
    headers = tuple("营业收入(元)" if h == "revenue" else h for h in HEADERS_EN)
    with pytest.raises(ImportFileError) as caught:
        ingest_file(write_csv(tmp_path / "yuan.csv", [valid_row(0)], headers=headers))
    assert caught.value.message is m.COLUMN_WRONG_UNIT


def test_optional_columns_may_be_absent(tmp_path, home):
    headers = HEADERS_EN[:6] + ("employees",)
    path = tmp_path / "min.csv"
    path.write_text(
        ",".join(headers) + "\n" + ",".join(valid_row(0)[h] for h in headers) + "\n", "utf-8"
    )
    result = ingest_file(path)
    assert result.accepted == 1
    assert warehouse_rows(home, "value_added, rd_expense, business_scope") == [(None, None, None)]


def test_it_reads_xlsx_with_numeric_cells_and_counts_excel_rows(tmp_path, home):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS_ZH))
    good = valid_row(0)
    numeric = [good["uscc"], good["name"], 330108, 6513, 2023, 1000.5, 200, 50, 30.0, None]
    sheet.append(numeric)
    sheet.append([None] * 10)  # a blank row: not a record, but it keeps its number
    sheet.append(numeric[:4] + [2014] + numeric[5:])
    path = tmp_path / "in.xlsx"
    workbook.save(path)
    result = ingest_file(path)
    assert (result.accepted, result.rejected) == (1, 1)
    assert warehouse_rows(home, "division_code, industry_code, year, revenue") == [
        ("330108", "6513", 2023, 1000.5)
    ]
    from ingest_fixtures import read_quarantine

    assert [line["row"] for line in read_quarantine(result.quarantine_path)] == ["4"]


def test_it_reads_typed_parquet(tmp_path, home):
    rows = [valid_row(i) for i in range(4)]
    table = pa.table(
        {
            "uscc": [r["uscc"] for r in rows],
            "name": [r["name"] for r in rows],
            "division_code": pa.array([int(r["division_code"]) for r in rows], pa.int64()),
            "industry_code": [r["industry_code"] for r in rows],
            "year": pa.array([2023.0] * 4, pa.float64()),
            "revenue": [float(r["revenue"]) for r in rows],
            "employees": pa.array([50, 50, 50, None], pa.int32()),
        }
    )
    path = tmp_path / "in.parquet"
    pq.write_table(table, path)
    result = ingest_file(path)
    assert (result.accepted, result.reasons) == (3, {"employees_required": 1})
    assert warehouse_rows(home, STORED) == _expected(rows[:3])


def test_it_reads_parquet_with_dictionary_columns_of_any_value_type(tmp_path, home):
    # pandas writes a categorical column as a dictionary (of int8 indices, int or text values);
    # other tools write every text column dictionary-encoded with large_string values.
    rows = [valid_row(i) for i in range(4)]
    rows[1]["division_code"] = " " + rows[1]["division_code"] + "\u3000"
    table = pa.table(
        {
            header: pa.array([r[header] for r in rows], pa.large_string()).dictionary_encode()
            for header in HEADERS_EN
        }
    )
    table = table.set_column(
        HEADERS_EN.index("year"),
        "year",
        pa.array([int(r["year"]) for r in rows], pa.int64()).dictionary_encode(),
    )
    path = tmp_path / "dictionaries.parquet"
    pq.write_table(table, path)
    result = ingest_file(path)
    assert (result.accepted, result.rejected) == (4, 0)
    rows[1]["division_code"] = rows[1]["division_code"].strip(" \u3000")
    assert warehouse_rows(home, STORED) == _expected(rows)
