"""Messages the warehouse shows to people: Chinese first, English available.

Row-level messages are templates with one placeholder, ``{value}``, filled in by SQL for
every rejected row at once (see ``rules.py``); file-level messages use ``str.format`` names.

>>> FILE_NOT_FOUND.render(path="a.csv")
'找不到文件 a.csv / file not found: a.csv'
"""

from __future__ import annotations

from hzdigital.lib.messages import Message

# --- whole-file problems: the import stops -------------------------------------------------------
FILE_NOT_FOUND = Message("找不到文件 {path}", "file not found: {path}")
FILE_FORMAT_UNKNOWN = Message(
    "文件 {path} 的类型无法识别：请使用 .csv、.xlsx 或 .parquet",
    "file {path} has an unknown type: use .csv, .xlsx or .parquet",
)
FILE_ENCODING_UNKNOWN = Message(
    "文件 {path} 既不是 UTF-8 也不是 GB18030 编码：请在 Excel 中另存为“CSV UTF-8”",
    "file {path} is neither UTF-8 nor GB18030: save it from Excel as 'CSV UTF-8'",
)
FILE_UNREADABLE = Message("无法读取文件 {path}：{detail}", "cannot read file {path}: {detail}")
FILE_EMPTY = Message("文件 {path} 没有表头行", "file {path} has no header row")
COLUMN_MISSING = Message(
    "文件 {path} 缺少必填列：{columns}（可用中文或英文表头）",
    "file {path} lacks required columns: {columns} (Chinese or English headers)",
)
COLUMN_DUPLICATED = Message(
    "文件 {path} 中第 {first} 列与第 {second} 列都对应字段 {field}",
    "file {path}: columns {first} and {second} both mean field {field}",
)
COLUMN_WRONG_UNIT = Message(
    "文件 {path} 的列“{header}”单位为 {unit}，应为 {expected}：请换算后再导入",
    "file {path}: column '{header}' is in {unit}, expected {expected}: convert before importing",
)

# --- the warehouse file -------------------------------------------------------------------------
WAREHOUSE_BUSY = Message(
    "数据仓库 {path} 正被另一个程序（进程 {pid}）使用，例如一次导入；已等待 {seconds} 秒。请稍后再试。",
    "The warehouse {path} is in use by another program (process {pid}), for example an import;"
    " waited {seconds} s. Try again shortly.",
)
# What a page or the API says: visitors need not learn the server's paths or processes.
WAREHOUSE_BUSY_WEB = Message(
    "数据仓库正被另一个程序使用（例如一次数据导入），已等待 {seconds} 秒。请稍后再试。",
    "The warehouse is in use by another program (for example a data import); waited {seconds} s."
    " Try again shortly.",
)

# --- row-level rules (placeholders filled by SQL) ----------------------------------------------
ROW_SHAPE = Message(
    "本行的字段个数与表头不一致（多半是值中含未加引号的逗号），原文：{value}",
    "this line has a different number of fields than the header (often an unquoted comma): {value}",
)
USCC_REQUIRED = Message("统一社会信用代码为空", "USCC is empty")
USCC_FORMAT = Message(
    "统一社会信用代码“{value}”应为 18 位，仅含数字和除 I、O、S、V、Z 以外的大写字母",
    "USCC '{value}' must be 18 characters: digits and capitals except I, O, S, V, Z",
)
USCC_CHECK = Message(
    "统一社会信用代码“{value}”校验位不符合 GB 32100-2015，请核对是否抄错",
    "USCC '{value}' fails the GB 32100-2015 check character: check for a typing error",
)
NAME_REQUIRED = Message("企业名称为空", "enterprise name is empty")
DIVISION_REQUIRED = Message("行政区划代码为空", "division code is empty")
DIVISION_FORMAT = Message(
    "行政区划代码“{value}”应为 6 位数字", "division code '{value}' must be 6 digits"
)


DIVISION_ABOLISHED = Message(
    "行政区划代码已于 2021 年区划调整中撤销：{value}（请按企业所在地选用新代码）",
    "division code abolished in the 2021 boundary change: {value} (choose the new code by "
    "the enterprise's address)",
)
DIVISION_NOT_COUNTY = Message(
    "行政区划代码“{value}”不是杭州市所辖的 13 个区、县（市）之一",
    "division code '{value}' is not one of Hangzhou's 13 county-level units",
)
INDUSTRY_REQUIRED = Message("行业代码为空", "industry code is empty")
INDUSTRY_FORMAT = Message(
    "行业代码“{value}”应为 4 位数字，可带一个门类字母前缀（如 I6510）",
    "industry code '{value}' must be 4 digits, optionally after a section letter (e.g. I6510)",
)
INDUSTRY_SECTION_MISMATCH = Message(
    "行业代码“{value}”的门类字母与小类所属门类不符",
    "industry code '{value}': the section letter does not match the class's section",
)
INDUSTRY_UNKNOWN = Message(
    "行业代码“{value}”不在 GB/T 4754-2017 小类表中",
    "industry code '{value}' is not a GB/T 4754-2017 class",
)
YEAR_REQUIRED = Message("统计年度为空", "statistical year is empty")
YEAR_FORMAT = Message(
    "统计年度“{value}”不是整数", "statistical year '{value}' is not a whole number"
)
YEAR_RANGE = Message(
    "统计年度“{value}”超出范围（2015 年至今年）",
    "statistical year '{value}' is out of range (2015 to the current year)",
)
REVENUE_REQUIRED = Message("营业收入为空", "revenue is empty")
NOT_A_NUMBER = Message("“{value}”不是数字", "'{value}' is not a number")
NEGATIVE = Message("“{value}”不能为负数", "'{value}' must not be negative")
EMPLOYEES_REQUIRED = Message("从业人员为空", "employees is empty")
NOT_A_WHOLE_NUMBER = Message(
    "“{value}”不是非负整数", "'{value}' is not a whole number of zero or more"
)
DUPLICATE_KEY = Message(
    "同一企业同一年度重复：与第 {value} 行的统一社会信用代码和统计年度相同，本行未导入",
    "duplicate enterprise-year: same USCC and year as row {value}; this row was not loaded",
)

# --- summaries -----------------------------------------------------------------------------------
IMPORT_SUMMARY = Message(
    "导入 {file}：接收 {accepted} 行，拒收 {rejected} 行",
    "import {file}: {accepted} rows accepted, {rejected} rejected",
)
QUARANTINE_AT = Message("拒收行及原因见 {path}", "rejected rows and reasons: {path}")
TOP_REASONS = Message("主要拒收原因", "top reasons for rejection")
