"""``hzdigital generate`` writes csv, parquet and xlsx that read back, with a sidecar."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.demo.generate import generate_records
from hzdigital.demo.output import ZH_HEADERS

CODE_COLUMNS = {"uscc": str, "division_code": str, "industry_code": str}
READERS = {
    ".csv": lambda path: pd.read_csv(path, dtype=CODE_COLUMNS, encoding="utf-8"),
    ".parquet": pd.read_parquet,
    ".xlsx": lambda path: pd.read_excel(path, dtype=CODE_COLUMNS, engine="openpyxl"),
}


@pytest.fixture(autouse=True)
def _home(hzdigital_home):
    return hzdigital_home


def _run(*args: str):
    return CliRunner().invoke(app, ["generate", *args])


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_it_writes_a_file_that_reads_back_as_the_generated_records(tmp_path, suffix):
    out = tmp_path / f"records{suffix}"
    result = _run("--rows", "400", "--seed", "5", "--out", str(out))
    assert result.exit_code == 0, result.output
    back = READERS[suffix](out)
    expected = generate_records(400, 5)
    assert list(back.columns) == list(expected.columns)
    for column in ("uscc", "name", "division_code", "industry_code", "business_scope"):
        assert back[column].astype(str).tolist() == expected[column].tolist()
    assert back["year"].tolist() == expected["year"].tolist()
    assert back["employees"].tolist() == expected["employees"].tolist()
    for column in ("revenue", "value_added", "rd_expense"):
        assert back[column].to_numpy() == pytest.approx(expected[column].to_numpy(), abs=1e-6)


def test_it_writes_a_sidecar_saying_the_data_are_synthetic(tmp_path):
    out = tmp_path / "records.csv"
    assert (
        _run("--rows", "300", "--seed", "9", "--years", "2022-2023", "--out", str(out)).exit_code
        == 0
    )
    meta = json.loads((tmp_path / "records.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["synthetic"] is True
    assert (meta["seed"], meta["rows"], meta["years"]) == (9, 300, [2022, 2023])
    assert {cell["year"] for cell in meta["calibration"]} == {2022, 2023}
    assert all(cell["relative_error"] < 0.001 for cell in meta["calibration"])


def test_chinese_headers_follow_the_import_contract(tmp_path):
    out = tmp_path / "records.csv"
    assert _run("--rows", "100", "--out", str(out), "--zh-headers").exit_code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == list(ZH_HEADERS.values())
    assert header[0] == "统一社会信用代码" and header[5] == "营业收入(万元)"


def test_json_output_reports_bad_rows_and_the_calibration(tmp_path):
    out = tmp_path / "records.parquet"
    result = _run(
        "--rows", "1000", "--out", str(out), "--bad-share", "0.03",
        "--bad-kinds", "check_char,bad_year", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["bad_rows"] == {"check_char": 15, "bad_year": 15}
    assert payload["file"] == str(out) and payload["meta_file"] == str(out) + ".meta.json"
    assert len(pd.read_parquet(out)) == 1000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rows", "10", "--out", "records.txt"), "不支持的输出格式"),
        (("--rows", "10", "--out", "records.csv", "--years", "1999"), "年度参数无效"),
        (
            ("--rows", "10", "--out", "records.csv", "--bad-kinds", "nope", "--bad-share", "0.1"),
            "未知的错误行类型",
        ),
    ],
)
def test_it_exits_with_bad_input_and_says_why(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = _run(*args)
    assert result.exit_code == EXIT_BAD_INPUT
    assert message in result.output
    assert not list(tmp_path.glob("records.*"))
