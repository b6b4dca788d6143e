"""Debian's Chromium for the browser tests: where it is, how it starts, what if it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM_PATH = Path("/usr/bin/chromium")
# Flags for a closed network: without the background-networking ones Chromium keeps trying to
# reach Google's hosts; --no-sandbox because tests run as root in CI.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHROMIUM_MISSING = (
    f"浏览器测试需要 Debian 的 Chromium ({CHROMIUM_PATH}),请运行 scripts/ensure-system.sh / "
    f"Browser tests need Debian's Chromium at {CHROMIUM_PATH}: run scripts/ensure-system.sh"
)


def require_chromium(path: Path) -> None:
    """Fail the test, never skip it, when the browser is missing: a skip would look green."""
    if not path.exists():
        pytest.fail(CHROMIUM_MISSING, pytrace=False)


# The password the browser tests give their users (set with a fast hasher in each test's fixture).
TEST_PASSWORD = "browser-test-only"


def sign_in(page, base_url: str, username: str, then: str = "/") -> None:
    """Sign in through the login page as a user does, then land on ``then``."""
    page.goto(f"{base_url}/accounts/login/?next={then}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
