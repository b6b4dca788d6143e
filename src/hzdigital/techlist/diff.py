"""Year-to-year diff of the key-technology list, matched by the items' stable keys.

>>> d = diff_keys(["ai-chip", "quantum"], ["ai-chip", "6g"])
>>> d.added, d.dropped, d.carried
(('6g',), ('quantum',), ('ai-chip',))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class KeyDiff:
    added: tuple[str, ...]  # in this year's list, not last year's
    dropped: tuple[str, ...]  # in last year's list, not this year's
    carried: tuple[str, ...]  # in both


def diff_keys(previous: Iterable[str], current: Iterable[str]) -> KeyDiff:
    before, now = set(previous), set(current)
    return KeyDiff(
        added=tuple(sorted(now - before)),
        dropped=tuple(sorted(before - now)),
        carried=tuple(sorted(now & before)),
    )
