"""The import's fast paths give the answers of the plain ones they replace.

Each shortcut (numpy USCC check, hashed duplicate search, UTF-8 check left to Arrow, one rule
pass plus a detail pass for rejected rows, classification of distinct values only, loading
without a comparison when the keys are new) is checked against an independent computation.
"""

from __future__ import annotations

import csv
import io
import random

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hzdigital.classification import classify_enterprises, gbt4754
from hzdigital.lib.divisions import county_codes
from hzdigital.lib.uscc import USCC_CHARSET, is_valid_uscc, make_uscc
from hzdigital.warehouse.ingest import ingest_file
from hzdigital.warehouse.prepare import uscc_checks
from hzdigital.warehouse.quarantine import csv_records
from hzdigital.warehouse.readers import _row_numbers
from ingest_fixtures import read_quarantine, valid_row, warehouse_rows, write_csv


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


bodies = st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17)
candidate_codes = st.one_of(
    bodies.map(make_uscc),
    st.text(alphabet=USCC_CHARSET + "IOSVZa统", min_size=16, max_size=19),
    st.none(),
)


# No deadline: a timing never decides a test, and the shared machine makes first runs slow.
@settings(deadline=None)
@given(st.lists(candidate_codes, min_size=1, max_size=40), st.integers(0, 3))
def test_the_numpy_uscc_check_agrees_with_the_reference(codes, split):
    # Chunked input with a sliced chunk exercises the offsets arithmetic.
    array = pa.array(codes, pa.string())
    chunked = pa.chunked_array([array.slice(0, split), array.slice(split)])
    well_formed, holds = uscc_checks(chunked)
    assert holds.tolist() == [c is not None and is_valid_uscc(c) and c == c.upper() for c in codes]
    expected_shape = [
        c is not None and len(c) == 18 and all(ch in USCC_CHARSET for ch in c) for c in codes
    ]
    assert well_formed.tolist() == expected_shape


cells = st.one_of(st.none(), st.text(alphabet=",\"\r\n ab统\t'", max_size=6))


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), cells, cells), max_size=12))
def test_the_arrow_csv_writer_writes_what_python_csv_writes(records):
    table = pa.table(
        {
            "row": pa.array([r[0] for r in records], pa.int64()),
            "a": pa.array([r[1] for r in records], pa.string()),
            "b": pa.array([r[2] for r in records], pa.string()),
        }
    )
    reference = io.StringIO()
    csv.writer(reference).writerows(records)
    assert csv_records(table) == reference.getvalue()


@settings(deadline=None)
@given(st.integers(0, 60), st.lists(st.integers(2, 80), max_size=10, unique=True))
def test_row_numbers_skip_those_of_malformed_lines(good, bad):
    taken = sorted(bad)
    got = _row_numbers(good, [*taken, None])
    total = good + len(taken)
    reference = [n for n in range(2, 2 + total) if n not in taken][:good]
    assert got.tolist() == reference


def test_a_gb18030_file_with_an_ascii_header_is_decoded_as_gb18030(tmp_path, home):
    # The header is valid UTF-8, so only the values tell the encodings apart.
    rows = [valid_row(i, name=f"杭州鑫企业{i}", business_scope="软件开发") for i in range(3)]
    result = ingest_file(write_csv(tmp_path / "gbk.csv", rows, encoding="gb18030"))
    assert result.accepted == 3
    assert [r[0] for r in warehouse_rows(home, "name")] == [f"杭州鑫企业{i}" for i in range(3)]


def test_a_utf8_file_with_a_malformed_line_keeps_its_text_and_row(tmp_path, home):
    rows = [valid_row(0, name="杭州甲企业"), "杭州,乙,丙", valid_row(1)]
    result = ingest_file(write_csv(tmp_path / "bad.csv", rows))
    (line,) = read_quarantine(result.quarantine_path)
    assert (line["row"], line["rule"]) == ("3", "row_shape")
    assert "杭州,乙,丙" in line["message_zh"]
    assert result.accepted == 2


