"""Publishing a data edition freezes the results; the same data publish no second edition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editions_world import ROWS, load_rows, revise_value_added
from hzdigital.monitoring import editions, output
from hzdigital.monitoring.cube import LEVELS, build_cube
from hzdigital.monitoring.engines import Engine
from hzdigital.warehouse import store


@pytest.fixture
def home(hzdigital_home: Path) -> Path:
    load_rows(hzdigital_home)
    return hzdigital_home


def live_cube(level: str):
    backend = store.connect()
    try:
        engine = Engine("duckdb", backend)
        frame = engine.execute(
            build_cube(store.enterprise_year(backend), level=level, extra=editions.EXTRA)
        )
    finally:
        backend.disconnect()
    return frame[list(editions.CUBE_FIELDS)].reset_index(drop=True)


def core_value_added_by_hand(year: int, division_code: str | None = None) -> float:
    rows = ROWS[(ROWS.year == year) & ROWS.de_major.isin(["01", "02", "03", "04"])]
    rows = rows[rows.de_status.isin(["full", "partial_resolved"])]
    if division_code:
        rows = rows[rows.division_code == division_code]
    return float(rows.value_added.sum())


def city_core(frame, year: int) -> float:
    row = frame[
        (frame.year == year) & (frame.division_code == "330100") & (frame.de_code == "core")
    ]
    return float(row.value_added.iloc[0])


def test_an_edition_freezes_the_cube_of_every_level_as_computed_live(home):
    result = editions.publish_edition(by="statistician", note="2023 annual")
    assert result.created and result.edition.edition_id == "E1"
    assert result.edition.import_ids == ("imp-1",) and result.edition.synthetic
    for level in LEVELS:
        frozen = editions.edition_cube("E1", level)
        live = live_cube(level)
        assert frozen.shape == live.shape
        assert (frozen[["year", "division_code", "de_code"]] == live[["year", "division_code", "de_code"]]).all().all()  # fmt: skip
        assert frozen.value_added.tolist() == pytest.approx(live.value_added.tolist(), abs=1e-9)
    core = editions.edition_cube("E1", "core", 2023)
    assert city_core(core, 2023) == pytest.approx(core_value_added_by_hand(2023), abs=1e-9)


def test_publishing_the_same_data_twice_creates_no_new_edition(home):
    first = editions.publish_edition(by="a")
    again = editions.publish_edition(by="b", note="again")
    assert again.created is False
    assert again.edition == first.edition
    assert [e.edition_id for e in editions.list_editions()] == ["E1"]


def test_an_edition_stays_frozen_after_a_new_import_while_live_figures_move(home):
    editions.publish_edition(by="a")
    before = city_core(editions.edition_cube("E1", "core"), 2023)
    revise_value_added(home, "A", 2023, 33.0, "imp-2")
    assert city_core(editions.edition_cube("E1", "core"), 2023) == before
    assert city_core(live_cube("core"), 2023) == pytest.approx(before + 3.0)
    second = editions.publish_edition(by="a")
    assert second.created and second.edition.edition_id == "E2"
    assert second.edition.import_ids == ("imp-1", "imp-2")
    assert second.edition.cube_sha256 != editions.get_edition("E1").cube_sha256


def test_revisions_list_exactly_the_cells_a_constructed_change_moved(home):
    editions.publish_edition(by="a")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")  # 330108, class 3921 → 0102 → 01 → core
    editions.publish_edition(by="a")
    moved = {
        (r.level, r.division_code, r.de_code): r
        for r in editions.revisions("E1", "E2")
        if r.measure == "value_added"
    }
    expected = {
        ("core", "330108", "core"), ("core", "330100", "core"),
        ("major", "330108", "01"), ("major", "330100", "01"),
        ("medium", "330108", "0102"), ("medium", "330100", "0102"),
    }  # fmt: skip
    assert set(moved) == expected
    for r in moved.values():
        assert r.year == 2023
        assert r.difference == pytest.approx(3.0, abs=1e-9)
        assert r.new - r.old == pytest.approx(3.0, abs=1e-9)
        assert r.percent == pytest.approx(3.0 / r.old * 100, rel=1e-12)
    city = moved[("core", "330100", "core")]
    assert city.old == pytest.approx(core_value_added_by_hand(2023))
    # 2022 was not touched, so nothing of 2022 is revised
    assert not [r for r in editions.revisions("E1", "E2") if r.year == 2022]


def test_an_edition_has_no_revisions_against_itself(home):
    editions.publish_edition(by="a")
    assert editions.revisions("E1", "E1") == []


def test_an_empty_warehouse_has_nothing_to_publish(hzdigital_home):
    with pytest.raises(editions.NothingToPublish) as caught:
        editions.publish_edition(by="a")
    assert "import" in str(caught.value) and "导入" in str(caught.value)


def test_an_unknown_edition_is_refused_naming_the_published_ones(home):
    editions.publish_edition(by="a")
    with pytest.raises(editions.UnknownEdition) as caught:
        editions.edition_cube("E7", "core")
    assert "E7" in str(caught.value) and "E1" in str(caught.value)


def test_readers_get_the_latest_edition_by_default_and_live_data_on_request(home):
    assert editions.choose_edition(None) is None  # nothing published: live
    editions.publish_edition(by="a")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")
    editions.publish_edition(by="a")
    assert editions.choose_edition(None).edition_id == "E2"
    assert editions.choose_edition("E1").edition_id == "E1"
    assert editions.choose_edition(editions.LIVE) is None


def test_the_frozen_targets_are_the_targets_report_of_their_day(home):
    live = json.loads(json.dumps(output.targets_payload(*output.run_targets()), default=str))
    editions.publish_edition(by="a")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")
    assert editions.edition_targets("E1") == live["targets"]
