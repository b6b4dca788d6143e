"""Words the monitoring pages show people: Chinese msgids, English in this app's locale/en.

Tests import these constants instead of copying the text.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SYNTHETIC_BADGE = _("合成数据")
SYNTHETIC_WARNING = _("本页部分或全部数字来自合成(演示)数据,不是统计数据,不得引用。")
SOURCE_PUBLISHED = _("公开发布: %(url)s")
SOURCE_IMPORT = _("导入 %(import_id)s")
SOURCE_IMPORT_SYNTHETIC = _("导入 %(import_id)s(合成)")
NO_WAREHOUSE_DATA = _("数据仓库中还没有企业数据:请先在“数据导入”页面上传,或运行 hzdigital demo。")
UNKNOWN_DIVISION = _("没有代码为 %(code)s 的区、县(市)。")
UNKNOWN_CATEGORY = _("没有代码为 %(code)s 的数字经济分类。")
NO_SUCH_IMPORT = _("没有编号为 %(import_id)s 的导入记录。")
NO_REJECTS = _("导入 %(import_id)s 没有被拒绝的行。")
SEARCH_HINT = _("按企业名称、统一社会信用代码、行业代码或区县名称(代码)查询。")
SEARCH_NO_RESULTS = _("没有找到与“%(query)s”相符的企业。")
UPLOAD_MISSING = _("请选择要导入的文件(CSV、XLSX 或 Parquet)。")
UPLOAD_WRONG_TYPE = _("文件 %(name)s 的类型无法导入:请使用 .csv、.xlsx 或 .parquet。")
UPLOAD_TOO_LARGE = _("文件 %(name)s 超过 %(limit)s MB,请用命令行 hzdigital import 导入。")
IMPORT_FAILED = _("导入失败: %(detail)s")

# Stages of an import job as the page shows them while it polls.
STAGE_LABELS = {
    "queued": _("已上传,等待处理"),
    "running": _("正在校验、分类并写入数据仓库…"),
    "done": _("导入完成"),
    "failed": _("导入失败"),
}

# de_status of an enterprise-year (docs/architecture.md), as readers see it.
DE_STATUS_LABELS = {
    "full": _("全部属于"),
    "partial_resolved": _("部分属于,经营范围已确认"),
    "partial_unresolved": _("部分属于,未能确认(不计入核心产业)"),
    "text": _("据经营范围归入 05"),
    "none": _("非数字经济"),
}

# A figure against the plan's path (monitoring.targets.status_of).
PATH_STATUS_LABELS = {
    "on_track": _("符合路径"),
    "ahead": _("快于路径"),
    "behind": _("慢于路径"),
    "before_baseline": _("早于基期"),
    "no_actual": _("无数据"),
}
