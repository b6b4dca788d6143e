"""Messages of the plan module: Chinese first, English available, one per rule.

Framework-free, so the plan-file reader and its tests import them without Django.
Each rule of ``planfile`` names one entry of ``PLAN_RULES``; tests import the rule names
instead of copying message text.
"""

from __future__ import annotations

from hzdigital.lib.messages import Message

PLAN_RULES: dict[str, Message] = {
    "yaml_syntax": Message("不是有效的 YAML:{detail}", "is not valid YAML: {detail}"),
    "required": Message("缺少必填项", "is required"),
    "type": Message("应为{expected_zh}", "must be {expected_en}"),
    "unknown_key": Message(
        "不认识的字段 {key}(允许:{allowed})", "has an unknown field {key} (allowed: {allowed})"
    ),
    "code_must_be_quoted": Message(
        '代码必须加引号写成字符串,例如 "{example}"',
        'codes must be quoted strings, e.g. "{example}"',
    ),
    "choice": Message("{value} 不是可选值之一:{choices}", "{value} is not one of: {choices}"),
    "unit_code": Message(
        "{value} 不是杭州市现行(2021 年调整后)的县级区划代码",
        "{value} is not a current (post-2021) county-level code of Hangzhou",
    ),
    "unit_code_abolished": Message(
        "{value} 已于 {year} 年撤销,请改用 {successors}",
        "{value} was abolished in {year}; use {successors}",
    ),
    "duplicate": Message("{value} 重复出现(首次在 {first})", "{value} repeats (first at {first})"),
    "gbt4754_class": Message(
        "{value} 不是 GB/T 4754-2017 的小类(4 位)代码",
        "{value} is not a GB/T 4754-2017 class (4-digit 小类) code",
    ),
    "nbs_code": Message(
        "{value} 不是国家统计局 2021 数字经济分类的中类(4 位)或小类(6 位)代码",
        "{value} is not an NBS 2021 medium (4-digit) or sub (6-digit) category code",
    ),
    "unmapped_industry": Message(
        "重点产业 {value} 在 industry_mappings 中没有对应的代码映射",
        "key industry {value} has no entry in industry_mappings",
    ),
    "unused_mapping": Message(
        "映射 {value} 没有被任何区县使用", "mapping {value} is not used by any unit"
    ),
    "no_nbs_without_note": Message(
        "没有国家统计局分类代码时必须在 mapping_note 中说明原因",
        "a mapping with no NBS code must say why in mapping_note",
    ),
    "not_in_text": Message(
        "{value} 未在 {where} 的原文中出现", "{value} does not appear in the text of {where}"
    ),
    "measure_id": Message(
        "{value} 应为 4.<组>.<序号>,且组号与 group 一致(1 机制、2 要素、3 环境)",
        "{value} must be 4.<group>.<n> with the group number matching group "
        "(1 mechanism, 2 factors, 3 environment)",
    ),
    "url": Message("{value} 不是 http(s) 网址", "{value} is not an http(s) URL"),
    "number": Message("{value} 不是数字", "{value} is not a number"),
    "published_row": Message(
        "与 published_statistics.csv 的 {row} 行不一致:{detail}",
        "disagrees with row {row} of published_statistics.csv: {detail}",
    ),
}

PLAN_FILE_INVALID_ZH = "规划文件 {file} 有 {count} 处错误:"
PLAN_FILE_INVALID_EN = "plan file {file} has {count} error(s):"

PLAN_LOADED_ZH = "规划已载入:{slug}({units} 个区县,{industries} 个重点产业,{measures} 条保障措施)"
PLAN_LOADED_EN = (
    "plan loaded: {slug} ({units} units, {industries} key industries, {measures} measures)"
)
