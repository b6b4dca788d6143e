"""The generator's records: deterministic, valid codes, real classes, a realistic mix, a panel.

Reference facts are read here straight from the shipped CSV files with pandas, not through
the generator's own helpers, so a mistake there cannot hide itself.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hzdigital.demo.generate import COLUMNS, generate_records, parse_years
from hzdigital.lib.uscc import is_valid_uscc, make_uscc

DATA = Path(__file__).resolve().parents[1] / "src" / "hzdigital" / "data"
ROWS = 20_000
SEED = 11


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return generate_records(ROWS, SEED)


@pytest.fixture(scope="module")
def nbs() -> pd.DataFrame:
    return pd.read_csv(DATA / "nbs_digital_economy_2021_reconstructed.csv", dtype=str).fillna("")


def _gb_classes() -> set[str]:
    table = pd.read_csv(DATA / "gbt4754_2017_industry_classification.csv", dtype=str)
    return set(table.loc[table["level"] == "class", "code"])


def _hangzhou_counties() -> set[str]:
    table = pd.read_csv(DATA / "hangzhou_admin_divisions_2023.csv", dtype=str)
    return set(table.loc[table["level"] == "county_level", "code6"])


def test_it_returns_exactly_the_rows_asked_in_the_import_columns(records):
    assert len(records) == ROWS
    assert tuple(records.columns) == COLUMNS


def test_the_same_seed_gives_the_same_records(records):
    again = generate_records(ROWS, SEED)
    pd.testing.assert_frame_equal(records, again)


def test_another_seed_gives_other_records(records):
    other = generate_records(ROWS, SEED + 1)
    assert not set(other["uscc"]) & set(records["uscc"])
    assert not np.allclose(other["revenue"].to_numpy(), records["revenue"].to_numpy())


def test_every_uscc_is_valid_and_matches_make_uscc(records):
    codes = records["uscc"].unique()
    assert all(is_valid_uscc(code) for code in codes)
    assert all(make_uscc(code[:17]) == code for code in codes[:500])


def test_every_uscc_carries_the_district_of_its_enterprise(records):
    assert (records["uscc"].str[2:8] == records["division_code"]).all()


def test_every_enterprise_year_is_one_row(records):
    assert not records.duplicated(subset=["uscc", "year"]).any()


def test_every_division_is_one_of_the_13_hangzhou_counties(records):
    counties = _hangzhou_counties()
    assert len(counties) == 13
    assert set(records["division_code"]) == counties


def test_every_industry_code_is_a_real_gbt4754_class(records):
    assert set(records["industry_code"]) <= _gb_classes()


def test_most_enterprises_are_in_full_core_classes_with_some_of_every_other_kind(records, nbs):
    enterprises = records.drop_duplicates("uscc")
    core = nbs[nbs["major_code"].isin(["01", "02", "03", "04"]) & (nbs["partial"] == "0")]
    partial = set(nbs.loc[nbs["partial"] == "1", "gbt4754_code"])
    named = set(nbs["gbt4754_code"]) - {""}
    is_core = enterprises["industry_code"].isin(set(core["gbt4754_code"]))
    is_partial = enterprises["industry_code"].isin(partial)
    outside = ~enterprises["industry_code"].isin(named)
    efficiency_names = nbs.loc[nbs["major_code"] == "05", "sub_name"].tolist()
    names_05 = enterprises["business_scope"].apply(lambda s: any(n in s for n in efficiency_names))
    assert is_core.mean() > 0.5
    assert 0 < is_partial.mean() < 0.05
    assert (
        outside & names_05
    ).mean() > 0.05  # 05-type: non-digital class, scope names the activity
    assert (outside & ~names_05).mean() > 0.1  # plainly non-digital


def test_scopes_read_as_registered_business_scopes_built_from_class_names(records):
    gb = pd.read_csv(DATA / "gbt4754_2017_industry_classification.csv", dtype=str)
    names = dict(gb.loc[gb["level"] == "class", ["code", "name"]].to_numpy())
    sample = records.drop_duplicates("uscc").head(300)
    for code, scope in zip(sample["industry_code"], sample["business_scope"], strict=True):
        activity = names[code].replace("其他未列明", "").removeprefix("其他").replace("未列明", "")
        assert scope.startswith("一般项目：") and scope.endswith("经营活动）。")
        assert activity in scope


def test_partial_class_scopes_never_name_their_digital_activity(records, nbs):
    partial = nbs[nbs["partial"] == "1"]
    for row in partial.itertuples():
        scopes = records.loc[records["industry_code"] == row.gbt4754_code, "business_scope"]
        assert not scopes.str.contains(row.sub_name, regex=False).any()


def test_every_name_is_marked_synthetic(records):
    assert records["name"].str.startswith("（合成）").all()


def test_no_two_enterprises_share_a_name(records):
    enterprises = records.drop_duplicates("uscc")
    assert enterprises["name"].is_unique


def test_an_enterprise_keeps_its_name_district_and_class_across_years(records):
    per_enterprise = records.groupby("uscc")[["name", "division_code", "industry_code"]].nunique()
    assert (per_enterprise == 1).all().all()


def test_the_panel_has_entries_and_exits(records):
    years = records.groupby("uscc")["year"].agg(["min", "max", "count"])
    assert (years["min"] > 2021).mean() > 0.05  # entered after the first year
    assert (years["max"] < 2024).mean() > 0.05  # left before the last year
    assert (years["count"] == years["max"] - years["min"] + 1).all()  # no gaps


def test_top_one_percent_of_enterprises_hold_over_30_percent_of_revenue(records):
    for _, year in records.groupby("year"):
        revenue = np.sort(year["revenue"].to_numpy())[::-1]
        top = revenue[: max(1, len(revenue) // 100)].sum()
        assert top / revenue.sum() > 0.30


def test_employees_and_rd_grow_with_revenue(records):
    ranks = records[["revenue", "employees", "rd_expense"]].rank()
    assert ranks["revenue"].corr(ranks["employees"]) > 0.8
    reporting = records["rd_expense"] > 0
    assert records.loc[reporting, "revenue"].corr(records.loc[reporting, "rd_expense"]) > 0.5
    assert (records["employees"] >= 1).all()
    assert (records["rd_expense"] <= records["revenue"]).all()
    assert (records["revenue"] >= 0).all()


def test_value_added_is_a_plausible_share_of_revenue(records, nbs):
    core = set(nbs.loc[nbs["major_code"].isin(["01", "02", "03", "04"]), "gbt4754_code"])
    of_core = records[records["industry_code"].isin(core)]
    share = of_core["value_added"].sum() / of_core["revenue"].sum()
    assert 0.2 < share < 0.45
    assert (records["value_added"] <= records["revenue"]).mean() > 0.99


def test_a_districts_key_industries_are_over_represented_in_it():
    frame = generate_records(40_000, 5, years=(2022,))
    integrated_circuit_design = frame["industry_code"] == "6520"  # 拱墅区: 集成电路设计
    in_gongshu = frame["division_code"] == "330105"
    without_ic = ~frame["division_code"].isin(["330105", "330108", "330111", "330112", "330113"])
    assert (
        integrated_circuit_design[in_gongshu].mean()
        > 2 * integrated_circuit_design[without_ic].mean()
    )


@pytest.mark.parametrize(
    ("text", "years"),
    [("2021-2024", (2021, 2022, 2023, 2024)), ("2023,2021", (2021, 2023)), ("2022", (2022,))],
)
def test_it_reads_year_ranges_and_lists(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["2010-2012", "21-24", "2021-2099", ""])
def test_it_rejects_years_outside_the_plan_or_malformed(text):
    with pytest.raises(ValueError, match="年度参数无效"):
        parse_years(text)


def test_it_covers_the_years_asked(records):
    assert sorted(records["year"].unique()) == [2021, 2022, 2023, 2024]
    assert sorted(generate_records(500, 1, years="2019-2020")["year"].unique()) == [2019, 2020]
