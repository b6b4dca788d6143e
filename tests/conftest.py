"""Shared test harness: database markers, a private state folder, Debian Chromium.

`make test` runs the whole suite on PostgreSQL and then, on SQLite, only the tests marked
``database``; this module adds that marker to every test that touches the Django database,
so nobody has to remember it. Browser tests get Debian's Chromium through Playwright and fail,
never skip, when it is missing: a missing browser must not look like a passing suite.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from chromium_support import CHROMIUM_ARGS, CHROMIUM_PATH, require_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Fixtures that give a test the Django database; a test using any of them is a database test.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "client",
        "async_client",
        "admin_client",
        "admin_user",
        "django_user_model",
    }
)
BROWSER_FIXTURES = frozenset({"chromium", "page"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & DATABASE_FIXTURES:
            item.add_marker(pytest.mark.database)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


POSTGRES_ONLY = "PostgreSQL only: `make test` runs it in its PostgreSQL run"


def pytest_runtest_setup(item: pytest.Item) -> None:
    # The vendor comes from the settings' ENGINE; asking for it opens no connection.
    from django.db import connection

    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip(POSTGRES_ONLY)


@pytest.fixture
def hzdigital_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HZDIGITAL_HOME for one test (warehouse, classification edition, quarantine)."""
    home = tmp_path / "hzdigital-home"
    home.mkdir()
    monkeypatch.setenv("HZDIGITAL_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright, one per test process."""
    require_chromium(CHROMIUM_PATH)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop on the test thread, so Django would refuse
    # ORM calls made by the test itself (fixtures, assertions) as "async unsafe". They are
    # plain synchronous calls on one thread, which is safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A fresh browser page (own cookies and storage) in Chinese, the users' language."""
    context = chromium.new_context(locale="zh-CN")
    try:
        yield context.new_page()
    finally:
        context.close()


SCREENSHOTS = Path(__file__).resolve().parents[1] / "var" / "screenshots"


@pytest.fixture
def screenshot():
    """``screenshot(page, name)`` saves the whole page to var/screenshots/<name>.png for a person
    to look at (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take
