"""Export of the key-technology list: the items of the editions a user may see.

The public sees published editions only (``selectors.editions_visible_to``), as on the page.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from hzdigital.lib.xlsx import DEMO_COLUMN, Column, ExportTable, demo_cell
from hzdigital.techlist.models import TechListItem
from hzdigital.techlist.selectors import editions_visible_to

SOURCE = (
    "来源:杭州市关键核心技术年度攻关清单(hzdigital 清单库)· 截至 {day} / Source: Hangzhou "
    "key-technology list (hzdigital) · as of {day}"
)
COLUMNS = (
    Column("year", "年度", "year", width=8),
    Column("key", "条目标识", "key", width=16),
    Column("technology_zh", "技术", "technology", width=30),
    Column("domain_zh", "领域", "domain", width=14),
    Column("lead_zh", "牵头企业或机构", "lead", width=24),
    Column("gbt_classes", "GB/T 4754 行业小类", "GB/T 4754 classes", width=14),
    Column("nbs_categories", "数字经济分类", "NBS categories", width=14),
    Column("goal_zh", "攻关目标", "goal", width=36),
    Column("status", "状态", "status", width=16),
    Column("published", "已发布", "published", width=8),
    DEMO_COLUMN,
)


def items_table(user: Any, *, year: int | None = None) -> ExportTable:
    editions = editions_visible_to(user)
    if year is not None:
        editions = editions.filter(year=year)
    items = (
        TechListItem.objects.filter(edition__in=editions)
        .select_related("edition")
        .order_by("-edition__year", "domain_zh", "key")
    )
    rows = [
        (i.edition.year, i.key, i.technology_zh, i.domain_zh, i.lead_zh, i.gbt_classes,
         i.nbs_categories, i.goal_zh, i.get_status_display(),
         "是" if i.edition.published else "否", demo_cell(i.edition.is_demo))
        for i in items
    ]  # fmt: skip
    demo = sum(1 for i in items if i.edition.is_demo)
    source = SOURCE.format(day=timezone.localdate().isoformat())
    title = f"攻关清单{year}" if year else "攻关清单"
    return ExportTable(title, COLUMNS, rows, source, demo)
