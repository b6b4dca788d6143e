"""README.md documents every role, the demo password, the demo users and the reminder cron
line; these tests fail when one of them changes without the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hzdigital.accounts.models import Role
from hzdigital.accounts.seed import DEMO_ENTERPRISE, DEMO_PASSWORD, DEPARTMENTS
from hzdigital.supervision.status import DEFAULT_TOLERANCE_POINTS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PUBLIC])
def test_every_role_is_documented(role: Role) -> None:
    assert f"{role.value}:" in README


def test_the_demo_password_and_users_are_documented() -> None:
    assert f"`{DEMO_PASSWORD}`" in README
    for slug, _, _ in DEPARTMENTS:
        assert f"`dept-{slug}`" in README
    assert DEMO_ENTERPRISE.name_zh in README
    assert "`office`" in README and "`auditor`" in README and "`district-330108`" in README


def test_the_reminder_cron_line_names_the_command() -> None:
    assert re.search(r"^\d+ \d+ \* \* \* .*manage\.py send_reminders", README, re.MULTILINE)


def test_the_documented_tolerance_is_the_default() -> None:
    assert f"default {DEFAULT_TOLERANCE_POINTS} percentage points" in README
