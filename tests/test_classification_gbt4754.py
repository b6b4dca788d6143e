"""GB/T 4754-2017: the shipped table, code normalisation, lookup and search."""

import csv
from collections import Counter

import pytest

from hzdigital.classification import gbt4754
from hzdigital.classification.gbt4754 import (
    InvalidIndustryCode,
    UnknownIndustryCode,
    lookup,
    lookup_class,
    normalise_code,
    search,
)
from hzdigital.classification.messages import SECTION_MISMATCH, UNKNOWN_CODE_IN_GROUP


def _raw_rows():
    with gbt4754.GBT4754_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_table_has_the_published_counts_per_level():
    # SOURCES.md (b): 20 门类, 97 大类, 473 中类, 1381 小类.
    counts = Counter(entry.level for entry in gbt4754.load())
    assert counts == {"section": 20, "division": 97, "group": 473, "class": 1381}


def test_the_table_is_read_once():
    assert gbt4754.load() is gbt4754.load()


def test_every_row_of_the_file_is_looked_up_by_its_code():
    for row in _raw_rows():
        entry = lookup(row["code"])
        assert (entry.level, entry.name) == (row["level"], row["name"])


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("6520", "6520"),
        ("I6520", "6520"),
        ("i6520", "6520"),
        (" 6520 ", "6520"),
        ("A0111", "0111"),
        ("Ｉ６５２０", "6520"),  # full-width, as pasted from a Chinese document
    ],
)
def test_it_normalises_letter_prefixes_and_blanks(written, expected):
    assert normalise_code(written) == expected


def test_it_keeps_the_brief_example_i6510_as_format_only():
    # 6510 is well formed (so normalise accepts it) but is not a 2017 class (see below).
    assert normalise_code("I6510") == "6510"


@pytest.mark.parametrize(
    "written", ["", "652", "65200", "I 6520", "IJ6520", "6520a", "6 520", "٦٥٢٠"]
)
def test_it_rejects_malformed_codes(written):
    with pytest.raises(InvalidIndustryCode) as raised:
        normalise_code(written)
    assert repr(written) in str(raised.value)


def test_it_rejects_a_section_letter_that_contradicts_the_class():
    with pytest.raises(InvalidIndustryCode) as raised:
        normalise_code("A6520")
    assert raised.value.message is SECTION_MISMATCH
    assert "section I" in raised.value.en and "门类 I" in raised.value.zh


def test_it_rejects_a_code_that_is_not_a_class():
    with pytest.raises(UnknownIndustryCode) as raised:
        lookup_class("9999")
    assert "9999" in raised.value.zh and "9999" in raised.value.en


def test_a_2011_code_names_the_classes_that_replaced_it():
    with pytest.raises(UnknownIndustryCode) as raised:
        lookup_class("I6510")
    assert raised.value.message is UNKNOWN_CODE_IN_GROUP
    expected = [
        row["code"]
        for row in _raw_rows()
        if row["level"] == "class" and row["code"].startswith("651")
    ]
    assert expected == ["6511", "6512", "6513", "6519"]
    for code in expected:
        assert code in raised.value.en


def test_lookup_class_refuses_a_group_written_as_four_digits():
    # 0220 is a class (single-class group); 0110 is not a class although 011 is a group.
    assert lookup_class("0220").level == "class"
    with pytest.raises(UnknownIndustryCode):
        lookup_class("0110")


def test_search_by_code_prefix_returns_the_subtree_in_table_order():
    found = [entry.code for entry in search("I65", limit=1000)]
    expected = [row["code"] for row in _raw_rows() if row["code"].startswith("65")]
    assert found == expected
    assert found[0] == "65"


def test_search_by_section_letter_returns_the_whole_section():
    found = search("I", limit=1000)
    assert {entry.section for entry in found} == {"I"}
    assert len(found) == sum(1 for row in _raw_rows() if row["section"] == "I")


def test_search_by_chinese_name_finds_every_level_containing_it():
    found = search("软件", limit=1000)
    expected = [row["code"] for row in _raw_rows() if "软件" in row["name"]]
    assert [entry.code for entry in found] == expected
    assert "6513" in expected


def test_search_respects_the_limit_and_ignores_blank_queries():
    assert len(search("I", limit=3)) == 3
    assert search("   ") == []


def test_parents_chain_up_to_the_section():
    entry = lookup("6520")
    chain = []
    while entry.parent_code is not None:
        chain.append(entry.parent_code)
        entry = lookup(entry.parent_code)
    assert chain == ["652", "65", "I"]
