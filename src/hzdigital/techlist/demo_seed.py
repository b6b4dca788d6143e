"""A labelled demo two-year key-technology list (2025, 2026): some items carried over, some
dropped after 2025, some new in 2026. Idempotent: editions and items are found by year and key."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from hzdigital.accounts.seed import seed_accounts
from hzdigital.techlist import services
from hzdigital.techlist.models import TechListEdition, TechListItem

# key, technology, domain, lead, GB/T classes, NBS categories, years
ITEMS = (
    ("ai-chip", "高端智能芯片设计", "集成电路", "演示芯片研究院", "3973", "0105", (2025, 2026)),
    (
        "industrial-os",
        "工业操作系统",
        "工业互联网",
        "演示工业软件公司",
        "6511",
        "0301",
        (2025, 2026),
    ),
    (
        "large-model",
        "行业大模型训练与推理",
        "人工智能",
        "演示智能研究院",
        "6513",
        "0301,0303",
        (2025, 2026),
    ),
    ("quantum-comm", "量子保密通信", "通信", "演示量子实验室", "6319", "0302", (2025,)),
    ("blockchain", "区块链底层平台", "区块链", "演示链科技公司", "6450", "0303", (2025,)),
    ("6g-rf", "6G 射频前端", "通信", "演示通信研究院", "3922", "0102", (2026,)),
    ("smart-mfg", "智能制造系统集成", "智能制造", "演示装备集团", "", "0502", (2026,)),
)


@dataclass(frozen=True)
class TechSeedResult:
    editions: int
    items: int


def seed_techlist() -> TechSeedResult:
    seed_accounts()
    office = get_user_model().objects.get(username="office")
    for year in (2025, 2026):
        edition = TechListEdition.objects.filter(year=year).first() or services.edition_create(
            by=office, year=year, title_zh=f"{year} 年关键核心技术攻关清单(演示)",
            published=True, is_demo=True,
        )  # fmt: skip
        for key, tech, domain, lead, gbt, nbs_codes, years in ITEMS:
            if year not in years or TechListItem.objects.filter(edition=edition, key=key).exists():
                continue
            services.item_add(
                by=office, edition=edition, key=key, technology_zh=tech, domain_zh=domain,
                lead_zh=lead, gbt_classes=gbt, nbs_categories=nbs_codes,
                goal_zh=f"{year} 年底前完成{tech}关键环节验证",
                status="ongoing" if len(years) > 1 else "planned",
            )  # fmt: skip
    return TechSeedResult(
        editions=TechListEdition.objects.filter(is_demo=True).count(),
        items=TechListItem.objects.filter(edition__is_demo=True).count(),
    )
