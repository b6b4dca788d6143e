"""A small world for the support tests: the permission cast, three enterprises in the
warehouse (one of them the cast's enterprise), their profiles, one policy of 市经信局 and a fund.

Designed so each match status occurs once for the policy
(core, revenue ≥ 1000 万元, high-tech):

- the cast's enterprise (滨江): core, 5000 万元, high-tech        → eligible
- 淳安 enterprise: core, 3000 万元, no profile (high-tech unknown) → unknown
- another 滨江 enterprise: core, 2000 万元, not high-tech           → not eligible
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import duckdb
import pandas as pd

from cast import Cast
from hzdigital.lib.uscc import make_uscc
from hzdigital.support.models import EnterpriseProfile, Fund, FundInvestment, Policy
from hzdigital.warehouse import store

YEAR = 2023
CHUNAN_USCC = make_uscc("91330127MA2CHN001")
BINJIANG_OTHER_USCC = make_uscc("91330108MA2BJQ001")


def write_warehouse(rows: list[dict]) -> None:
    """Rows straight into ``enterprise_year`` (the schema the importer creates)."""
    store.connect().disconnect()  # creates the file with the schema
    frame = pd.DataFrame(rows)
    with duckdb.connect(str(store.warehouse_path())) as db:
        db.register("rows", frame)
        db.execute("insert into enterprise_year by name select * from rows")


def warehouse_row(uscc: str, name: str, division: str, revenue: float, employees: int) -> dict:
    return {
        "uscc": uscc, "year": YEAR, "name": name, "division_code": division,
        "industry_code": "6511", "revenue": revenue, "value_added": revenue / 4,
        "employees": employees, "rd_expense": revenue * 0.05, "business_scope": None,
        "synthetic": True, "import_id": "test", "de_sub": "030101", "de_medium": "0301",
        "de_major": "03", "de_status": "full", "de_evidence": "rule=full",
        "classification_edition": "test",
    }  # fmt: skip


@dataclass(frozen=True)
class World:
    cast: Cast
    policy: Policy
    fund: Fund


def make_world(cast: Cast) -> World:
    write_warehouse(
        [
            warehouse_row(cast.enterprise.uscc, "（合成）测试科技", "330108", 5000.0, 120),
            warehouse_row(CHUNAN_USCC, "（合成）淳安数字", "330127", 3000.0, 80),
            warehouse_row(BINJIANG_OTHER_USCC, "（合成）滨江另一家", "330108", 2000.0, 40),
        ]
    )
    EnterpriseProfile.objects.create(
        uscc=cast.enterprise.uscc, high_tech=True, founded_on=date(2019, 3, 1), source="test"
    )
    EnterpriseProfile.objects.create(uscc=BINJIANG_OTHER_USCC, high_tech=False, source="test")
    policy = Policy(
        code="rd-reward", title_zh="研发奖励(测试)", issuer=cast.department,
        published_on=date(2024, 1, 1), valid_from=date(2024, 1, 1), valid_until=None,
        text_zh="测试政策", is_demo=True,
        conditions=[
            {"attribute": "core", "operator": "is_true"},
            {"attribute": "revenue_wan_yuan", "operator": "ge", "value": 1000, "unit": "万元"},
            {"attribute": "high_tech", "operator": "is_true"},
        ],
        documents=[{"name_zh": "高新技术企业证书", "name_en": "high-tech certificate"}],
    )  # fmt: skip
    policy.full_clean()
    policy.save()
    fund = Fund.objects.create(
        name_zh="测试基金", manager="测试管理人", sponsor=cast.department,
        established_on=date(2022, 1, 1), fiscal_commitment_wan_yuan=Decimal("10000"),
    )  # fmt: skip
    # Hand-checked: fiscal 1000 + 500 + 0 = 1500; social 3000 + 1000 + 200 = 4200;
    # leverage = 4200 / 1500 = 2.8 yuan of social capital per yuan of fiscal money.
    for name, fiscal, social in (("甲", "1000", "3000"), ("乙", "500", "1000"), ("丙", "0", "200")):
        FundInvestment.objects.create(
            fund=fund, investee_name=name, invested_on=date(2023, 6, 1),
            fiscal_wan_yuan=Decimal(fiscal), social_wan_yuan=Decimal(social),
        )  # fmt: skip
    return World(cast, policy, fund)
