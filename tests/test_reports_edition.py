"""The report is built from the latest published data edition, like the API: rows imported
after publishing change neither, and the cover names the edition."""

from __future__ import annotations

import pytest

from dashboard_warehouse import build_warehouse
from hzdigital.demo.generate import generate_records, write_records
from hzdigital.lib.divisions import CITY_CODE
from hzdigital.monitoring import editions
from hzdigital.reports.content import build_report
from hzdigital.reports.text import EDITION_PUBLISHED
from hzdigital.warehouse.ingest import ingest_file
from reports_fixture import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(tmp_path_factory, django_db_setup, django_db_blocker):
    home = tmp_path_factory.mktemp("edition-home")
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("HZDIGITAL_HOME", str(home))
        warehouse = build_warehouse(home)
        edition = editions.publish_edition(by="test").edition
        later = home / "later.csv"
        write_records(generate_records(120, seed=77, years=(YEAR,)), later, sidecar=False)
        ingest_file(later, home=home, synthetic=True)
        yield warehouse, edition, build_report(YEAR, "zh")


def _city_value_added_yi_yuan(report) -> float:
    return report.chapter("districts").tables[0].rows[-1][3]


def test_the_cover_names_the_published_edition(world):
    _, edition, report = world
    assert report.edition.ident == edition.edition_id
    assert report.edition.label == EDITION_PUBLISHED.zh.format(
        ident=edition.edition_id, published=edition.published_at.date().isoformat()
    )


def test_the_report_and_the_api_give_the_editions_figure_not_the_live_one(client, world,
                                                                          monkeypatch):  # fmt: skip
    warehouse, edition, report = world
    monkeypatch.setenv("HZDIGITAL_HOME", str(warehouse.home))
    payload = client.get("/api/monitor", {"year": YEAR, "level": "core"}).json()
    api_city = next(r for r in payload["records"]
                    if r["division_code"] == CITY_CODE and r["de_code"] == "core")  # fmt: skip
    assert payload["edition"]["edition_id"] == edition.edition_id
    assert _city_value_added_yi_yuan(report) == pytest.approx(api_city["value_added"] / 10_000)
    (live,) = warehouse.sql(
        """SELECT sum(value_added) / 10000 FROM enterprise_year WHERE year = ?
        AND de_status IN ('full', 'partial_resolved') AND de_major IN ('01','02','03','04')""",
        [YEAR],
    )[0:1]
    assert live[0] != pytest.approx(_city_value_added_yi_yuan(report)), (
        "the later import moved live"
    )


def test_the_headline_equals_the_targets_frozen_with_the_edition(world):
    _, edition, report = world
    frozen = {t["indicator"]: t for t in editions.edition_targets(edition.edition_id)}
    for headline in report.headlines:
        point = next((p for p in frozen[headline.indicator]["trajectory"] if p["year"] == YEAR),
                     None)  # fmt: skip
        assert headline.actual == (None if point is None else point["actual"])


def test_the_index_chapter_gives_the_editions_index_as_the_api_does(client, world, monkeypatch):
    warehouse, edition, report = world
    monkeypatch.setenv("HZDIGITAL_HOME", str(warehouse.home))
    payload = client.get("/api/index", {"year": YEAR}).json()
    assert payload["edition"]["edition_id"] == edition.edition_id
    api = {u["rank"]: u["score"] for u in payload["units"]}
    table = report.chapter("index").tables[0]
    assert {row[0]: row[2] for row in table.rows} == pytest.approx(api, abs=1e-4)
    live = client.get("/api/index", {"year": YEAR, "edition": "live"}).json()
    assert [u["score"] for u in live["units"]] != pytest.approx(list(api.values()), abs=1e-4), (
        "the later import moved the live index"
    )
