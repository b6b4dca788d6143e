"""/reports/: who may download the annual report, and what the download returns."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cast import make_cast
from hzdigital.reports.text import EDITION_EMPTY, TITLE


@pytest.fixture
def cast(db):
    return make_cast()


def test_the_page_offers_a_button_per_format_to_the_city_office(client, cast, hzdigital_home):
    client.force_login(cast.city_officer)
    page = client.get(reverse("reports:page")).content.decode()
    for fmt in ("pdf", "xlsx", "html"):
        assert f'data-testid="download-{fmt}"' in page


@pytest.mark.parametrize("who", ["binjiang_officer", "department_officer", "outsider", None])
def test_others_see_why_they_may_not_download_and_are_refused(client, cast, who,
                                                              hzdigital_home):  # fmt: skip
    if who:
        client.force_login(getattr(cast, who))
    page = client.get(reverse("reports:page")).content.decode()
    assert 'data-testid="report-denied"' in page
    assert 'data-testid="download-pdf"' not in page
    response = client.get(reverse("reports:download"), {"year": 2024, "format": "html"})
    assert response.status_code == 403


def test_a_bad_format_or_language_is_refused_with_a_bilingual_message(client, cast,
                                                                      hzdigital_home):  # fmt: skip
    client.force_login(cast.auditor)
    url = reverse("reports:download")
    bad_format = client.get(url, {"year": 2024, "format": "docx", "lang": "zh"})
    assert bad_format.status_code == 400
    assert "docx" in bad_format.content.decode()
    bad_lang = client.get(url, {"year": 2024, "format": "pdf", "lang": "fr"})
    assert bad_lang.status_code == 400
    assert "语言" in bad_lang.content.decode() and "language" in bad_lang.content.decode()


def test_the_auditor_downloads_the_html_report_as_an_attachment(client, cast, hzdigital_home):
    client.force_login(cast.auditor)
    response = client.get(reverse("reports:download"), {"year": 2024, "format": "html",
                                                        "lang": "zh"})  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'attachment; filename="hzdigital-report-2024-zh.html"' == response["Content-Disposition"]
    html = b"".join(response.streaming_content).decode()
    assert TITLE.zh.format(year=2024) in html
    assert EDITION_EMPTY.zh in html
    kept = list((hzdigital_home / "reports").glob("report-2024-zh-*.html"))
    assert len(kept) == 1, "the file is kept for the next download of the same data"


def test_the_page_is_in_english_after_the_switch(client, cast, hzdigital_home):
    client.force_login(cast.city_officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/reports/"})
    page = client.get(reverse("reports:page")).content.decode()
    assert "Annual monitoring report" in page
    assert "Download PDF" in page
