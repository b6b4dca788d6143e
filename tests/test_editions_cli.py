"""``hzdigital edition publish|list|diff``: JSON shapes, idempotence, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from editions_world import load_rows, revise_value_added
from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.monitoring.editions import MSG_NO_EDITIONS, MSG_NOTHING_TO_PUBLISH

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["edition", *args])


def run_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def home(hzdigital_home: Path) -> Path:
    load_rows(hzdigital_home)
    return hzdigital_home


def test_publish_list_and_diff_tell_the_story_of_two_editions(home):
    first = run_json("publish", "--note", "annual", "--by", "统计局")
    assert first["created"] is True
    assert first["edition"]["edition_id"] == "E1"
    assert first["edition"]["published_by"] == "统计局"
    assert first["edition"]["synthetic"] is True
    assert run_json("publish")["created"] is False
    revise_value_added(home, "B", 2023, 26.0, "imp-2")  # 330108, class 6511 → 0301 → 03
    assert run_json("publish")["edition"]["edition_id"] == "E2"
    listed = run_json("list")["editions"]
    assert [e["edition_id"] for e in listed] == ["E2", "E1"]
    assert listed[1]["note"] == "annual"
    diff = run_json("diff", "E1", "E2")
    value_added = [r for r in diff["revisions"] if r["measure"] == "value_added"]
    assert {(r["level"], r["division_code"], r["de_code"]) for r in value_added} == {
        ("core", "330108", "core"), ("core", "330100", "core"),
        ("major", "330108", "03"), ("major", "330100", "03"),
        ("medium", "330108", "0301"), ("medium", "330100", "0301"),
    }  # fmt: skip
    assert all(r["difference"] == pytest.approx(6.0) for r in value_added)


def test_the_terminal_diff_says_when_two_editions_agree(home):
    run_json("publish")
    result = run("diff", "E1", "E1")
    assert result.exit_code == 0 and "no revisions between E1 and E1" in result.stdout


def test_an_unknown_edition_exits_with_the_bad_input_code(home):
    run_json("publish")
    result = run("diff", "E1", "E5")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "E5" in result.output and "E1" in result.output


def test_publishing_an_empty_warehouse_is_refused(hzdigital_home):
    result = run("publish")
    assert result.exit_code == EXIT_BAD_INPUT
    assert MSG_NOTHING_TO_PUBLISH.en in result.output


def test_the_list_says_when_nothing_is_published(hzdigital_home):
    result = run("list")
    assert result.exit_code == 0 and MSG_NO_EDITIONS.en in result.stdout
