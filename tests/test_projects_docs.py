"""README.md documents the project stages, the factor units, the pages and the seed commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from hzdigital.projects.models import FACTOR_UNITS, Stage

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_is_documented(stage: Stage) -> None:
    assert stage.label.split()[0] in README


@pytest.mark.parametrize("unit", sorted(set(FACTOR_UNITS.values())))
def test_every_factor_unit_is_documented(unit: str) -> None:
    assert unit in README


@pytest.mark.parametrize("text", ["/projects/", "/techlist/", "seed_projects", "seed_techlist"])
def test_the_pages_and_seed_commands_are_documented(text: str) -> None:
    assert text in README
