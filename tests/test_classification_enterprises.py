"""classify_enterprises: the vectorised row classification the import uses."""

import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from hzdigital.classification import ENTERPRISE_COLUMNS, classify_enterprises, gbt4754, nbs
from hzdigital.classification.enterprises import COUNTED_STATUSES, STATUSES
from hzdigital.classification.text import classifier_for
from test_classification_reference import classify_rows


@pytest.fixture(autouse=True)
def shipped_edition_only(hzdigital_home):
    return hzdigital_home


# Hand-checked against the shipped table: 6520 maps fully to 030401; 7259 partially to
# 040409 (数字广告, 中类 0404); 8621 partially to 040408 (数字内容出版); 6210 正餐服务 and
# 5212 百货零售 map to nothing.
HAND_CHECKED = [
    # code, scope, de_sub, de_medium, de_major, de_status
    ("6520", None, "030401", "0304", "03", "full"),
    ("I6520", "餐饮服务", "030401", "0304", "03", "full"),
    ("7259", "互联网广告投放；广告设计", "040409", "0404", "04", "partial_resolved"),
    ("7259", "户外广告牌发布", None, None, None, "partial_unresolved"),
    ("7259", None, None, None, None, "partial_unresolved"),
    ("7259", "广告设计（不含互联网广告）", None, None, None, "partial_unresolved"),
    # A term naming the 中类 0404 itself resolves; one naming a sibling 小类 (数字出版 →
    # 040408) does not: digital publishing is no evidence that the advertising is digital.
    ("7259", "数字内容与媒体广告代理", "040409", "0404", "04", "partial_resolved"),
    ("7259", "数字出版物推广", None, None, None, "partial_unresolved"),
    ("8621", "电子书制作与发行", "040408", "0404", "04", "partial_resolved"),
    ("6210", "餐饮服务；智慧餐饮系统运营", "050604", "0506", "05", "text"),
    ("5212", "百货零售；智慧零售；智能仓储；数字化零售", "050602", "0506", "05", "text"),
    ("6210", "餐饮服务", None, None, None, "none"),
    ("6210", "", None, None, None, "none"),
    # A core activity named in the text does not make a non-digital class core.
    ("6210", "软件开发；云计算", None, None, None, "none"),
]


def _columns(rows):
    codes = [row[0] for row in rows]
    scopes = [row[1] for row in rows]
    return classify_enterprises(codes, scopes)


def test_it_applies_the_rules_to_a_hand_checked_table():
    columns = _columns(HAND_CHECKED)
    got = list(
        zip(
            *(
                columns[name].to_pylist()
                for name in ("de_sub", "de_medium", "de_major", "de_status")
            ),
            strict=True,
        )
    )
    assert got == [row[2:] for row in HAND_CHECKED]


def test_it_returns_exactly_the_documented_string_columns():
    columns = _columns(HAND_CHECKED)
    assert tuple(columns) == ENTERPRISE_COLUMNS
    for array in columns.values():
        assert array.type == pa.string()
        assert len(array) == len(HAND_CHECKED)
    assert set(columns["classification_edition"].to_pylist()) == {nbs.SHIPPED_EDITION_NAME}
    assert set(columns["de_status"].to_pylist()) <= set(STATUSES)


def test_evidence_names_the_rule_and_the_matched_terms():
    evidence = _columns(HAND_CHECKED)["de_evidence"].to_pylist()
    assert evidence[0] == "rule=full; gbt4754=6520; conf=high"
    assert evidence[2] == "rule=partial_resolved; gbt4754=7259; matched=互联网广告"
    assert evidence[3] == "rule=partial_unresolved; gbt4754=7259; candidates=040409"
    assert evidence[9] == "rule=text; matched=智慧餐饮"
    # 智慧零售 + 数字化零售 (9 characters) outweigh 智能仓储 (4, 智慧物流).
    assert evidence[10] == "rule=text; matched=智慧零售|数字化零售"
    assert evidence[11] == "rule=none"


