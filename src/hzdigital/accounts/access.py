"""Who the user is in the plan's machinery: role and unit, read once per request.

Other apps build their access helpers on these two (see ``supervision/access.py``); a user
without a membership, or not logged in, is the public.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from hzdigital.accounts.models import Membership, OrgUnit, Role

NOT_ALLOWED = "您的角色无权进行此操作 / Your role may not do this"


def membership_of(user: Any) -> Membership | None:
    """The user's membership, or None for anonymous visitors and users without a unit."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return Membership.objects.select_related("unit").get(user=user)
    except Membership.DoesNotExist:
        return None


def role_of(user: Any) -> Role:
    membership = membership_of(user)
    return Role(membership.role) if membership else Role.PUBLIC


def unit_of(user: Any) -> OrgUnit | None:
    membership = membership_of(user)
    return membership.unit if membership else None


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless ``allowed``: one place for the refusal message."""
    if not allowed:
        raise PermissionDenied(NOT_ALLOWED)
