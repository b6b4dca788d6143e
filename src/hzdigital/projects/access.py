"""Who may see and write major projects: district officers their own district's, the city
office all; auditors read all and write nothing; other roles see nothing here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from hzdigital.accounts.access import membership_of, require
from hzdigital.accounts.models import Role
from hzdigital.projects.models import MajorProject


def _role_and_district(user: Any) -> tuple[Role, str]:
    membership = membership_of(user)
    if membership is None:
        return Role.PUBLIC, ""
    return Role(membership.role), membership.unit.division_code


def sees_projects(user: Any) -> bool:
    role, _ = _role_and_district(user)
    return role.sees_all_units or role.manages_own_district


def projects_visible_to(user: Any) -> QuerySet[MajorProject]:
    role, district = _role_and_district(user)
    projects = MajorProject.objects.all()
    if role.sees_all_units:
        return projects
    if role.manages_own_district and district:
        return projects.filter(district_code=district)
    return projects.none()


def districts_visible_to(user: Any) -> list[str] | None:
    """None for every district (office, auditor); else the officer's own district, if any."""
    role, district = _role_and_district(user)
    if role.sees_all_units:
        return None
    return [district] if role.manages_own_district and district else []


def may_write_district(user: Any, district_code: str) -> bool:
    """The city office writes every district's projects; a district officer only its own."""
    role, district = _role_and_district(user)
    if role.is_read_only:
        return False
    if role.manages_work_points:  # the city office
        return True
    return role.manages_own_district and district == district_code


def may_decide_factors(user: Any) -> bool:
    """Approving land, energy and funds, and setting quotas, is the city office's."""
    return _role_and_district(user)[0].manages_work_points


def get_project_for_user(user: Any, project_id: int) -> tuple[MajorProject, bool]:
    project = get_object_or_404(MajorProject, pk=project_id)
    require(projects_visible_to(user).filter(pk=project.pk).exists())
    return project, may_write_district(user, project.district_code)
