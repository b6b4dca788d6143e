"""The org units of the plan's machinery and one demo user per role, idempotently.

The plan text (section 4) names the leading group and "各有关部门" without listing them; the
member departments below are the usual members of such a group in Hangzhou and are marked
``is_demo`` — replace them with the real membership list when the office supplies it. The
13 district/county governments come from the plan's units (``data/plan.yaml``).

Demo users share one password, ``DEMO_PASSWORD``: for the local demo only, never a deployment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from hzdigital.accounts.models import Membership, OrgUnit, Role
from hzdigital.lib.uscc import make_uscc
from hzdigital.plan import planfile

DEMO_PASSWORD = "hzdemo-2021"  # demo only: documented in README, never for a deployment


@dataclass(frozen=True)
class UnitSeed:
    slug: str
    kind: str
    name_zh: str
    name_en: str
    is_demo: bool
    division_code: str = ""
    uscc: str = ""


LEADING_GROUP = UnitSeed(
    "leading-group", OrgUnit.Kind.LEADING_GROUP, "杭州市数字经济发展工作领导小组",
    "Hangzhou Digital Economy Development Leading Group", is_demo=False,
)  # fmt: skip
OFFICE = UnitSeed(
    "office", OrgUnit.Kind.OFFICE, "市数字经济发展工作领导小组办公室",
    "Office of the Leading Group", is_demo=True,
)  # fmt: skip
DEPARTMENTS = (
    ("cac", "市委网信办", "Municipal Cyberspace Affairs Office"),
    ("economy", "市经信局(市数字经济局)", "Economy and Information Technology Bureau"),
    ("ndrc", "市发改委", "Development and Reform Commission"),
    ("science", "市科技局", "Science and Technology Bureau"),
    ("statistics", "市统计局", "Statistics Bureau"),
    ("talent", "市人社局(人才)", "Human Resources and Social Security Bureau (talent)"),
    ("finance", "市财政局", "Finance Bureau"),
    ("commerce", "市商务局", "Commerce Bureau"),
    ("market", "市市场监管局", "Market Regulation Administration"),
)
DEMO_ENTERPRISE = UnitSeed(
    "enterprise-demo", OrgUnit.Kind.ENTERPRISE, "示例数字科技有限公司(演示)",
    "Demo Digital Technology Co. (demo)", is_demo=True, uscc=make_uscc("91330108MA2DEM001"),
)  # fmt: skip


def unit_seeds() -> list[UnitSeed]:
    """Every org unit the seed creates, in display order."""
    seeds = [LEADING_GROUP, OFFICE]
    seeds += [
        UnitSeed(f"dept-{slug}", OrgUnit.Kind.DEPARTMENT, zh, en, is_demo=True)
        for slug, zh, en in DEPARTMENTS
    ]
    seeds += [
        UnitSeed(
            f"district-{unit.code}",
            OrgUnit.Kind.DISTRICT,
            f"{unit.name_zh}人民政府",
            f"{unit.name_en} Government",
            is_demo=False,
            division_code=unit.code,
        )  # fmt: skip
        for unit in planfile.read_plan().units
    ]
    return [*seeds, DEMO_ENTERPRISE]


@dataclass(frozen=True)
class UserSeed:
    username: str
    unit_slug: str
    role: Role
    note: str  # what the README says about the user


def user_seeds(units: list[UnitSeed]) -> list[UserSeed]:
    """One demo user per role, and one officer per department and per district."""
    users = [
        UserSeed("office", "office", Role.CITY_OFFICE, "市领导小组办公室"),
        UserSeed("auditor", "leading-group", Role.AUDITOR, "审计:只读"),
        UserSeed("enterprise", DEMO_ENTERPRISE.slug, Role.ENTERPRISE_USER, "演示企业"),
    ]
    for unit in units:
        if unit.kind == OrgUnit.Kind.DEPARTMENT:
            users.append(UserSeed(unit.slug, unit.slug, Role.DEPARTMENT_OFFICER, unit.name_zh))
        elif unit.kind == OrgUnit.Kind.DISTRICT:
            users.append(UserSeed(unit.slug, unit.slug, Role.DISTRICT_OFFICER, unit.name_zh))
    return users


@dataclass(frozen=True)
class AccountsSeedResult:
    units: int  # org units in the seed
    users: int  # demo users in the seed
    created_users: int  # of which new in this run


@transaction.atomic
def seed_accounts() -> AccountsSeedResult:
    units = unit_seeds()
    by_slug: dict[str, OrgUnit] = {}
    for order, seed in enumerate(units):
        unit, _ = OrgUnit.objects.update_or_create(
            slug=seed.slug,
            defaults={
                "kind": seed.kind,
                "name_zh": seed.name_zh,
                "name_en": seed.name_en,
                "is_demo": seed.is_demo,
                "division_code": seed.division_code,
                "uscc": seed.uscc,
                "order": order,
            },
        )
        unit.full_clean()
        by_slug[seed.slug] = unit
    users = user_seeds(units)
    created = 0
    user_model = get_user_model()
    for seed in users:
        user, was_created = user_model.objects.get_or_create(username=seed.username)
        if was_created:
            # Only new users get the demo password: a re-seed never resets a changed one.
            user.set_password(DEMO_PASSWORD)
            user.first_name = seed.note
            # .invalid never resolves (RFC 2606): reminders reach the console backend only.
            user.email = f"{seed.username}@hzdigital.invalid"
            user.save()
            created += 1
        membership = Membership(user=user, unit=by_slug[seed.unit_slug], role=seed.role)
        existing = Membership.objects.filter(user=user).first()
        if existing is not None:
            membership.pk = existing.pk
        membership.full_clean(validate_unique=False)
        membership.save()
    return AccountsSeedResult(units=len(units), users=len(users), created_users=created)
