"""Bad rows: exactly the kinds and numbers asked, each row with exactly one defect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from hzdigital.demo.faults import BAD_ROW_KINDS
from hzdigital.demo.generate import generate_records
from hzdigital.lib.uscc import is_valid_uscc

DATA = Path(__file__).resolve().parents[1] / "src" / "hzdigital" / "data"


def _defects(frame: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per kind the import rejects, each detected independently."""
    counties = pd.read_csv(DATA / "hangzhou_admin_divisions_2023.csv", dtype=str)
    counties = set(counties.loc[counties["level"] == "county_level", "code6"])
    gb = pd.read_csv(DATA / "gbt4754_2017_industry_classification.csv", dtype=str)
    classes = set(gb.loc[gb["level"] == "class", "code"])
    return pd.DataFrame(
        {
            "check_char": ~frame["uscc"].map(is_valid_uscc),
            "unknown_class": ~frame["industry_code"].isin(classes),
            "outside_hangzhou": ~frame["division_code"].isin(counties),
            "negative_revenue": frame["revenue"] < 0,
            "duplicate_key": frame.duplicated(subset=["uscc", "year"]),
            "bad_year": ~frame["year"].between(2015, dt.date.today().year),
        }
    )


def test_the_detectors_cover_every_kind_the_generator_knows():
    assert set(_defects(generate_records(50, 1)).columns) == set(BAD_ROW_KINDS)


def test_a_clean_file_has_no_defect():
    assert not _defects(generate_records(3_000, 4)).any().any()


@pytest.mark.parametrize("kind", sorted(BAD_ROW_KINDS))
def test_it_injects_exactly_the_kind_asked(kind):
    frame = generate_records(2_000, 6, bad_share=0.05, bad_kinds=[kind])
    defects = _defects(frame)
    assert len(frame) == 2_000
    assert defects[kind].sum() == 100
    assert defects.drop(columns=kind).sum().sum() == 0
    assert frame.attrs["hzdigital_generation"]["bad_rows"] == {kind: 100}


def test_all_kinds_share_the_bad_rows_evenly_one_defect_per_row():
    frame = generate_records(6_000, 9, bad_share=0.02)
    defects = _defects(frame)
    assert defects.sum().to_dict() == dict.fromkeys(BAD_ROW_KINDS, 20)
    assert (defects.sum(axis=1) <= 1).all()


def test_bad_rows_are_scattered_through_the_file():
    frame = generate_records(4_000, 2, bad_share=0.05)
    positions = frame.index[_defects(frame).any(axis=1)]
    assert positions.min() < 1_000 and positions.max() > 3_000


def test_it_refuses_an_unknown_kind_naming_the_known_ones():
    with pytest.raises(ValueError, match="未知的错误行类型.*check_char"):
        generate_records(100, 1, bad_share=0.1, bad_kinds=["typo"])


@pytest.mark.parametrize("share", [-0.1, 0.6])
def test_it_refuses_a_bad_share_outside_zero_to_a_half(share):
    with pytest.raises(ValueError, match="错误行比例"):
        generate_records(100, 1, bad_share=share)


def test_the_reports_vectorised_uscc_check_agrees_with_is_valid_uscc():
    from hzdigital.demo.codes import valid_mask

    frame = generate_records(3_000, 13, bad_share=0.1, bad_kinds=["check_char"])
    odd = [
        "",
        " 91330102ma40tubw8j ",
        "91330102MA40TUBW8",
        "Ｘ" * 18,
        "91330102MA40TUBWIJ",
        "9" * 19,
    ]
    codes = [*frame["uscc"], *odd]
    assert valid_mask(codes).tolist() == [is_valid_uscc(code) for code in codes]
    assert not valid_mask(frame["uscc"]).all()


def test_the_report_counts_only_rows_an_import_accepts():
    from hzdigital.demo.report import acceptable_rows

    frame = generate_records(3_000, 14, bad_share=0.06)
    assert acceptable_rows(frame).tolist() == (~_defects(frame).any(axis=1)).tolist()