def test_05_is_never_assigned_from_the_code_alone():
    codes = [entry.code for entry in gbt4754.load().classes]
    columns = classify_enterprises(codes, [None] * len(codes))
    assert "text" not in columns["de_status"].to_pylist()
    assert "05" not in columns["de_major"].to_pylist()


def test_unresolved_partial_rows_are_never_counted_as_core():
    columns = _columns(HAND_CHECKED)
    for status, major in zip(
        columns["de_status"].to_pylist(), columns["de_major"].to_pylist(), strict=True
    ):
        if status == "partial_unresolved":
            assert major is None
            assert status not in COUNTED_STATUSES


def test_it_accepts_pandas_numpy_and_arrow_columns():
    codes = [row[0] for row in HAND_CHECKED]
    scopes = [row[1] for row in HAND_CHECKED]
    expected = classify_enterprises(codes, scopes)
    nan_scopes = pd.Series([np.nan if s is None else s for s in scopes], dtype=object)
    for pair in (
        (pd.Series(codes), nan_scopes),
        (np.asarray(codes, dtype=object), np.asarray(scopes, dtype=object)),
        (pa.array(codes), pa.chunked_array([pa.array(scopes)])),
    ):
        assert classify_enterprises(*pair) == expected


def test_an_unknown_code_names_its_row():
    with pytest.raises(ValueError, match="row 3, field industry_code") as raised:
        classify_enterprises(["6520", "6520", "9999"], [None, None, None])
    assert "第 3 行" in str(raised.value)


def test_an_empty_code_names_its_row():
    with pytest.raises(ValueError, match="row 2, field industry_code"):
        classify_enterprises(["6520", None], [None, None])


def test_codes_and_scopes_must_have_the_same_length():
    with pytest.raises(ValueError, match="differ in length"):
        classify_enterprises(["6520"], [])


def test_no_rows_give_empty_columns():
    columns = classify_enterprises([], [])
    assert tuple(columns) == ENTERPRISE_COLUMNS
    assert all(len(array) == 0 for array in columns.values())


def _generated_rows(count: int, seed: int):
    """Codes weighted towards digital and partial classes; scopes mixing every kind of term."""
    rng = random.Random(seed)
    edition = nbs.shipped_edition()
    digital = sorted(edition.by_gbt)
    partial = sorted({row.gbt4754_code for row in edition.rows if row.partial})
    others = [entry.code for entry in gbt4754.load().classes]
    terms = list(classifier_for().vocabulary.terms)
    filler = ["餐饮服务", "企业管理咨询", "货物进出口", "；", "，", "（不含", "（除", "）", "、"]
    codes, scopes = [], []
    for _ in range(count):
        pool = rng.choice([digital, partial, partial, others, others])
        code = rng.choice(pool)
        # As clerks write them: plain, with the section letter, or with stray blanks.
        section = gbt4754.lookup(code).section
        codes.append(rng.choice(["", section, " "]) + code)
        if rng.random() < 0.15:
            scopes.append(None)
            continue
        pieces = rng.choices(terms, k=rng.randint(0, 4)) + rng.choices(filler, k=rng.randint(0, 6))
        rng.shuffle(pieces)
        scopes.append("".join(pieces))
    return codes, scopes


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_agrees_with_a_row_by_row_plain_python_reference(seed):
    codes, scopes = _generated_rows(3000, seed)
    columns = classify_enterprises(codes, scopes)
    expected = classify_rows(codes, scopes, nbs.shipped_edition(), classifier_for().vocabulary)
    for name, values in expected.items():
        assert columns[name].to_pylist() == values, name
    statuses = set(columns["de_status"].to_pylist())
    assert statuses == set(STATUSES)  # the generated rows exercise every rule


def test_repeated_rows_get_the_same_answer_as_single_rows():
    codes, scopes = _generated_rows(200, 9)
    once = classify_enterprises(codes, scopes)
    twice = classify_enterprises(codes * 2, scopes * 2)
    for name in ENTERPRISE_COLUMNS:
        assert twice[name].to_pylist() == once[name].to_pylist() * 2
