"""Industrial structure: key-industry share, LQ leaders and the similarity matrix, each checked
against an independent pandas / numpy computation (tolerance 1e-9 relative or absolute)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from hzdigital.monitoring.cube import build_cube
from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.structure import (
    core_value_added_by_sub,
    designated_codes,
    key_industry_shares,
    lq_leaders,
    similarity_matrix,
)

TOL = 1e-9
DISTRICTS = ["330102", "330106", "330108", "330110", "330127"]
SUBS = ["010101", "010201", "010305", "030101", "030306", "030401", "040102", "040601", "050101"]
DESIGNATED = {
    "330108": {"030306", "0301", "040601"},
    "330110": {"0102", "030101"},
    "330127": {"0101", "0501"},  # 05 is never core: it can never count
}


def enterprises(rows: int = 1500, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sub = pd.Series(rng.choice(SUBS, rows))
    status = pd.Series(
        rng.choice(["full", "partial_resolved", "partial_unresolved"], rows, p=[0.7, 0.15, 0.15])
    )
    status = status.where(~sub.str.startswith("05"), "text")
    frame = pd.DataFrame(
        {
            "year": rng.choice([2022, 2023], rows).astype("int32"),
            "division_code": rng.choice(DISTRICTS, rows, p=[0.1, 0.2, 0.4, 0.25, 0.05]),
            "de_sub": sub,
            "de_medium": sub.str[:4],
            "de_major": sub.str[:2],
            "de_status": status,
            "revenue": rng.lognormal(6, 1, rows),
            "value_added": rng.lognormal(4, 1.2, rows),
            "employees": rng.integers(1, 500, rows),
            "rd_expense": rng.lognormal(2, 1, rows),
        }
    )
    frame.loc[rng.random(rows) < 0.03, "value_added"] = None
    return frame


@pytest.fixture(scope="module")
def engine():
    engine = Engine.duckdb()
    engine.load("enterprise_year", pa.Table.from_pandas(enterprises(), preserve_index=False))
    return engine


def core_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[
        frame.de_status.isin(["full", "partial_resolved"])
        & frame.de_major.isin(["01", "02", "03", "04"])
    ]


def test_the_key_industry_share_matches_pandas(engine):
    by_sub = engine.execute(core_value_added_by_sub(engine.table()))
    shares = key_industry_shares(by_sub, DESIGNATED)
    core = core_rows(enterprises())
    assert {(s.year, s.division_code) for s in shares} == {
        (y, d) for y in (2022, 2023) for d in DESIGNATED
    }
    for share in shares:
        rows = core[(core.year == share.year) & (core.division_code == share.division_code)]
        inside = rows.de_sub.str.startswith(tuple(DESIGNATED[share.division_code]))
        expected = rows.value_added[inside].sum() / rows.value_added.sum() * 100
        assert math.isclose(share.share_percent, expected, rel_tol=TOL, abs_tol=TOL)


def test_a_designated_05_code_never_counts_as_core(engine):
    by_sub = engine.execute(core_value_added_by_sub(engine.table(), year=2023))
    only_05 = key_industry_shares(by_sub, {"330127": {"0501", "05"}})
    assert len(only_05) == 1
    assert only_05[0].designated_value_added_wan_yuan == 0.0
    assert only_05[0].core_value_added_wan_yuan > 0


def test_lq_leaders_rank_the_cube_and_compare_with_the_designated_categories(engine):
    cube = engine.execute(build_cube(engine.table(), level="medium", year=2023))
    leaders = {x.division_code: x for x in lq_leaders(cube, DESIGNATED, top_n=3)}
    binjiang = leaders["330108"]
    rows = cube[(cube.division_code == "330108") & (cube.de_code != "partial_unresolved")]
    expected_top = rows.sort_values("lq", ascending=False).de_code.head(3).tolist()
    assert [code for code, _ in binjiang.top] == expected_top
    assert binjiang.designated == ("0301", "0303", "0406")
    assert set(binjiang.matched) == set(expected_top) & set(binjiang.designated)
    lq = dict(zip(rows.de_code, rows.lq, strict=True))
    assert set(binjiang.designated_specialised) == {
        c for c in binjiang.designated if lq.get(c, 0) > 1
    }


def test_the_similarity_matrix_matches_numpy_pair_by_pair(engine):
    cube = engine.execute(build_cube(engine.table(), level="medium", year=2023))
    matrix = similarity_matrix(cube)
    core = core_rows(enterprises())
    core = core[core.year == 2023]
    va = core.groupby(["division_code", "de_medium"]).value_added.sum().unstack(fill_value=0.0)
    assert sorted(matrix.index) == sorted(va.index)
    for a in va.index:
        for b in va.index:
            x = va.loc[a].to_numpy() / va.loc[a].sum()
            y = va.loc[b].to_numpy() / va.loc[b].sum()
            expected = float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y)))
            assert math.isclose(matrix.loc[a, b], expected, rel_tol=TOL, abs_tol=TOL)


def test_the_similarity_matrix_is_symmetric_with_ones_on_the_diagonal(engine):
    cube = engine.execute(build_cube(engine.table(), level="major", year=2022))
    matrix = similarity_matrix(cube).to_numpy()
    assert np.allclose(matrix, matrix.T, rtol=0, atol=TOL)
    assert np.allclose(np.diag(matrix), 1.0, rtol=0, atol=TOL)


def test_a_unit_without_value_added_has_no_similarity():
    cube = pd.DataFrame(
        {
            "year": [2023, 2023, 2023],
            "division_code": ["330108", "330106", "330106"],
            "de_code": ["0301", "0301", "0101"],
            "value_added": [0.0, 5.0, 5.0],
        }
    )
    matrix = similarity_matrix(cube)
    assert math.isnan(matrix.loc["330108", "330106"])
    assert matrix.loc["330106", "330106"] == pytest.approx(1.0, abs=TOL)


def test_the_plan_file_gives_binjiang_its_big_data_and_ic_design_codes():
    codes = designated_codes()
    assert len(codes) == 13
    assert {"030306", "030401"} <= codes["330108"]


def test_a_key_industry_missing_from_the_mappings_is_named(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        'units:\n  - code: "330108"\n    key_industries:\n      - {name_zh: 元宇宙}\n'
        "industry_mappings: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="元宇宙") as error:
        designated_codes(plan)
    assert "330108" in str(error.value)


def test_a_missing_plan_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.yaml"):
        designated_codes(tmp_path / "nowhere.yaml")


def test_a_unit_without_designated_codes_has_a_zero_share(engine):
    by_sub = engine.execute(core_value_added_by_sub(engine.table(), year=2023))
    (share,) = key_industry_shares(by_sub, {"330102": set()})
    assert share.designated_value_added_wan_yuan == 0.0 and share.share_percent == 0.0
