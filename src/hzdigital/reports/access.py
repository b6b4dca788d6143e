"""Who may download the annual report: it counts every unit's tasks and every major project,
so only the roles that read all units (the city office and auditors) may."""

from __future__ import annotations

from typing import Any

from hzdigital.accounts.access import role_of


def may_download(user: Any) -> bool:
    return role_of(user).sees_all_units
