"""The support pages keep the warehouse's newest year per warehouse version: the warehouse is
read once until the next import, profiles (edited by people) are attached fresh on every call,
and a subset of USCCs is cut from the kept frame with the same result a query would give."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hzdigital.dashboard.imports import wait_for_imports
from hzdigital.support import selectors
from hzdigital.support.models import EnterpriseProfile
from hzdigital.warehouse import store
from hzdigital.warehouse.ingest import ingest_file
from ingest_fixtures import uscc, valid_row, write_csv

ROWS = [
    valid_row(0),  # 6513 software: core
    valid_row(1, industry_code="5231", business_scope=""),  # outside the digital economy
    valid_row(2, rd_expense=""),  # R&D not reported: intensity missing
    valid_row(3, revenue="4000"),
    valid_row(0, year="2022", revenue="1.5"),  # an older year, never read
]

UPLOAD_WAIT_SECONDS = 120  # a generous bound on a busy 2-core machine; not a timing check

WAREHOUSE_COLUMNS = [
    "uscc", "name", "division_code", "de_sub", "de_medium", "de_major", "core",
    "revenue_wan_yuan", "employees", "rd_intensity_percent", "synthetic",
]  # fmt: skip


class Reads:
    """Counts the calls that query DuckDB for the newest year's enterprises."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self._read = selectors.read_newest_year
        monkeypatch.setattr(selectors, "read_newest_year", self)

    def __call__(self, backend):
        self.count += 1
        return self._read(backend)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


def _import(home: Path, name: str, rows: list[dict[str, str]]) -> None:
    ingest_file(write_csv(home.parent / name, rows), home=home)


@pytest.fixture
def imported(db, hzdigital_home: Path) -> Path:
    _import(hzdigital_home, "first.csv", ROWS)
    return hzdigital_home


