"""Who may see and write which talent figures: named helpers on the accounts roles.

The same capabilities as supervision's reports: a district officer reports its own
district's figures (``Role.reports_progress`` in its own unit), the city office may enter
them for any district and alone reviews them (``Role.reviews_reports``). Accepted figures are
published to everyone; drafts, submissions and returned figures are seen only by their own
district, the office and auditors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hzdigital.accounts.access import membership_of
from hzdigital.accounts.models import OrgUnit, Role
from hzdigital.talent.models import Review, TalentFigure


def _role_and_unit(user: Any) -> tuple[Role, OrgUnit | None]:
    membership = membership_of(user)
    if membership is None:
        return Role.PUBLIC, None
    return Role(membership.role), membership.unit


def figures_visible_to(user: Any) -> QuerySet[TalentFigure]:
    role, unit = _role_and_unit(user)
    figures = TalentFigure.objects.select_related("unit")
    if role.sees_all_units:
        return figures
    published = Q(review=Review.ACCEPTED)
    if role.manages_own_district and unit is not None:
        return figures.filter(published | Q(unit=unit))
    return figures.filter(published)


def may_report_for(user: Any, unit: OrgUnit) -> bool:
    """A district officer for its own district; the city office for any district."""
    role, own = _role_and_unit(user)
    if not role.reports_progress or unit.kind != OrgUnit.Kind.DISTRICT:
        return False
    return role.sees_all_units or (own is not None and own.pk == unit.pk)


def may_review(user: Any) -> bool:
    return _role_and_unit(user)[0].reviews_reports


def reporting_units_for(user: Any) -> QuerySet[OrgUnit]:
    """The districts the user may report for, in display order."""
    role, own = _role_and_unit(user)
    districts = OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT).order_by("order", "pk")
    if role.reports_progress and role.sees_all_units:
        return districts
    if role.manages_own_district and own is not None:
        return districts.filter(pk=own.pk)
    return districts.none()
