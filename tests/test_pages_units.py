"""Unit pages: positioning, key industries with their GB/T and NBS codes, corridors."""

from __future__ import annotations

import csv

import pytest

from hzdigital.classification import gbt4754, nbs
from hzdigital.lib.divisions import county_codes
from hzdigital.plan.models import IndustryCode, Unit
from hzdigital.plan.services import plan_load
from hzdigital.plan.views import UNIT_NOT_FOUND


@pytest.fixture
def plan(db):
    return plan_load()


def _nbs_rows_by_sub() -> dict[str, list[dict[str, str]]]:
    """The shipped table read straight from its CSV, independently of the views."""
    rows: dict[str, list[dict[str, str]]] = {}
    with nbs.SHIPPED_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["sub_code"]:
                rows.setdefault(row["sub_code"], []).append(row)
    return rows


def test_the_unit_list_shows_all_13_units(client, plan):
    response = client.get("/units/")
    assert response.status_code == 200
    page = response.content.decode()
    for code in county_codes():
        assert f'data-testid="unit-{code}"' in page


def test_a_unit_page_shows_its_positioning_and_key_industries(client, plan):
    unit = Unit.objects.get(edition=plan, code="330108")
    response = client.get("/units/330108/")
    assert response.status_code == 200
    page = response.content.decode()
    assert unit.positioning_zh in page
    assert "全国数字经济最强区" in page
    for industry in unit.key_industries.all():
        assert industry.name_zh in page
    assert page.count('data-testid="industry"') == unit.key_industries.count()


def test_gbt_codes_on_a_unit_page_carry_their_official_names(client, plan):
    unit = Unit.objects.get(edition=plan, code="330108")
    page = client.get("/units/330108/").content.decode()
    codes = IndustryCode.objects.filter(key_industry__unit=unit, scheme=IndustryCode.Scheme.GBT4754)
    assert codes.exists()
    for code in codes:
        assert f'<span class="hz-code">{code.code}</span> {gbt4754.lookup(code.code).name}' in page


def test_nbs_codes_on_a_unit_page_carry_name_and_weakest_row_confidence(client, plan):
    rows = _nbs_rows_by_sub()
    order = ["none", "low", "medium", "high"]
    industries = client.get("/units/330108/").context["industries"]
    shown = [code for industry in industries for code in industry["nbs_codes"]]
    assert shown
    for code in shown:
        if len(code.code) != 6:
            continue
        table_rows = rows[code.code]
        assert code.name == table_rows[0]["sub_name"]
        notes = [r["note"].split(";")[0].removeprefix("conf=").strip() for r in table_rows]
        assert code.confidence == min(notes, key=order.index)
        assert code.partial == any(r["partial"] == "1" for r in table_rows)


def test_a_unit_in_a_corridor_names_it_on_its_page(client, plan):
    unit = Unit.objects.get(edition=plan, code="330110")
    corridors = list(unit.corridors.all())
    assert corridors
    response = client.get("/units/330110/")
    assert [c["slug"] for c in response.context["unit_corridors"]] == [c.slug for c in corridors]
    page = response.content.decode()
    for corridor in corridors:
        assert corridor.name_zh in page


def test_a_unit_page_highlights_its_unit_on_the_map(client, plan):
    response = client.get("/units/330127/")
    assert response.context["map_highlight"] == "330127"
    assert 'data-highlight="330127"' in response.content.decode()


def test_an_unknown_unit_code_is_not_found(client, plan):
    response = client.get("/units/330103/")  # 下城区, abolished in 2021
    assert response.status_code == 404
    assert UNIT_NOT_FOUND % {"code": "330103"} == "规划中没有代码为 330103 的区县。"
