"""Who may see and do what in enterprise support, as named helpers over the accounts roles.

- Policies and financing products (their text, rules and documents) are public.
- The enterprises a policy fits: the city office, auditors and department officers see the
  whole city; a district officer sees the own district; enterprises and the public see none.
- Pushing a policy and deciding its applications: the city office, or an officer of the
  department that issued it. Auditors read everything and write nothing.
- The portal (own profile, matches, applications; applying): enterprise users, for their own
  enterprise only.
- Funds and IC-fund dockings: officials (office, auditors, departments, districts).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hzdigital.accounts.access import membership_of, require
from hzdigital.accounts.models import OrgUnit, Role
from hzdigital.support.models import Application, Policy


def _role_and_unit(user: Any) -> tuple[Role, OrgUnit | None]:
    membership = membership_of(user)
    if membership is None:
        return Role.PUBLIC, None
    return Role(membership.role), membership.unit


def match_divisions_for(user: Any) -> list[str] | None:
    """Districts whose matched enterprises the user sees: None = all; raises if none at all."""
    role, unit = _role_and_unit(user)
    if role.sees_all_units or role == Role.DEPARTMENT_OFFICER:
        return None
    require(role.manages_own_district and unit is not None and bool(unit.division_code))
    assert unit is not None
    return [unit.division_code]


def may_act_for_issuer(user: Any, policy: Policy) -> bool:
    """Push the policy and decide its applications."""
    role, unit = _role_and_unit(user)
    if role.is_read_only:
        return False
    if role.manages_work_points:  # the city office
        return True
    return role == Role.DEPARTMENT_OFFICER and unit is not None and unit.pk == policy.issuer_id


def enterprise_of(user: Any) -> OrgUnit:
    """The enterprise an enterprise user acts for; PermissionDenied for anyone else."""
    role, unit = _role_and_unit(user)
    require(role == Role.ENTERPRISE_USER and unit is not None and bool(unit.uscc))
    assert unit is not None
    return unit


def sees_enterprise(user: Any, uscc: str, division_code: str | None) -> bool:
    """One enterprise's matches: its own user, the city-wide readers, its district's officer."""
    role, unit = _role_and_unit(user)
    if role == Role.ENTERPRISE_USER:
        return unit is not None and unit.uscc == uscc
    if role.sees_all_units or role == Role.DEPARTMENT_OFFICER:
        return True
    return bool(role.manages_own_district and unit and division_code == unit.division_code)


def applications_visible_to(user: Any) -> QuerySet[Application]:
    role, unit = _role_and_unit(user)
    applications = Application.objects.select_related("policy", "enterprise")
    if role.sees_all_units:
        return applications
    if role == Role.ENTERPRISE_USER and unit is not None:
        return applications.filter(enterprise=unit)
    if role == Role.DEPARTMENT_OFFICER and unit is not None:
        return applications.filter(policy__issuer=unit)
    return applications.none()


def sees_applications(user: Any) -> bool:
    role, _ = _role_and_unit(user)
    return role.sees_all_units or role in (Role.DEPARTMENT_OFFICER, Role.ENTERPRISE_USER)


def sees_funds(user: Any) -> bool:
    role, _ = _role_and_unit(user)
    return role.sees_all_units or role in (Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER)
