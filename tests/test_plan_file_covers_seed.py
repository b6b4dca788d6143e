"""data/plan.yaml holds the whole seed excerpt: checked against the seed TEXT, parsed here.

The seed (data/plan_seed_excerpt.txt) is parsed independently of the plan-file reader: unit
paragraphs of 专栏13, direction paragraphs of 专栏12, the three groups of section 四.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "hzdigital" / "data"
SEED_LINES = (DATA / "plan_seed_excerpt.txt").read_text(encoding="utf-8").splitlines()
PLAN = yaml.safe_load((DATA / "plan.yaml").read_text(encoding="utf-8"))

# Section 四's group headings and the group keys the brief gives them.
GROUP_HEADINGS = {
    "健全落实机制": "mechanism",
    "完善要素保障": "factors",
    "优化发展环境": "environment",
}
# The verbs of 专栏13 and the emphasis each one means.
VERB_EMPHASIS = {
    "重点发展": "focus",
    "发展": "focus",
    "谋划发展": "plan",
    "大力培育": "cultivate",
    "扶持发展": "support",
}
# Words that end a programme's name in 专栏12; each occurrence must fall inside a named programme.
# (工程师 "engineers" is a kind of person, not a 工程 "project".)
PROGRAMME_SUFFIXES = (
    "计划", "工程(?!师)", "基地", "创业创新园", "大赛", "工作站", "学院", "双创日", "职业教育", "培训",
)  # fmt: skip


def _paragraphs(start: str, stop: str) -> dict[str, str]:
    """Lines between two headings, as {text before the first 。: the rest}."""
    begin = next(i for i, line in enumerate(SEED_LINES) if line.startswith(start))
    end = next(i for i, line in enumerate(SEED_LINES) if i > begin and line.startswith(stop))
    found = {}
    for line in SEED_LINES[begin + 1 : end]:
        head, _, body = line.partition("。")
        found[head] = body
    return found


UNIT_PARAGRAPHS = {
    name: body
    for name, body in _paragraphs("专栏13", "四、保障措施").items()
    if name.endswith(("区", "县", "市"))
}
CORRIDOR_PARAGRAPHS = {
    name: body for name, body in _paragraphs("专栏13", "四、保障措施").items() if "走廊" in name
}
DIRECTION_PARAGRAPHS = _paragraphs("专栏12", "3.强化")


def _section_four() -> dict[str, str]:
    begin = SEED_LINES.index("四、保障措施")
    groups, current = {}, None
    for line in SEED_LINES[begin + 1 :]:
        heading = re.fullmatch(r"\((.)\)(.+)。", line)
        if heading:
            current = GROUP_HEADINGS[heading.group(2)]
        elif current and line:
            groups[current] = groups.get(current, "") + line
    return groups


SECTION_FOUR = _section_four()


def _split_outside_parentheses(text: str) -> list[str]:
    items, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "、" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    return [*items, current]


def _industries_in(paragraph: str) -> set[tuple[str, str]]:
    """(industry, emphasis) pairs a 专栏13 paragraph names, read from its clauses."""
    found = set()
    for clause in re.split(r"[,;。]", paragraph):
        verb = next(
            (v for v in sorted(VERB_EMPHASIS, key=len, reverse=True) if clause.startswith(v)), None
        )
        body = clause[len(verb) :] if verb else ""
        # "发展以智能制造为重点的…" describes the shape of the economy, not a list of industries.
        if not body or body.startswith("以"):
            continue
        body = re.sub(r"等.*$", "", body)
        for item in _split_outside_parentheses(body):
            found.add((item.removesuffix("产业"), VERB_EMPHASIS[verb]))
    return found


def test_it_has_the_thirteen_units_of_special_column_13() -> None:
    assert {unit["name_zh"] for unit in PLAN["units"]} == set(UNIT_PARAGRAPHS)
    assert len(UNIT_PARAGRAPHS) == 13


def test_each_unit_positioning_is_its_paragraph_verbatim() -> None:
    for unit in PLAN["units"]:
        assert unit["positioning_zh"] == UNIT_PARAGRAPHS[unit["name_zh"]], unit["name_zh"]


@pytest.mark.parametrize("unit", PLAN["units"], ids=lambda u: u["name_zh"])
def test_each_unit_names_exactly_the_industries_of_its_paragraph_with_their_emphasis(
    unit: dict,
) -> None:
    named = {(k["name_zh"], k.get("emphasis", "focus")) for k in unit["key_industries"]}
    assert named == _industries_in(UNIT_PARAGRAPHS[unit["name_zh"]])


def test_the_parser_of_this_test_reads_linping_and_chunan_emphases() -> None:
    # Guards the independent reading above on the two paragraphs with mixed verbs.
    assert ("集成电路", "plan") in _industries_in(UNIT_PARAGRAPHS["临平区"])
    assert ("智能诊疗", "cultivate") in _industries_in(UNIT_PARAGRAPHS["临平区"])
    assert ("数据中心", "support") in _industries_in(UNIT_PARAGRAPHS["淳安县"])


def test_the_core_units_are_those_of_yihe_jiuxing() -> None:
    layout = next(line for line in SEED_LINES if "一核九星" in line)
    core_names = set(re.search(r"以(.+?)为核心", layout).group(1).split("、"))
    assert (
        {u["name_zh"] for u in PLAN["units"] if u["core"]}
        == core_names
        == {"余杭区", "滨江区", "西湖区"}
    )


def test_every_industry_used_by_a_unit_has_one_mapping_and_no_mapping_is_unused() -> None:
    used = {k["name_zh"] for unit in PLAN["units"] for k in unit["key_industries"]}
    assert used == set(PLAN["industry_mappings"])


def test_the_corridors_are_the_two_of_special_column_13_with_their_words() -> None:
    assert {c["name_zh"] for c in PLAN["corridors"]} == set(CORRIDOR_PARAGRAPHS)
    for corridor in PLAN["corridors"]:
        text = CORRIDOR_PARAGRAPHS[corridor["name_zh"]]
        assert corridor["text_zh"] == text
        for word in corridor["industries"] + corridor["platforms"]:
            assert word in text, word


def test_corridor_units_are_recorded_as_an_assumption() -> None:
    for corridor in PLAN["corridors"]:
        assert corridor["units"]
        assert "assumption, not in the seed text" in corridor["units_assumption"].lower()


def test_it_has_the_four_talent_directions_verbatim() -> None:
    assert [d["name_zh"] for d in PLAN["talent_directions"]] == list(DIRECTION_PARAGRAPHS)
    for direction in PLAN["talent_directions"]:
        assert direction["text_zh"] == DIRECTION_PARAGRAPHS[direction["name_zh"]]


@pytest.mark.parametrize("direction", PLAN["talent_directions"], ids=lambda d: d["slug"])
def test_every_programme_the_direction_names_is_a_programme(direction: dict) -> None:
    text = direction["text_zh"]
    spans = []
    for programme in direction["programmes"]:
        assert programme["quote_zh"] in text
        assert programme["name_zh"] in programme["quote_zh"]
        start = text.index(programme["name_zh"])
        spans.append((start, start + len(programme["name_zh"])))
    for suffix in PROGRAMME_SUFFIXES:
        for match in re.finditer(re.escape(suffix), text):
            assert any(a <= match.start() < b for a, b in spans), f"{suffix} at {match.start()}"


def test_the_programmes_the_brief_lists_are_there() -> None:
    names = "".join(p["name_zh"] for d in PLAN["talent_directions"] for p in d["programmes"])
    for expected in ("院士创新基地", "国际人才创业创新园", "高层次人才创新创业大赛", "浙商青蓝接力工程",
                     "双传承", "产业学院", "技师学院", "双元制", "数字经济专项人才引培工程",
                     "博士后倍增计划", "博士后工作站", "双创日", "带专利、项目、团队创业"):  # fmt: skip
        assert expected in names, expected


@pytest.mark.parametrize("group", list(GROUP_HEADINGS.values()))
def test_measures_cover_each_group_of_section_four_in_order_leaving_only_punctuation(
    group: str,
) -> None:
    paragraph = SECTION_FOUR[group]
    measures = [m for m in PLAN["measures"] if m["group"] == group]
    cursor = 0
    for measure in measures:
        start = paragraph.index(measure["text_zh"], cursor)
        assert re.fullmatch(r"[,;。]*", paragraph[cursor:start]), measure["id"]
        cursor = start + len(measure["text_zh"])
    assert re.fullmatch(r"[,;。]*", paragraph[cursor:])


def test_measure_ids_follow_their_group_and_every_measure_names_its_feature() -> None:
    number = {v: k for k, v in enumerate(GROUP_HEADINGS.values(), start=1)}
    for measure in PLAN["measures"]:
        assert measure["id"].startswith(f"4.{number[measure['group']]}.")
        assert measure["feature"] and measure["feature_zh"] and measure["text_en"]


def test_the_measures_the_brief_names_are_served_by_their_features() -> None:
    feature_of = {m["text_zh"]: m["feature"] for m in PLAN["measures"]}
    assert feature_of["按照国家数字经济统计分类,做好统计监测分析"] == "monitoring"
    assert feature_of["发布关键核心技术年度攻关清单,根据清单跟踪相关行业"] == "tech_list"
    assert feature_of["加强全球数字经济领先城市对标研究"] == "benchmark"
    assert next(f for t, f in feature_of.items() if t.startswith("利用信贷风险补偿")) == "financing"


def test_the_layout_paragraph_is_section_3_3_verbatim():
    layout = PLAN["edition"]["layout_zh"]
    assert any(line.endswith(layout) for line in SEED_LINES if line.startswith("3.强化"))
    assert "一核九星" in layout and layout.startswith("根据")