def _by_uscc(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("uscc")


def test_two_calls_without_an_import_read_the_warehouse_once_and_agree(imported, reads):
    first = selectors.enterprises()
    second = selectors.enterprises()
    assert reads.count == 1
    assert first.year == second.year == 2023
    pd.testing.assert_frame_equal(first.frame, second.frame)
    assert list(first.frame["uscc"]) == sorted(uscc(i) for i in range(4))


def test_an_import_that_changes_and_adds_an_enterprise_shows_in_the_next_call(imported, reads):
    before = _by_uscc(selectors.enterprises().frame)
    assert before.loc[uscc(3), "revenue_wan_yuan"] == 4000.0
    _import(imported, "second.csv", [valid_row(3, revenue="7777"), valid_row(9)])
    after = _by_uscc(selectors.enterprises().frame)
    assert reads.count == 2
    assert after.loc[uscc(3), "revenue_wan_yuan"] == 7777.0
    assert uscc(9) in after.index and uscc(9) not in before.index


def test_an_edited_profile_shows_in_the_next_call_without_an_import(imported, reads):
    assert pd.isna(_by_uscc(selectors.enterprises().frame).loc[uscc(0), "high_tech"])
    EnterpriseProfile.objects.create(
        uscc=uscc(0), high_tech=True, founded_on=date(2020, 1, 1), source="test"
    )
    row = _by_uscc(selectors.enterprises().frame).loc[uscc(0)]
    assert bool(row["high_tech"]) and row["age_years"] == 3.0
    EnterpriseProfile.objects.filter(uscc=uscc(0)).update(high_tech=False)
    assert not _by_uscc(selectors.enterprises().frame).loc[uscc(0), "high_tech"]
    assert reads.count == 1


def _queried_directly(home: Path, wanted: list[str]) -> pd.DataFrame:
    """The warehouse attributes by the rules in eligibility/enterprises.py, written in SQL."""
    sql = """
        SELECT uscc, name, division_code::VARCHAR AS division_code, de_sub::VARCHAR AS de_sub,
            de_medium::VARCHAR AS de_medium, de_major::VARCHAR AS de_major,
            CASE WHEN de_status = 'partial_unresolved' THEN NULL
                ELSE coalesce(de_status IN ('full', 'partial_resolved')
                    AND de_major IN ('01', '02', '03', '04'), false) END AS core,
            revenue AS revenue_wan_yuan, employees,
            CASE WHEN revenue > 0 THEN rd_expense / revenue * 100 END AS rd_intensity_percent,
            synthetic
        FROM enterprise_year
        WHERE year = (SELECT max(year) FROM enterprise_year) AND list_contains(?, uscc)
        ORDER BY uscc"""
    with duckdb.connect(str(home / store.WAREHOUSE_FILE), read_only=True) as con:
        return con.execute(sql, [wanted]).fetch_df()


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain values, missing as None, so that two dtypes of one value compare equal."""
    plain = frame.astype(object).where(frame.notna(), None)
    return plain.to_dict("records")


def test_a_subset_cut_from_the_kept_frame_equals_a_direct_query(imported, reads):
    selectors.enterprises()  # fills the cache with the whole year
    wanted = [uscc(2), uscc(0), uscc(1)]
    cut = selectors.enterprises(wanted).frame[WAREHOUSE_COLUMNS]
    expected = _queried_directly(imported, wanted)
    assert reads.count == 1
    assert len(expected) == 3 and expected["core"].tolist() == [True, False, True]
    got, want = _records(cut), _records(expected)
    for row_got, row_want in zip(got, want, strict=True):
        assert row_got.keys() == row_want.keys()
        for column, value in row_want.items():
            if isinstance(value, float):
                assert row_got[column] == pytest.approx(value, rel=1e-12)
            else:
                assert row_got[column] == value, column


def test_a_uscc_missing_from_the_warehouse_still_gets_a_row_with_attributes_missing(
    imported, reads
):
    stranger = uscc(42)
    frame = _by_uscc(selectors.enterprises([uscc(1), stranger]).frame)
    assert list(frame.index) == [uscc(1), stranger]
    assert frame.loc[stranger, WAREHOUSE_COLUMNS[1:]].isna().all()
    assert frame.loc[uscc(1), "revenue_wan_yuan"] == 1001.5
    assert reads.count == 1


def test_each_home_keeps_its_own_warehouse(imported, reads, tmp_path, monkeypatch):
    other = tmp_path / "other-home"
    other.mkdir()
    _import(other, "other.csv", [valid_row(7, year="2024")])
    assert selectors.enterprises().year == 2023
    monkeypatch.setenv(store.HOME_ENV, str(other))
    elsewhere = selectors.enterprises()
    assert (elsewhere.year, list(elsewhere.frame["uscc"])) == (2024, [uscc(7)])
    assert reads.count == 2


def test_threads_arriving_together_wait_for_one_read(imported, reads):
    results: list[selectors.WarehouseEnterprises] = []
    start = threading.Barrier(4)

    def read() -> None:
        start.wait()
        results.append(selectors.warehouse_enterprises())

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads.count == 1
    assert len(results) == 4 and all(r is results[0] for r in results)


def test_the_version_moves_with_every_import_even_one_that_changes_no_row(imported):
    with duckdb.connect(str(imported / store.WAREHOUSE_FILE)) as con:
        before = store.version(con)
    _import(imported, "again.csv", ROWS)
    with duckdb.connect(str(imported / store.WAREHOUSE_FILE)) as con:
        after = store.version(con)
    assert before[0] == 1 and after[0] == 2 and after != before


def test_an_empty_warehouse_has_no_year_and_no_enterprises(db, hzdigital_home, reads):
    data = selectors.enterprises()
    assert data.year is None and data.frame.empty
    assert selectors.enterprises([uscc(0)]).frame["uscc"].tolist() == [uscc(0)]
    assert reads.count == 1


@pytest.mark.django_db(transaction=True)
def test_an_upload_on_the_import_page_fills_the_table_before_any_support_page_asks(
    client, django_user_model, hzdigital_home, tmp_path, reads
):
    user = django_user_model.objects.create_user("importer", password="x", is_staff=True)
    client.force_login(user)
    path = write_csv(tmp_path / "upload.csv", ROWS)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    assert client.post(reverse("dashboard:import"), {"file": upload}).status_code == 302
    wait_for_imports(UPLOAD_WAIT_SECONDS)
    assert reads.count == 1  # the import thread read the new year once
    assert selectors.enterprises().frame["uscc"].tolist() == sorted(uscc(i) for i in range(4))
    assert reads.count == 1  # and the page found it kept
