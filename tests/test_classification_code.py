"""classify_code: a GB/T 4754 class → NBS 2021 categories under the active edition."""

import csv
from collections import defaultdict

import pytest

from hzdigital.classification import (
    InvalidIndustryCode,
    UnknownIndustryCode,
    classify_code,
    gbt4754,
    nbs,
)
from hzdigital.classification.messages import RECONSTRUCTION_NOTE


@pytest.fixture(autouse=True)
def shipped_edition_only(hzdigital_home):
    """Each test sees the shipped reconstruction, whatever ./var holds."""
    return hzdigital_home


def _shipped_mapping() -> dict[str, set[tuple[str, bool]]]:
    """GB code → {(sub code, partial)}, read straight from the CSV (independent of nbs.py)."""
    mapping: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    with nbs.SHIPPED_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["gbt4754_code"]:
                mapping[row["gbt4754_code"]].add((row["sub_code"], row["partial"] == "1"))
    return mapping


def test_every_gbt_class_classifies_without_error():
    mapping = _shipped_mapping()
    classes = gbt4754.load().classes
    assert len(classes) == 1381
    for entry in classes:
        result = classify_code(entry.code)
        assert result.industry_name == entry.name
        assert {(c.code, c.partial) for c in result.categories} == mapping.get(entry.code, set())


def test_every_code_of_the_nbs_table_maps_back_to_its_sub_category():
    with nbs.SHIPPED_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["gbt4754_code"]]
    assert len(rows) == 126  # SOURCES.md (e): 126 rows with a GB code
    for row in rows:
        codes = [c.code for c in classify_code(row["gbt4754_code"]).categories]
        assert row["sub_code"] in codes


def test_it_describes_each_category_with_its_parents_and_confidence():
    (category,) = classify_code("6520").categories
    assert (category.code, category.name, category.medium, category.major) == (
        "030401",
        "集成电路设计",
        "0304",
        "03",
    )
    assert category.core is True
    assert category.partial is False
    assert category.confidence == "high"
    assert category.evidence.startswith("name-match")


def test_core_means_majors_01_to_04_and_no_class_maps_to_05_by_code():
    for entry in gbt4754.load().classes:
        for category in classify_code(entry.code).categories:
            assert category.core == (category.major in {"01", "02", "03", "04"})
            assert category.major != "05"


def test_a_partial_class_is_flagged_partial():
    (category,) = classify_code("7259").categories
    assert category.code == "040409"
    assert category.partial is True


def test_a_class_outside_the_digital_economy_has_no_categories():
    result = classify_code("0111")
    assert result.industry_name == "稻谷种植"
    assert result.categories == []


@pytest.mark.parametrize("written", ["I6520", "i6520", " 6520 "])
def test_it_accepts_letter_prefixes_and_blanks(written):
    assert classify_code(written).industry_code == "6520"


@pytest.mark.parametrize("written", ["9999", "6510", "0110"])
def test_an_unknown_code_raises_a_clear_error(written):
    with pytest.raises(UnknownIndustryCode) as raised:
        classify_code(written)
    message = str(raised.value)
    assert written in message
    assert "GB/T 4754-2017" in message
    assert message.index(raised.value.zh) < message.index(raised.value.en)  # Chinese first


def test_a_malformed_code_raises_invalid_industry_code():
    with pytest.raises(InvalidIndustryCode):
        classify_code("65-20")


def test_results_say_the_table_is_a_reconstruction():
    result = classify_code("6520")
    assert result.is_reconstruction is True
    assert result.edition == nbs.SHIPPED_EDITION_NAME
    assert result.edition_note == RECONSTRUCTION_NOTE.render()
    payload = result.to_dict()
    assert payload["is_reconstruction"] is True
    assert set(payload) >= {"industry_code", "industry_name", "edition", "categories"}
    assert set(payload["categories"][0]) == {
        "code",
        "name",
        "medium",
        "major",
        "core",
        "partial",
        "confidence",
        "evidence",
    }
