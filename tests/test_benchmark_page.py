"""The /benchmark/ page: every value with its source, gaps as computed, missing shown as missing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hzdigital.evaluation import benchmark as benchmark_module
from hzdigital.evaluation.benchmark import load_benchmark

pytestmark = pytest.mark.django_db


def test_the_page_lists_every_sourced_value_with_its_link(client):
    html = client.get(reverse("benchmark:page")).content.decode()
    bench = load_benchmark()
    for v in bench.values:
        if v.value is not None and bench.latest(v.city_code, v.indicator) == v:
            assert f'href="{v.source}"' in html.replace("&amp;", "&"), v


def test_the_gap_rows_carry_the_ratio_hangzhou_over_the_city(client):
    html = client.get(reverse("benchmark:page")).content.decode()
    row = re.search(
        r'data-city="shenzhen" data-indicator="core_share_of_gdp_percent" '
        r'data-ratio="([^"]+)" data-difference="([^"]+)"',
        html,
    )
    assert row, "Shenzhen's core share is comparable with Hangzhou's"
    bench = load_benchmark()
    hz = bench.value("hangzhou", "core_share_of_gdp_percent")
    sz = bench.value("shenzhen", "core_share_of_gdp_percent")
    assert float(row.group(1)) == pytest.approx(hz / sz)
    assert float(row.group(2)) == pytest.approx(hz - sz)


def test_a_city_without_figures_shows_missing_and_gets_no_radar(client):
    html = client.get(reverse("benchmark:page")).content.decode()
    tokyo = re.search(r'<tr data-city="tokyo">(.*?)</tr>', html, re.S).group(1)
    assert "缺失" in tokyo and "data-value" not in tokyo
    assert 'data-testid="radar-shenzhen"' in html and 'data-testid="radar-tokyo"' not in html
    assert "东京" in re.search(r'data-testid="no-radar">(.*?)</p>', html, re.S).group(1)


def test_the_page_is_in_english_on_request(client):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("benchmark:page")).content.decode()
    assert "City benchmark" in html and "Gap analysis (Hangzhou against each city)" in html
    assert "Tokyo" in html and "城市对标" not in html


def test_a_broken_benchmark_file_shows_its_issues_not_a_crash(client, tmp_path, monkeypatch):
    broken = tmp_path / "city_benchmark.csv"
    text = benchmark_module.DEFAULT_PATH.read_text(encoding="utf-8")
    broken.write_text(text.replace(",2021,4905,", ",2021,lots,", 1), encoding="utf-8")
    monkeypatch.setattr(benchmark_module, "DEFAULT_PATH", broken)
    response = client.get(reverse("benchmark:page"))
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-testid="benchmark-issues"' in html
    assert "line 2" in html and "value" in html and "lots" in html
