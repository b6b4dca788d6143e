"""Business-scope text → candidate GB/T classes and NBS categories (one Aho-Corasick automaton)."""

import csv
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hzdigital.classification import classify_text, classify_texts, gbt4754, nbs
from hzdigital.classification.terms import SYNONYMS_CSV, read_synonyms
from hzdigital.classification.text import classifier_for
from test_classification_reference import matched_terms


@pytest.fixture(autouse=True)
def shipped_edition_only(hzdigital_home):
    return hzdigital_home


@pytest.fixture
def vocabulary():
    return classifier_for().vocabulary


def _codes(items):
    return [item.code for item in items]


def test_cloud_computing_points_to_internet_data_services():
    result = classify_text("云计算")
    assert [(c.industry_code, c.matched) for c in result.candidates] == [("6450", ("云计算",))]
    (category,) = result.categories
    assert (category.code, category.name, category.major, category.core) == (
        "030306",
        "互联网数据服务",
        "03",
        True,
    )
    assert category.matched == ("云计算",)


def test_an_official_sub_category_name_finds_its_class_and_category():
    result = classify_text("从事集成电路设计及相关技术服务")
    assert _codes(result.categories) == ["030401"]
    assert [c.industry_code for c in result.candidates] == ["6520"]


def test_the_longest_match_wins_over_the_terms_inside_it(vocabulary):
    # 人工智能应用软件开发 contains both 人工智能 and 软件开发, which are terms too.
    assert {"人工智能", "软件开发", "人工智能应用软件开发"} <= set(vocabulary.terms)
    result = classify_text("人工智能应用软件开发")
    matched = {term for c in result.categories for term in c.matched}
    assert matched == {"人工智能应用软件开发"}
    # 数据中心建设 (building computing infrastructure) beats 数据中心 (running one).
    assert _codes(classify_text("数据中心建设").categories) == ["040503"]
    assert _codes(classify_text("数据中心运营").categories) == ["030405"]


@pytest.mark.parametrize(
    "text",
    [
        "餐饮服务；预包装食品销售",
        "日用百货、服装服饰、五金产品的零售",
        "普通货物仓储服务（不含危险化学品）；道路货物运输",
        "物业管理；住房租赁；家政服务",
        "",
    ],
)
def test_non_digital_text_returns_nothing(text):
    result = classify_text(text)
    assert result.candidates == ()
    assert result.categories == ()


def test_none_is_treated_as_empty_text():
    assert classify_text(None).categories == ()


def test_a_term_inside_an_exclusion_clause_is_not_evidence():
    assert classify_text("企业管理咨询（不含网络借贷服务）").categories == ()
    assert _codes(classify_text("网络借贷服务").categories) == ["040301"]
    # The clause ends at the closing bracket: what follows counts again.
    result = classify_text("（除网络借贷服务）云计算")
    assert _codes(result.categories) == ["030306"]


def test_a_partial_class_name_names_the_class_but_not_the_digital_category():
    # GB 7259 其他广告服务 belongs to 数字广告 only in part: its name is no evidence.
    result = classify_text("其他广告服务")
    assert [c.industry_code for c in result.candidates] == ["7259"]
    assert result.categories == ()


def test_a_medium_name_gives_a_medium_level_category():
    (category,) = classify_text("智能制造").categories
    assert (category.code, category.level, category.major, category.core) == (
        "0502",
        "medium",
        "05",
        False,
    )


def test_scores_are_the_characters_of_the_distinct_supporting_terms(vocabulary):
    text = "直播电商；互联网销售（除销售需要许可的商品）；网店运营；直播电商"
    result = classify_text(text)
    terms = matched_terms(text, set(vocabulary.terms))
    index = {term: i for i, term in enumerate(vocabulary.terms)}
    for category in result.categories:
        supporting = [t for t in terms if category.code in vocabulary.categories[index[t]]]
        assert list(category.matched) == supporting
        assert category.score == sum(len(t) for t in supporting)
    (retail,) = [c for c in result.categories if c.code == "040202"]
    assert retail.score == len("直播电商") + len("互联网销售") + len("网店")


def test_results_are_sorted_by_score_then_code():
    result = classify_text("软件开发；云计算；大数据服务；集成电路设计；物联网")
    keys = [(-c.score, c.code) for c in result.categories]
    assert keys == sorted(keys)
    keys = [(-c.score, c.industry_code) for c in result.candidates]
    assert keys == sorted(keys)


def test_the_batch_gives_the_same_answers_as_one_by_one():
    texts = ["云计算", None, "餐饮服务", "直播电商；智慧仓储", "集成电路设计", "云计算"]
    assert classify_texts(texts) == [classify_text(text) for text in texts]


def test_the_json_shape_lists_matched_terms():
    payload = classify_text("云计算").to_dict()
    assert payload["candidates"][0] == {
        "industry_code": "6450",
        "industry_name": "互联网数据服务",
        "score": 3,
        "matched": ["云计算"],
    }
    assert set(payload["categories"][0]) == {
        "code",
        "name",
        "level",
        "medium",
        "major",
        "core",
        "partial",
        "score",
        "matched",
    }


def test_every_synonym_row_is_well_formed_and_its_target_exists(vocabulary):
    rows = read_synonyms()
    with SYNONYMS_CSV.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle))[0].keys() == {"term", "scheme", "code", "note"}
    assert len(rows) >= 100
    assert vocabulary.skipped_synonyms == ()
    edition, table = nbs.shipped_edition(), gbt4754.load()
    for row in rows:
        if row["scheme"] == "gbt4754":
            assert table.by_code[row["code"]].level == "class", row
        else:
            known = set(edition.subs) | {r.medium_code for r in edition.rows}
            assert row["code"] in known, row
        assert row["note"].strip(), row


@pytest.mark.parametrize(
    ("term", "category"),
    [
        ("大数据", "030306"),
        ("人工智能", "030103"),
        ("集成电路设计", "030401"),
        ("直播电商", "040202"),
        ("跨境电商", "0402"),
        ("工业互联网", "040101"),
        ("物联网", "030403"),
        ("5G", "0302"),
        ("区块链", "030104"),
        ("数字安防", "010305"),
        ("电竞", "030303"),
        ("智能制造", "0502"),
        ("数据中心", "030405"),
        ("软件开发", "0301"),
        ("信息技术咨询", "030406"),
    ],
)
def test_the_curated_terms_of_the_brief_reach_a_category(term, category):
    assert category in _codes(classify_text(term).categories)


def test_the_synonym_file_rejects_an_unknown_scheme(tmp_path):
    bad = tmp_path / "synonyms.csv"
    bad.write_text("term,scheme,code,note\n云计算,isic,6450,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("row 2, field scheme")):
        read_synonyms(bad)


# Text drawn from pieces of real terms, separators and exclusion markers, so overlaps,
# near-misses and exclusions are frequent.
_PIECES = st.sampled_from(
    [
        "云计算",
        "计算",
        "云",
        "软件开发",
        "人工智能",
        "应用软件开发",
        "集成电路",
        "设计",
        "数据中心",
        "建设",
        "网络借贷服务",
        "互联网",
        "数据服务",
        "智慧",
        "仓储",
        "不含",
        "（除",
        "）",
        "；",
        "、",
        "，",
        "餐饮",
        "直播电商",
        "5G",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_matching_agrees_with_a_plain_python_leftmost_longest_reference(text):
    classifier = classifier_for()
    vocabulary = classifier.vocabulary
    found = [vocabulary.terms[i] for i in classifier.scan(text)]
    assert found == matched_terms(text, set(vocabulary.terms))