def _mixed_rows(count: int, seed: int) -> list[dict[str, str]]:
    """Good rows and rows broken in many ways, with many duplicate keys."""
    rng = random.Random(seed)
    classes = [entry.code for entry in gbt4754.load().classes]
    scopes = ["", "软件开发", "互联网广告投放", "智慧零售；智能仓储", "餐饮服务", "电子书制作"]
    breakers = [
        {"uscc": "91330100MA000000I0"},
        {"division_code": "330103"},
        {"division_code": "33010X"},
        {"industry_code": "6510"},
        {"industry_code": "A6513"},
        {"year": "2014"},
        {"revenue": "-1"},
        {"employees": "2.5"},
        {"rd_expense": "x"},
    ]
    rows = []
    for _ in range(count):
        row = valid_row(
            rng.randrange(count // 2),  # about half the keys repeat
            industry_code=rng.choice(classes),
            business_scope=rng.choice(scopes),
            revenue=f"{rng.uniform(0, 1e4):,.2f}",
        )
        if rng.random() < 0.2:
            row.update(rng.choice(breakers))
        rows.append(row)
    return rows


def _plain_python_accepts(row: dict[str, str]) -> bool:
    classes = {entry.code for entry in gbt4754.load().classes}
    try:
        year = float(row["year"])
        numbers = [float(row[f].replace(",", "")) for f in ("revenue", "employees")]
        rd = float(row["rd_expense"])
    except ValueError:
        return False
    return (
        is_valid_uscc(row["uscc"])
        and row["division_code"] in county_codes()
        and row["industry_code"] in classes
        and 2015 <= year <= 2100
        and min(numbers) >= 0
        and float(numbers[1]).is_integer()
        and rd >= 0
    )


def test_accepted_rows_equal_a_plain_python_validation_with_first_copies_kept(tmp_path, home):
    rows = _mixed_rows(600, seed=3)
    result = ingest_file(write_csv(tmp_path / "mixed.csv", rows))
    seen: set[tuple[str, str]] = set()
    expected = []
    for number, row in enumerate(rows, start=2):
        key = (row["uscc"], row["year"])
        if key in seen:
            continue  # any later copy of a key is a duplicate, whatever else is wrong with it
        seen.add(key)
        if _plain_python_accepts(row):
            expected.append((row["uscc"], float(row["revenue"].replace(",", "")), number))
    stored = warehouse_rows(home, "uscc, revenue")
    assert stored == sorted((u, r) for u, r, _ in expected)
    assert result.accepted == len(expected)
    rejected_rows = {line["row"] for line in read_quarantine(result.quarantine_path)}
    assert len(rejected_rows) == result.rejected == len(rows) - len(expected)


def test_stored_classification_equals_classifying_every_row(tmp_path, home):
    rows = [r for r in _mixed_rows(400, seed=5) if _plain_python_accepts(r)]
    unique = list({(r["uscc"], r["year"]): r for r in reversed(rows)}.values())
    ingest_file(write_csv(tmp_path / "c.csv", unique))
    stored = warehouse_rows(
        home, "uscc, de_sub, de_medium, de_major, de_status, de_evidence, classification_edition"
    )
    ordered = sorted(unique, key=lambda r: r["uscc"])
    expected = classify_enterprises(
        [r["industry_code"] for r in ordered], [r["business_scope"] or None for r in ordered]
    )
    statuses = {row[4] for row in stored}
    assert {"full", "none"} <= statuses and len(statuses) >= 3  # the file exercises the rules
    for column, name in enumerate(
        ("de_sub", "de_medium", "de_major", "de_status", "de_evidence", "classification_edition"),
        start=1,
    ):
        assert [row[column] for row in stored] == expected[name].to_pylist(), name


def test_a_mixed_reimport_counts_new_changed_and_unchanged_rows(tmp_path, home):
    first = [valid_row(i) for i in range(8)]
    ingest_file(write_csv(tmp_path / "a.csv", first))
    second = [
        *first[:3],  # unchanged
        valid_row(3, revenue="1.25"),  # changed value
        valid_row(4, business_scope="餐饮服务"),  # changed classification input
        valid_row(20),  # new
        valid_row(21),  # new
    ]
    result = ingest_file(write_csv(tmp_path / "b.csv", second))
    assert (result.inserted, result.replaced, result.unchanged) == (2, 2, 3)
    stored = {row[0]: row[1:] for row in warehouse_rows(home, "uscc, revenue, business_scope")}
    assert len(stored) == 10
    assert stored[valid_row(3)["uscc"]][0] == 1.25
    assert stored[valid_row(4)["uscc"]][1] == "餐饮服务"
    assert stored[valid_row(5)["uscc"]][0] == float(first[5]["revenue"])


def test_hash_collisions_cannot_reject_distinct_keys(tmp_path, home):
    # Many distinct keys over few enterprises and years: none may be taken for a duplicate.
    rows = [valid_row(i, year=str(2015 + i % 9)) for i in range(300)]
    result = ingest_file(write_csv(tmp_path / "k.csv", rows))
    assert (result.accepted, result.rejected) == (300, 0)
    assert np.unique([r["uscc"] + r["year"] for r in rows]).size == 300
