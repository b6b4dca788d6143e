"""In a real browser: the city office picks English on /reports/ and presses the HTML button;
the file that arrives is the English report."""

from __future__ import annotations

from html import escape

import pytest
from playwright.sync_api import Page, expect

from cast import make_cast
from chromium_support import TEST_PASSWORD, sign_in
from hzdigital.reports.text import CHAPTER_TITLES, TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(settings, hzdigital_home):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_cast().city_officer
    user.set_password(TEST_PASSWORD)
    user.save()
    return user


def test_the_office_downloads_the_english_html_report(page: Page, live_server, office,
                                                      tmp_path, screenshot) -> None:  # fmt: skip
    sign_in(page, live_server.url, office.username, then="/reports/")
    expect(page.get_by_role("heading", name="年度监测报告")).to_be_visible()
    page.get_by_label("English").check()
    screenshot(page, "reports-page")
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_test_id("download-html").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-en.html")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    year = int(download.suggested_filename.split("-")[2])
    assert TITLE.en.format(year=year) in html
    assert all(escape(title.en) in html for title in CHAPTER_TITLES.values())
