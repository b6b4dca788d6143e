"""The index follows data editions, as /api/monitor and the report do: an edition's index is
computed from the inputs frozen when it was published, so rows imported afterwards move the
live index and leave the edition's where it was."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.urls import reverse
from typer.testing import CliRunner

from dashboard_warehouse import build_warehouse
from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.demo.generate import generate_records, write_records
from hzdigital.evaluation.service import district_index
from hzdigital.monitoring import editions
from hzdigital.warehouse.ingest import ingest_file

pytestmark = pytest.mark.django_db
YEAR = 2022
RUNS = 60  # the reference run does not depend on the Monte Carlo; few runs keep this quick


@pytest.fixture(scope="module")
def world(tmp_path_factory, django_db_setup, django_db_blocker):
    home = tmp_path_factory.mktemp("index-editions-home")
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("HZDIGITAL_HOME", str(home))
        build_warehouse(home)
        before = district_index(YEAR, runs=RUNS)  # nothing published yet: live data
        edition = editions.publish_edition(by="test").edition
        later = home / "later.csv"
        write_records(generate_records(150, seed=77, years=(YEAR,)), later, sidecar=False)
        ingest_file(later, home=home, synthetic=True)
        yield home, edition, before


@pytest.fixture
def home(world, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(world[0]))
    return world[0]


def scores(report) -> dict[str, float]:
    return {u.code: u.score for u in report.units}


def test_before_anything_is_published_the_index_reads_live_data(world):
    _, _, before = world
    assert before.edition is None and before.to_dict()["edition"] is None


def test_the_editions_index_after_a_later_import_equals_the_one_computed_before_it(world, home):
    _, edition, before = world
    frozen = district_index(YEAR, runs=RUNS, edition=edition.edition_id)
    assert frozen.edition["edition_id"] == edition.edition_id
    assert scores(frozen) == pytest.approx(scores(before), abs=1e-9)
    assert [u.code for u in frozen.units] == [u.code for u in before.units]
    np.testing.assert_allclose(
        frozen.result.raw.to_numpy(), before.result.raw.to_numpy(), rtol=1e-9, equal_nan=True
    )


def test_the_live_index_moves_with_the_later_import(world, home):
    _, _, before = world
    live = district_index(YEAR, runs=RUNS, edition=editions.LIVE)
    assert live.edition is None
    assert scores(live) != pytest.approx(scores(before), abs=1e-6)


def test_by_default_the_index_reads_the_latest_published_edition(world, home):
    _, edition, _ = world
    assert district_index(YEAR, runs=RUNS).edition["edition_id"] == edition.edition_id


def test_an_edition_never_published_is_refused_naming_the_published_ones(home):
    with pytest.raises(editions.UnknownEdition, match="E1"):
        district_index(YEAR, runs=RUNS, edition="E9")


def test_the_api_gives_the_editions_index_and_404_for_an_unknown_edition(client, world, home):
    _, edition, before = world
    payload = client.get("/api/index", {"year": YEAR, "edition": edition.edition_id}).json()
    assert payload["edition"]["edition_id"] == edition.edition_id
    api = {u["code"]: u["score"] for u in payload["units"]}
    assert api == pytest.approx(scores(before), abs=1e-4)  # the JSON rounds to 4 decimals
    assert client.get("/api/index", {"year": YEAR, "edition": "E9"}).status_code == 404


def test_the_cli_takes_the_edition_and_refuses_one_never_published(world, home):
    _, edition, before = world
    runner = CliRunner()
    result = runner.invoke(app, ["index", "--year", str(YEAR), "--edition", "E1", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["edition"]["edition_id"] == edition.edition_id
    cli = {u["code"]: u["score"] for u in payload["units"]}
    assert cli == pytest.approx(scores(before), abs=1e-4)
    refused = runner.invoke(app, ["index", "--edition", "E9"])
    assert refused.exit_code == EXIT_BAD_INPUT and "E1" in refused.output


def test_the_page_names_the_edition_and_its_links_keep_it(client, world, home):
    _, edition, _ = world
    html = client.get(reverse("index:index"), {"year": YEAR, "edition": edition.edition_id})
    text = html.content.decode()
    assert f'data-edition="{edition.edition_id}"' in text
    assert f"?year={YEAR}&amp;edition={edition.edition_id}" in text
    live = client.get(reverse("index:index"), {"year": YEAR, "edition": "live"}).content.decode()
    assert 'data-edition="live"' in live
    assert client.get(reverse("index:index"), {"edition": "E9"}).status_code == 404


def test_an_edition_published_before_the_index_inputs_were_frozen_says_so(world, home):
    import duckdb

    _, edition, _ = world
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        rows = con.execute(
            f"SELECT * FROM {editions.INDEX_PANEL_TABLE} WHERE edition_id = ?",
            [edition.edition_id],
        ).fetch_df()
        con.execute(
            f"DELETE FROM {editions.INDEX_PANEL_TABLE} WHERE edition_id = ?", [edition.edition_id]
        )
    try:
        with pytest.raises(ValueError, match="live"):
            district_index(YEAR, runs=RUNS, edition=edition.edition_id)
    finally:
        with duckdb.connect(str(home / "warehouse.duckdb")) as con:
            con.register("saved", rows)
            con.execute(f"INSERT INTO {editions.INDEX_PANEL_TABLE} BY NAME SELECT * FROM saved")
