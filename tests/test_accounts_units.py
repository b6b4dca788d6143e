"""Org units and memberships keep their rules: codes for districts, USCC for enterprises, and
roles that fit the kind of unit. The role capabilities are spelled out in one table."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cast import make_cast
from hzdigital.accounts.access import role_of, unit_of
from hzdigital.accounts.models import (
    CODE_ONLY_FOR_DISTRICTS,
    DISTRICT_NEEDS_CODE,
    ENTERPRISE_NEEDS_USCC,
    Membership,
    OrgUnit,
    Role,
)
from hzdigital.lib.uscc import make_uscc

VALID_USCC = make_uscc("91330108MA2CAT002")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "district"}, "division_code", DISTRICT_NEEDS_CODE),
        ({"kind": "department", "division_code": "330108"}, "division_code",
         CODE_ONLY_FOR_DISTRICTS),
        ({"kind": "enterprise"}, "uscc", ENTERPRISE_NEEDS_USCC),
        ({"kind": "enterprise", "uscc": VALID_USCC[:-1] + "0"}, "uscc", ENTERPRISE_NEEDS_USCC),
    ],
)  # fmt: skip
def test_it_rejects_a_unit_that_breaks_its_kind_rule(fields, field, message) -> None:
    unit = OrgUnit(slug="x", name_zh="某单位", **fields)
    with pytest.raises(ValidationError) as error:
        unit.full_clean(validate_unique=False)  # the kind rules need no database
    assert message in error.value.message_dict[field]


def test_an_enterprise_with_a_valid_uscc_is_accepted() -> None:
    unit = OrgUnit(slug="e", name_zh="某企业", kind="enterprise", uscc=VALID_USCC)
    unit.full_clean(validate_unique=False)


@pytest.mark.django_db
def test_a_district_officer_cannot_sit_in_a_department() -> None:
    cast = make_cast()
    membership = Membership.objects.get(user=cast.binjiang_officer)
    membership.unit = cast.department
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "不适用于单位" in error.value.message_dict["role"][0]


@pytest.mark.django_db
def test_users_without_a_unit_and_visitors_are_the_public() -> None:
    cast = make_cast()
    assert role_of(cast.outsider) == Role.PUBLIC and unit_of(cast.outsider) is None
    assert role_of(None) == Role.PUBLIC
    assert role_of(cast.binjiang_officer) == Role.DISTRICT_OFFICER
    assert unit_of(cast.binjiang_officer).division_code == "330108"


# role → the capabilities it has (every other capability must be False)
CAPABILITIES = {
    Role.CITY_OFFICE: {"sees_all_units", "manages_work_points", "reviews_reports",
                       "reports_progress", "writes_implementation_plans", "imports_enterprise_data"},
    Role.DEPARTMENT_OFFICER: {"sees_own_unit", "reports_progress", "writes_implementation_plans",
                              "receives_task_notices"},
    Role.DISTRICT_OFFICER: {"sees_own_unit", "reports_progress", "writes_implementation_plans",
                            "manages_own_district", "receives_task_notices"},
    Role.ENTERPRISE_USER: {"sees_own_unit", "manages_own_enterprise"},
    Role.AUDITOR: {"sees_all_units", "is_read_only"},
    Role.PUBLIC: {"is_read_only", "sees_published_only"},
}  # fmt: skip
ALL_CAPABILITIES = sorted(name for name, value in vars(Role).items() if isinstance(value, property))


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_capabilities(role: Role) -> None:
    has = {name for name in ALL_CAPABILITIES if getattr(role, name)}
    assert has == CAPABILITIES[role]
