"""Reads of the key-technology list: editions one may see, and an edition's diff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hzdigital.accounts.access import role_of
from hzdigital.techlist.diff import diff_keys
from hzdigital.techlist.models import TechListEdition, TechListItem


def editions_visible_to(user: Any) -> QuerySet[TechListEdition]:
    """Published editions for everyone; drafts for the office and members of any unit."""
    role = role_of(user)
    if role.sees_published_only:
        return TechListEdition.objects.filter(published=True)
    return TechListEdition.objects.all()


@dataclass(frozen=True)
class EditionDiff:
    previous: TechListEdition | None
    added: list[TechListItem]
    carried: list[TechListItem]
    dropped: list[TechListItem]  # items of the previous edition


def edition_diff(edition: TechListEdition) -> EditionDiff:
    previous = TechListEdition.objects.filter(year__lt=edition.year).order_by("-year").first()
    now = {item.key: item for item in edition.items.all()}
    before = {item.key: item for item in previous.items.all()} if previous else {}
    keys = diff_keys(before, now)
    return EditionDiff(
        previous=previous,
        added=[now[k] for k in keys.added],
        carried=[now[k] for k in keys.carried],
        dropped=[before[k] for k in keys.dropped],
    )
