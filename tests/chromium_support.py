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
