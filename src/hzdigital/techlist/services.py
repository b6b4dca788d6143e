"""Writes of the key-technology list: the city office publishes it; everyone else reads."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hzdigital.accounts.access import membership_of, require
from hzdigital.accounts.history import save_as
from hzdigital.accounts.models import Role
from hzdigital.techlist.models import TechListEdition, TechListItem


def may_manage_list(user: Any) -> bool:
    membership = membership_of(user)
    return membership is not None and Role(membership.role).manages_work_points


@transaction.atomic
def edition_create(
    *, by: Any, year: int, title_zh: str, published: bool = False, is_demo: bool = False
) -> TechListEdition:
    require(may_manage_list(by))
    edition = TechListEdition(year=year, title_zh=title_zh, published=published, is_demo=is_demo)
    save_as(edition, by)
    return edition


@transaction.atomic
def item_add(*, by: Any, edition: TechListEdition, **fields: Any) -> TechListItem:
    """Add an item (fields: key, technology_zh, domain_zh, lead_zh, gbt_classes,
    nbs_categories, goal_zh, status)."""
    require(may_manage_list(by))
    item = TechListItem(edition=edition, **fields)
    save_as(item, by)
    return item


@transaction.atomic
def item_set_status(*, by: Any, item: TechListItem, status: str) -> TechListItem:
    require(may_manage_list(by))
    item.status = status
    save_as(item, by)
    return item
