"""``/api/monitor`` and ``/api/targets`` read a published edition's frozen figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from editions_world import load_rows, revise_value_added
from hzdigital.monitoring import editions


@pytest.fixture
def home(hzdigital_home: Path) -> Path:
    load_rows(hzdigital_home)
    return hzdigital_home


def city_core_value_added(body: dict) -> float:
    (row,) = [
        r
        for r in body["records"]
        if r["year"] == 2023 and r["division_code"] == "330100" and r["de_code"] == "core"
    ]
    return row["value_added"]


def test_without_an_edition_the_api_reads_the_latest_published_one_and_says_so(client, home):
    editions.publish_edition(by="a")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")  # +3 万元, not yet published
    body = client.get("/api/monitor", {"year": 2023}).json()
    assert body["edition"]["edition_id"] == "E1"
    assert city_core_value_added(body) == pytest.approx(65.0)
    live = client.get("/api/monitor", {"year": 2023, "edition": "live"}).json()
    assert live["edition"] is None
    assert city_core_value_added(live) == pytest.approx(68.0)


def test_a_named_edition_keeps_its_figures_after_a_newer_one_is_published(client, home):
    editions.publish_edition(by="a")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")
    editions.publish_edition(by="a")
    latest = client.get("/api/monitor", {"year": 2023}).json()
    old = client.get("/api/monitor", {"year": 2023, "edition": "E1"}).json()
    assert latest["edition"]["edition_id"] == "E2"
    assert city_core_value_added(latest) == pytest.approx(68.0)
    assert old["edition"]["edition_id"] == "E1"
    assert city_core_value_added(old) == pytest.approx(65.0)
    assert set(old["records"][0]) == set(latest["records"][0])


def test_the_frozen_records_are_the_editions_cube_row_for_row(client, home):
    editions.publish_edition(by="a")
    body = client.get("/api/monitor", {"level": "major", "edition": "E1"}).json()
    frame = editions.edition_cube("E1", "major")
    assert len(body["records"]) == len(frame)
    assert [r["value_added"] for r in body["records"]] == pytest.approx(frame.value_added.tolist())


def test_an_unknown_edition_is_a_404_naming_the_published_ones(client, home):
    editions.publish_edition(by="a")
    for path in ("/api/monitor", "/api/targets"):
        response = client.get(path, {"edition": "E42"})
        assert response.status_code == 404
        assert "E42" in response.json()["detail"] and "E1" in response.json()["detail"]


def test_the_targets_endpoint_returns_the_frozen_report_of_the_edition(client, home):
    editions.publish_edition(by="a")
    body = client.get("/api/targets", {"edition": "E1"}).json()
    assert body["edition"]["edition_id"] == "E1"
    assert body["targets"] == editions.edition_targets("E1")
    assert client.get("/api/targets").json()["edition"]["edition_id"] == "E1"
