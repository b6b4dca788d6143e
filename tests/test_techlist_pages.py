"""Key-technology list pages: the list with its diff, drafts hidden from the public, and the
item's trend panel with an empty and a filled warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from django.test import Client
from django.urls import reverse

from cast import make_cast
from hzdigital.techlist import services
from hzdigital.techlist.trend import EMPTY_WAREHOUSE, SYNTHETIC_LABEL
from hzdigital.warehouse.store import ensure_schema


@pytest.fixture
def world(db, hzdigital_home: Path):
    cast = make_cast()
    office = cast.city_officer
    old = services.edition_create(by=office, year=2025, title_zh="2025清单", published=True)
    new = services.edition_create(by=office, year=2026, title_zh="2026清单", published=True)
    services.edition_create(by=office, year=2027, title_zh="2027草稿")
    common = {"domain_zh": "集成电路", "lead_zh": "某研究院", "nbs_categories": "0105"}
    services.item_add(by=office, edition=old, key="chip", technology_zh="芯片", **common)
    services.item_add(by=office, edition=old, key="qc", technology_zh="量子通信", **common)
    item = services.item_add(by=office, edition=new, key="chip", technology_zh="芯片二期", **common)
    services.item_add(by=office, edition=new, key="6g", technology_zh="六代通信", **common)
    return cast, item, hzdigital_home


def test_the_list_marks_added_carried_and_dropped_items(world):
    page = Client().get(reverse("techlist:year", args=[2026])).content.decode()
    assert 'data-diff="added"><td><a href="/techlist/items/' in page
    added = page.split('data-diff="added"')[1].split("</tr>")[0]
    carried = page.split('data-diff="carried"')[1].split("</tr>")[0]
    dropped = page.split('data-diff="dropped"')[1].split("</tr>")[0]
    assert "六代通信" in added and "芯片二期" in carried and "量子通信" in dropped


def test_the_public_does_not_see_a_draft_list(world):
    assert Client().get(reverse("techlist:year", args=[2027])).status_code == 404
    office = Client()
    office.force_login(world[0].city_officer)
    assert office.get(reverse("techlist:year", args=[2027])).status_code == 200


def test_the_trend_panel_says_the_warehouse_is_empty(world):
    page = Client().get(reverse("techlist:item", args=[world[1].pk])).content.decode()
    assert EMPTY_WAREHOUSE in page and "trend-chart" not in page


def test_the_trend_panel_draws_the_synthetic_series_with_its_label(world):
    home = world[2]
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        ensure_schema(con)
        for year, va in ((2023, 40.0), (2024, 55.25)):
            con.execute(
                "insert into enterprise_year values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                ["X", year, "企业", "330108", "3973", 100.0, va, 5, None, None, True, "t",
                 "010501", "0105", "01", "full", "", "t"],
            )  # fmt: skip
    response = Client().get(reverse("techlist:item", args=[world[1].pk]))
    page = response.content.decode()
    assert SYNTHETIC_LABEL in page and "trend-chart" in page
    (series,) = response.context["trend"].series
    assert series.years == (2023, 2024) and series.value_added_wan_yuan == (40.0, 55.25)
