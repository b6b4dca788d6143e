"""Loading is atomic and idempotent; the quarantine file keeps every rejected value."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hzdigital.classification import classify_enterprises
from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.warehouse import ingest
from hzdigital.warehouse.ingest import ingest_file
from hzdigital.warehouse.quarantine import QUARANTINE_COLUMNS
from ingest_fixtures import (
    HEADERS_EN,
    read_quarantine,
    scalar,
    valid_row,
    warehouse_rows,
    write_csv,
)

ROWS = [valid_row(i) for i in range(6)]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_importing_the_same_file_twice_changes_nothing(tmp_path, home):
    path = write_csv(tmp_path / "a.csv", ROWS)
    first = ingest_file(path)
    before = warehouse_rows(home, "*")  # import_id included: rows are not even rewritten
    second = ingest_file(path)
    assert warehouse_rows(home, "*") == before
    assert (first.inserted, second.inserted, second.replaced, second.unchanged) == (6, 0, 0, 6)
    assert first.sha256 == second.sha256


def test_a_corrected_file_replaces_that_enterprise_year(tmp_path, home):
    ingest_file(write_csv(tmp_path / "a.csv", ROWS))
    corrected = [*ROWS[:2], valid_row(2, revenue="9.25"), *ROWS[3:]]
    result = ingest_file(write_csv(tmp_path / "b.csv", corrected))
    assert (result.inserted, result.replaced, result.unchanged) == (0, 1, 5)
    assert scalar(home, "SELECT count(*) FROM enterprise_year") == 6
    assert (
        scalar(home, f"SELECT revenue FROM enterprise_year WHERE uscc = '{ROWS[2]['uscc']}'")
        == 9.25
    )
    assert scalar(home, "SELECT count(DISTINCT (uscc, year)) FROM enterprise_year") == 6


def test_another_year_of_the_same_enterprise_is_added(tmp_path, home):
    ingest_file(write_csv(tmp_path / "a.csv", ROWS))
    result = ingest_file(write_csv(tmp_path / "b.csv", [valid_row(0, year="2022")]))
    assert result.inserted == 1
    assert scalar(home, "SELECT count(*) FROM enterprise_year") == 7


def test_a_failure_after_the_delete_leaves_the_warehouse_unchanged(tmp_path, home, monkeypatch):
    ingest_file(write_csv(tmp_path / "a.csv", ROWS))
    before = warehouse_rows(home, "*")

    def broken_insert(con, import_id):
        # The delete of the replaced rows has run in this transaction when this is called.
        assert con.execute("SELECT count(*) FROM enterprise_year").fetchall()[0][0] == 5
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest, "_insert_rows", broken_insert)
    corrected = [valid_row(2, revenue="1"), valid_row(99, year="x")]
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_file(write_csv(tmp_path / "b.csv", corrected))
    assert warehouse_rows(home, "*") == before
    assert scalar(home, "SELECT count(*) FROM imports") == 1
    assert list((home / "quarantine").iterdir()) == []  # no file for an import that did not happen


KILL_MIDWAY = """
import os, signal, sys
from hzdigital.warehouse import ingest
original = ingest._insert_rows
def insert_then_die(con, import_id):
    original(con, import_id)
    os.kill(os.getpid(), signal.SIGKILL)
ingest._insert_rows = insert_then_die
ingest.ingest_file(sys.argv[1])
"""


def test_a_process_killed_midway_leaves_the_warehouse_unchanged(tmp_path, home):
    ingest_file(write_csv(tmp_path / "a.csv", ROWS))
    before = warehouse_rows(home, "*")
    corrected = [valid_row(i, revenue="1") for i in range(10)]
    path = write_csv(tmp_path / "b.csv", corrected)
    done = subprocess.run([sys.executable, "-c", KILL_MIDWAY, str(path)], timeout=600)
    assert done.returncode == -signal.SIGKILL
    assert warehouse_rows(home, "*") == before
    assert scalar(home, "SELECT count(*) FROM imports") == 1


def test_the_quarantine_file_keeps_original_values_for_excel(tmp_path, home):
    headers = (*HEADERS_EN, "备注")
    path = tmp_path / "a.csv"
    bad = valid_row(1, division_code=" 330103 ", revenue="-5")
    write_csv(path, [valid_row(0), bad], headers=headers)
    result = ingest_file(path)
    raw = Path(result.quarantine_path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    lines = read_quarantine(result.quarantine_path)
    assert list(lines[0])[: len(QUARANTINE_COLUMNS)] == list(QUARANTINE_COLUMNS)
    assert [(line["row"], line["rule"]) for line in lines] == [
        ("3", "division_abolished"),
        ("3", "revenue_negative"),
    ]
    assert lines[0]["division_code"] == " 330103 "  # as written, blanks and all
    assert lines[0]["name"] == bad["name"]
    assert result.quarantine_path.parent == home / "quarantine"
    assert scalar(home, "SELECT quarantine_path FROM imports") == str(result.quarantine_path)


def test_synthetic_records_are_marked_in_both_tables(tmp_path, home):
    result = ingest_file(write_csv(tmp_path / "a.csv", ROWS), synthetic=True)
    assert scalar(home, "SELECT bool_and(synthetic) FROM enterprise_year") is True
    assert scalar(home, f"SELECT synthetic FROM imports WHERE import_id = '{result.import_id}'")


def test_rows_carry_the_classification_of_their_code_and_scope(tmp_path, home):
    rows = [valid_row(0), valid_row(1, industry_code="5231", business_scope="")]
    ingest_file(write_csv(tmp_path / "a.csv", rows))
    stored = warehouse_rows(home, "de_sub, de_status, classification_edition")
    expected = classify_enterprises(["6513", "5231"], [rows[0]["business_scope"], None])
    assert [row[0] for row in stored] == expected["de_sub"].to_pylist()
    assert [row[1] for row in stored] == expected["de_status"].to_pylist()
    assert all(row[2] for row in stored)


def test_the_cli_prints_the_json_contract(tmp_path, home):
    path = write_csv(tmp_path / "a.csv", [valid_row(0), valid_row(1, year="1999")])
    outcome = CliRunner().invoke(app, ["import", str(path), "--json"])
    assert outcome.exit_code == 0, outcome.output
    payload = json.loads(outcome.output)
    assert (payload["accepted"], payload["rejected"], payload["reasons"]) == (
        1,
        1,
        {"year_range": 1},
    )
    assert Path(payload["quarantine"]).is_file() and payload["import_id"]


def test_the_cli_exits_2_when_the_file_cannot_be_read(tmp_path, home):
    outcome = CliRunner().invoke(app, ["import", str(tmp_path / "missing.csv"), "--lang", "en"])
    assert outcome.exit_code == EXIT_BAD_INPUT
    assert "file not found" in outcome.output
