"""The demo seed labels everything it invents, can run twice without change, and points the
demo enterprise at the warehouse enterprise its stated rule picks."""

from __future__ import annotations

import pytest

from hzdigital.accounts.models import OrgUnit
from hzdigital.accounts.seed import DEMO_ENTERPRISE
from hzdigital.lib.uscc import make_uscc
from hzdigital.support.demo_seed import seed_support
from hzdigital.support.models import (
    Application,
    EnterpriseProfile,
    Fund,
    FundInvestment,
    IcFundDocking,
    Policy,
)
from support_world import warehouse_row, write_warehouse

FITS = make_uscc("91330108MA2FHT001")  # 滨江, core, R&D 5 %, 5000 万元, 120 people
TOO_SMALL = make_uscc("91330108MA2AAA001")  # first by USCC, but 500 万元: outside the rule


@pytest.fixture
def seeded(db, hzdigital_home):
    write_warehouse(
        [
            warehouse_row(TOO_SMALL, "（合成）小企业", "330108", 500.0, 12),
            warehouse_row(FITS, "（合成）合适企业", "330108", 5000.0, 120),
            warehouse_row(make_uscc("91330127MA2CHN002"), "（合成）淳安", "330127", 9000.0, 150),
        ]
    )
    return seed_support()


def _counts() -> tuple[int, ...]:
    models = (Policy, EnterpriseProfile, Fund, FundInvestment, IcFundDocking, Application)
    return tuple(model.objects.count() for model in models)


def test_every_invented_policy_fund_and_record_is_labelled_demo(seeded) -> None:
    assert Policy.objects.count() == 10
    assert all(p.is_demo and "（演示）" in p.title_zh for p in Policy.objects.all())
    kinds = set(Policy.objects.values_list("kind", flat=True))
    assert kinds == {"policy", "credit_risk", "receivables", "guarantee", "bill_discount"}
    assert all(f.is_demo and "（演示）" in f.name_zh for f in Fund.objects.all())
    assert all(d.is_demo for d in IcFundDocking.objects.all())
    assert all(p.is_demo for p in EnterpriseProfile.objects.all())


def test_seeding_twice_changes_nothing(seeded) -> None:
    before = _counts()
    seed_support()
    assert _counts() == before


def test_the_demo_enterprise_is_the_warehouse_enterprise_the_rule_picks(seeded) -> None:
    assert seeded.demo_enterprise_uscc == FITS
    assert OrgUnit.objects.get(slug=DEMO_ENTERPRISE.slug).uscc == FITS
    profile = EnterpriseProfile.objects.get(uscc=FITS)
    assert (profile.high_tech, profile.talent_founded, profile.listed) == (True, True, False)
    (application,) = Application.objects.all()
    assert application.enterprise.uscc == FITS and application.is_demo
