"""Inputs from outside the warehouse (the talent app's figures) handed to the framework-free
index as a plain table: named ``talent:<metric>`` in the framework, missing where a unit has
no figure, and a source the framework does not know is refused with its YAML path."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import yaml

from hzdigital.evaluation.framework import FRAMEWORK_YAML, FrameworkError, load_framework
from hzdigital.evaluation.inputs import EXTRA_COLUMNS, denominate
from hzdigital.lib.divisions import county_divisions
from index_world import make_panel

KEY = "talent_introduced_per_10k_employees"
YEAR = 2022


def extra_table(codes: list[str], synthetic: bool = False) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "division_code": codes,
            "year": YEAR,
            "indicator": "talent:people_introduced",
            "value": [10.0 * (n + 1) for n in range(len(codes))],
            "source": "test figures",
            "synthetic": synthetic,
        }
    )[EXTRA_COLUMNS]


def test_a_talent_indicator_is_the_figure_per_10k_employees_of_all_enterprises() -> None:
    codes = [d.code for d in county_divisions()]
    panel = replace(make_panel(), extra=extra_table(codes[:-1]))
    raw = denominate(panel, load_framework(), YEAR)
    cells = panel.cells[(panel.cells.year == YEAR) & (panel.cells.category == "all")]
    employees = cells.set_index("division_code").employees
    for n, code in enumerate(codes[:-1]):
        assert raw.loc[code, KEY] == pytest.approx(10.0 * (n + 1) / employees[code] * 1e4)
    assert np.isnan(raw.loc[codes[-1], KEY]), "a unit without a figure is missing, not zero"


def test_demo_figures_are_reported_as_synthetic_only_for_their_year() -> None:
    panel = replace(make_panel(), extra=extra_table(["330102"], synthetic=True))
    ref = load_framework().indicator(KEY).source
    assert panel.extra_synthetic(YEAR, [ref]) is True
    assert panel.extra_synthetic(YEAR + 1, [ref]) is False


def test_an_unknown_source_kind_is_refused_with_its_yaml_path(tmp_path) -> None:
    data = yaml.safe_load(FRAMEWORK_YAML.read_text(encoding="utf-8"))
    data["dimensions"][0]["indicators"][0]["source"] = "survey:broadband"
    path = tmp_path / "fw.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkError) as error:
        load_framework(path)
    assert "fw.yaml:dimensions[0].indicators[0].source" in str(error.value)
    assert "talent:<key>" in str(error.value)
