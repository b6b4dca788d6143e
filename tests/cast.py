"""The cast of named users for permission tests (healthchecks ``hc/test.py`` style).

``make_cast()`` creates a small world: the leading group and its office, one member department
(市经信局), the district governments of 滨江 and 淳安, one enterprise, and one user for each part
a permission test needs. Tests create it in their own fixture (``cast = make_cast()``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from hzdigital.accounts.models import Membership, OrgUnit, Role
from hzdigital.lib.uscc import make_uscc


@dataclass(frozen=True)
class Cast:
    leading_group: OrgUnit
    office: OrgUnit
    department: OrgUnit  # 市经信局
    binjiang: OrgUnit  # 滨江区人民政府, 330108
    chunan: OrgUnit  # 淳安县人民政府, 330127
    enterprise: OrgUnit
    city_officer: AbstractBaseUser  # city office: everything
    binjiang_officer: AbstractBaseUser  # district officer of 滨江
    chunan_officer: AbstractBaseUser  # district officer of 淳安
    department_officer: AbstractBaseUser  # 市经信局
    enterprise_user: AbstractBaseUser
    auditor: AbstractBaseUser  # reads all, writes nothing
    outsider: AbstractBaseUser  # logged in, no unit: the public

    def by_name(self, name: str) -> AbstractBaseUser | None:
        """A cast member by attribute name; "anonymous" is None (not logged in)."""
        return None if name == "anonymous" else getattr(self, name)


# Every name a parametrized permission table may use.
MEMBERS = (
    "city_officer",
    "binjiang_officer",
    "chunan_officer",
    "department_officer",
    "enterprise_user",
    "auditor",
    "outsider",
    "anonymous",
)


def _unit(slug: str, kind: str, name_zh: str, **extra: str) -> OrgUnit:
    unit = OrgUnit(slug=slug, kind=kind, name_zh=name_zh, **extra)
    unit.full_clean()
    unit.save()
    return unit


def _user(username: str, unit: OrgUnit | None, role: Role | None) -> AbstractBaseUser:
    # No password: hashing eight of them per test costs seconds (PBKDF2); tests log in with
    # force_login, and the browser test sets one password with a fast hasher.
    user = get_user_model().objects.create_user(username=username)
    if unit is not None and role is not None:
        membership = Membership(user=user, unit=unit, role=role)
        membership.full_clean()
        membership.save()
    return user


def make_cast() -> Cast:
    kind = OrgUnit.Kind
    leading_group = _unit("leading-group", kind.LEADING_GROUP, "杭州市数字经济发展工作领导小组")
    office = _unit("office", kind.OFFICE, "领导小组办公室")
    department = _unit("dept-economy", kind.DEPARTMENT, "市经信局")
    binjiang = _unit("district-330108", kind.DISTRICT, "滨江区人民政府", division_code="330108")
    chunan = _unit("district-330127", kind.DISTRICT, "淳安县人民政府", division_code="330127")
    enterprise = _unit(
        "enterprise-cast", kind.ENTERPRISE, "测试科技有限公司", uscc=make_uscc("91330108MA2CAT001")
    )
    return Cast(
        leading_group=leading_group,
        office=office,
        department=department,
        binjiang=binjiang,
        chunan=chunan,
        enterprise=enterprise,
        city_officer=_user("city", office, Role.CITY_OFFICE),
        binjiang_officer=_user("binjiang", binjiang, Role.DISTRICT_OFFICER),
        chunan_officer=_user("chunan", chunan, Role.DISTRICT_OFFICER),
        department_officer=_user("economy", department, Role.DEPARTMENT_OFFICER),
        enterprise_user=_user("enterprise", enterprise, Role.ENTERPRISE_USER),
        auditor=_user("auditor", leading_group, Role.AUDITOR),
        outsider=_user("outsider", None, None),
    )
