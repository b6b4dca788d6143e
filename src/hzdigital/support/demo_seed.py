"""A labelled demo year of enterprise support, idempotently: the policies and financing
products of ``demo_policies`` (titled （演示）), demo profiles for a seeded sample of the
warehouse's synthetic enterprises, two government industry funds with investments, IC-fund
docking records, and one application by the demo enterprise.

The demo enterprise user (``enterprise``) must have statistics to be matched against, and the
warehouse holds only the generator's synthetic enterprises; so the seed points the demo
enterprise unit at one synthetic enterprise of 滨江 (its USCC), chosen by a fixed rule. Its
warehouse figures stay labelled synthetic and its profile demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
from django.db import transaction

from hzdigital.accounts.models import OrgUnit
from hzdigital.accounts.seed import DEMO_ENTERPRISE, seed_accounts
from hzdigital.projects.models import MajorProject
from hzdigital.support import selectors
from hzdigital.support.demo_policies import POLICIES
from hzdigital.support.models import (
    Application,
    EnterpriseProfile,
    Fund,
    FundInvestment,
    IcFundDocking,
    Policy,
)

DEMO_SOURCE = "演示数据(按种子随机生成) / demo data (seeded random)"
PROFILE_SHARE = 0.3  # share of warehouse enterprises given a demo profile; the rest stay unknown


@dataclass(frozen=True)
class SupportSeedResult:
    policies: int
    profiles: int
    funds: int
    demo_enterprise_uscc: str  # "" when the warehouse is empty


@transaction.atomic
def seed_support(seed: int = 2021) -> SupportSeedResult:
    if not OrgUnit.objects.filter(slug=DEMO_ENTERPRISE.slug).exists():
        seed_accounts()
    units = {unit.slug: unit for unit in OrgUnit.objects.all()}
    year = date.today().year  # the demo's policies run through the current year
    for spec in POLICIES:
        _policy(spec, units, year)
    data = selectors.enterprises()
    uscc = _link_demo_enterprise(data.frame, units[DEMO_ENTERPRISE.slug])
    profiles = _profiles(data.frame, uscc, seed)
    funds = _funds(units)
    _dockings()
    if uscc:
        _application(units[DEMO_ENTERPRISE.slug])
    return SupportSeedResult(len(POLICIES), profiles, funds, uscc)


def _policy(spec: dict, units: dict[str, OrgUnit], year: int) -> None:
    fields = {k: v for k, v in spec.items() if k not in ("code", "issuer")}
    fields.update(
        issuer=units[spec["issuer"]], is_demo=True, published_on=date(year, 1, 1),
        valid_from=date(year, 1, 1), valid_until=date(year, 12, 31),
        max_amount_wan_yuan=Decimal(spec["max_amount_wan_yuan"])
        if "max_amount_wan_yuan" in spec else None,
    )  # fmt: skip
    policy, _ = Policy.objects.update_or_create(code=spec["code"], defaults=fields)
    policy.full_clean()


def _link_demo_enterprise(frame, unit: OrgUnit) -> str:
    """A 滨江 core enterprise with R&D, mid-sized: the first by USCC (a fixed, stated rule)."""
    if frame.empty:
        return ""
    fits = frame[
        (frame["division_code"] == "330108")
        & frame["core"].fillna(False).astype(bool)
        & (frame["rd_intensity_percent"].fillna(0) >= 3)
        & frame["revenue_wan_yuan"].between(2000, 50000)
        & frame["employees"].between(10, 300)
    ]
    chosen = (fits if len(fits) else frame).sort_values("uscc").iloc[0]
    unit.uscc = str(chosen["uscc"])
    unit.full_clean()
    unit.save(update_fields=["uscc"])
    return unit.uscc


def _profiles(frame, demo_uscc: str, seed: int) -> int:
    if frame.empty:
        return 0
    rng = np.random.default_rng(seed)
    usccs = frame["uscc"].to_numpy()
    chosen = set(usccs[rng.random(len(usccs)) < PROFILE_SHARE]) | ({demo_uscc} - {""})
    projects = list(MajorProject.objects.filter(is_demo=True).order_by("pk"))
    created = 0
    for uscc in sorted(chosen):
        if EnterpriseProfile.objects.filter(uscc=uscc).exists():
            continue

        def maybe(value):  # one fact in six stays unknown: the matcher must say so
            return None if rng.random() < 1 / 6 else value

        founded = date(int(rng.integers(2000, 2024)), int(rng.integers(1, 13)), 1)
        profile = EnterpriseProfile(
            uscc=uscc, founded_on=maybe(founded), high_tech=maybe(bool(rng.random() < 0.3)),
            listed=maybe(bool(rng.random() < 0.03)),
            talent_founded=maybe(bool(rng.random() < 0.15)),
            project=projects[int(rng.integers(len(projects)))]
            if projects and rng.random() < 0.05 else None,
            source=DEMO_SOURCE, is_demo=True,
        )  # fmt: skip
        if uscc == demo_uscc:
            # The portal's showcase: every fact known, founded by talent four years ago.
            profile.founded_on, profile.high_tech, profile.listed = date(2020, 5, 1), True, False
            profile.talent_founded = True
            profile.project = next((p for p in projects if p.district_code == "330108"), None)
        profile.full_clean()
        profile.save()
        created += 1
    return created


FUNDS = [
    ("杭州市数字经济产业引导基金（演示）", "Hangzhou digital economy guidance fund (demo)",
     "杭州市产业基金管理公司（演示）", "dept-finance", date(2021, 6, 1), "500000",
     [("（演示）某集成电路设计企业", date(2022, 3, 1), "20000", "60000"),
      ("（演示）某工业互联网平台企业", date(2023, 5, 1), "15000", "30000"),
      ("（演示）某人工智能企业", date(2024, 2, 1), "10000", "45000")]),
    ("滨江区数字产业投资基金（演示）", "Binjiang digital industry fund (demo)",
     "滨江区国有资本投资公司（演示）", "district-330108", date(2022, 1, 1), "100000",
     [("（演示）某物联网企业", date(2022, 9, 1), "5000", "12000"),
      ("（演示）某信创软件企业", date(2024, 4, 1), "8000", "8000")]),
]  # fmt: skip


def _funds(units: dict[str, OrgUnit]) -> int:
    for name_zh, name_en, manager, sponsor, established, fiscal, investments in FUNDS:
        fund, _ = Fund.objects.update_or_create(
            name_zh=name_zh,
            defaults={"name_en": name_en, "manager": manager, "sponsor": units[sponsor],
                      "established_on": established, "is_demo": True,
                      "fiscal_commitment_wan_yuan": Decimal(fiscal)},
        )  # fmt: skip
        for investee, day, fiscal_part, social_part in investments:
            FundInvestment.objects.update_or_create(
                fund=fund, investee_name=investee,
                defaults={"invested_on": day, "fiscal_wan_yuan": Decimal(fiscal_part),
                          "social_wan_yuan": Decimal(social_part)},
            )  # fmt: skip
    return len(FUNDS)


DOCKINGS = [
    ("（演示）某12英寸晶圆制造企业", "330114", "12英寸特色工艺产线扩产", "due_diligence",
     "300000", date(2024, 3, 12)),
    ("（演示）某EDA软件企业", "330108", "数字芯片EDA工具研发", "decision", "50000",
     date(2024, 6, 20)),
    ("（演示）某功率半导体企业", "330110", "车规级功率器件封测", "contacted", "80000",
     date(2024, 9, 5)),
]  # fmt: skip


def _dockings() -> None:
    for name, division, project, stage, amount, day in DOCKINGS:
        IcFundDocking.objects.update_or_create(
            enterprise_name=name, project_zh=project,
            defaults={"division_code": division, "stage": stage, "docked_on": day,
                      "amount_sought_wan_yuan": Decimal(amount), "is_demo": True,
                      "note": "演示记录 demo record"},
        )  # fmt: skip


def _application(enterprise: OrgUnit) -> None:
    policy = Policy.objects.get(code="demo-guarantee")
    if not Application.objects.filter(policy=policy, enterprise=enterprise).exists():
        found = selectors.enterprise_matches(enterprise.uscc, [policy]).matches[0]
        Application.objects.create(
            policy=policy, enterprise=enterprise, is_demo=True,
            match_status=found.status.name.lower(), note="演示申请 demo application",
        )  # fmt: skip
