"""The test harness keeps its promises: private state, a real browser, database markers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from chromium_support import CHROMIUM_MISSING, require_chromium

REPO_DIR = Path(__file__).resolve().parents[1]
DEMO_HOME = REPO_DIR / "var"


def test_it_keeps_test_state_out_of_the_demo_folder():
    home = Path(os.environ["HZDIGITAL_HOME"])
    assert home == settings.HOME
    assert home != DEMO_HOME
    # One folder per run and per pytest-xdist worker, so no two processes share a DuckDB file.
    assert home.name == os.environ.get("PYTEST_XDIST_WORKER", "main")
    assert home.parent.name == os.environ["HZDIGITAL_TEST_RUN"]
    assert home.parent.name.startswith("run-")


def test_the_hzdigital_home_fixture_gives_each_test_an_empty_folder(hzdigital_home):
    assert os.environ["HZDIGITAL_HOME"] == str(hzdigital_home)
    assert list(hzdigital_home.iterdir()) == []


def test_it_marks_tests_that_use_the_database(request):
    # This test uses no database fixture, so the SQLite run must not select it.
    assert request.node.get_closest_marker("database") is None


@pytest.mark.django_db
def test_it_marks_tests_that_declare_the_database(request):
    assert request.node.get_closest_marker("database") is not None


def test_the_browser_opens_a_page_served_by_the_test_server(page, live_server, request):
    assert request.node.get_closest_marker("browser") is not None
    response = page.goto(f"{live_server.url}/admin/login/")
    assert response is not None and response.status == 200
    assert page.locator("input[name=username]").count() == 1
    assert page.evaluate("navigator.userAgent").find("HeadlessChrome") >= 0


def test_a_missing_chromium_fails_the_browser_test_instead_of_skipping_it(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="Chromium") as failure:
        require_chromium(tmp_path / "no-chromium-here")
    assert str(failure.value) == CHROMIUM_MISSING
