"""Messages the classification package shows to people: Chinese first, English available.

Tests import these constants instead of copying their text.

>>> UNKNOWN_INDUSTRY_CODE.render(code="9999")
'行业代码 9999 不在 GB/T 4754-2017 小类表中 / industry code 9999 is not a GB/T 4754-2017 class'
>>> UNKNOWN_INDUSTRY_CODE.en.format(code="9999")
'industry code 9999 is not a GB/T 4754-2017 class'
"""

from __future__ import annotations

from hzdigital.lib.messages import Message

# --- codes -----------------------------------------------------------------------------------
INVALID_INDUSTRY_CODE = Message(
    "行业代码 {code!r} 格式不正确：应为 4 位数字，可带一个门类字母前缀（如 I6520）",
    "industry code {code!r} is malformed: expected 4 digits, optionally after one section "
    "letter (e.g. I6520)",
)
SECTION_MISMATCH = Message(
    "行业代码 {code!r} 的门类字母 {letter} 与小类 {digits} 所属门类 {section} 不符",
    "industry code {code!r}: section letter {letter} does not match class {digits}, "
    "which is in section {section}",
)
UNKNOWN_INDUSTRY_CODE = Message(
    "行业代码 {code} 不在 GB/T 4754-2017 小类表中",
    "industry code {code} is not a GB/T 4754-2017 class",
)
UNKNOWN_CODE_IN_GROUP = Message(
    "行业代码 {code} 不是 GB/T 4754-2017 小类（可能是 2011 版代码）；中类 {group} {group_name} "
    "下的小类为：{classes}",
    "industry code {code} is not a GB/T 4754-2017 class (perhaps a 2011 code); the classes of "
    "group {group} {group_name} are: {classes}",
)
INVALID_SEARCH_CODE = Message(
    "行业代码 {code!r} 格式不正确：应为门类字母、2 至 4 位数字，或带门类字母前缀的代码",
    "industry code {code!r} is malformed: expected a section letter, 2 to 4 digits, "
    "or digits after a section letter",
)
EMPTY_CODE = Message("行业代码为空", "industry code is empty")
UNKNOWN_ENTERPRISE_CODE = Message(
    "第 {row} 行 industry_code 字段：{detail}",
    "row {row}, field industry_code: {detail}",
)

# --- editions --------------------------------------------------------------------------------
RECONSTRUCTION_NOTE = Message(
    "当前使用的数字经济分类表为重建版本（非官方原表），每行附有依据与置信度，正式发布前须与"
    "国家统计局原表核对",
    "the active digital-economy table is a RECONSTRUCTION (not the official table); each row "
    "carries its evidence and confidence; check against the NBS publication before publishing",
)
OFFICIAL_EDITION_NOTE = Message(
    "当前使用的数字经济分类表版本：{edition}",
    "active digital-economy table edition: {edition}",
)
EDITION_FILE_UNREADABLE = Message(
    "文件 {file}：无法读取（{reason}）",
    "file {file}: cannot be read ({reason})",
)
EDITION_MISSING_COLUMNS = Message(
    "文件 {file}：缺少列 {columns}（规则：列须与内置分类表相同）",
    "file {file}: missing column(s) {columns} (rule: same columns as the shipped table)",
)
EDITION_ROW_ERROR = Message(
    "文件 {file} 第 {row} 行 {field} 字段：{zh_rule}",
    "file {file}, row {row}, field {field}: {en_rule}",
)
EDITION_EMPTY = Message(
    "文件 {file}：没有数据行",
    "file {file}: has no data rows",
)
ACTIVE_EDITION_CORRUPT = Message(
    "当前分类表 {file} 已损坏或被修改（sha256 不符），请重新执行 hzdigital classification load",
    "the active table {file} is damaged or was changed (sha256 mismatch); run "
    "hzdigital classification load again",
)
EDITION_LOADED = Message(
    "已启用分类表 {edition}：大类 {majors} 个，中类 {mediums} 个，小类 {subs} 个，共 {rows} 行",
    "activated table {edition}: {majors} majors, {mediums} mediums, {subs} sub-categories, "
    "{rows} rows",
)

# --- synonyms --------------------------------------------------------------------------------
SYNONYM_ROW_ERROR = Message(
    "同义词表 {file} 第 {row} 行 {field} 字段：{zh_rule}",
    "synonym list {file}, row {row}, field {field}: {en_rule}",
)
