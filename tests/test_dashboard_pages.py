"""The monitoring pages against a small synthetic warehouse built through the real import.

Page figures are checked twice: against the cube that ``hzdigital.monitoring`` computes, and
against plain SQL sums over the warehouse rows (an independent computation), to 1e-6 relative.
"""

from __future__ import annotations

import math
import re

import pytest
from django.urls import reverse

from dashboard_warehouse import FixtureWarehouse, build_warehouse
from hzdigital.dashboard import messages as msg
from hzdigital.dashboard.enterprise_reads import PAGE_SIZE
from hzdigital.monitoring.cube import build_cube
from hzdigital.monitoring.engines import Engine
from hzdigital.warehouse import store

YEAR = 2023
BINJIANG = "330108"
REL = 1e-6
CORE_SQL = "de_status IN ('full', 'partial_resolved') AND de_major IN ('01', '02', '03', '04')"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> FixtureWarehouse:
    home = tmp_path_factory.mktemp("dashboard-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HZDIGITAL_HOME", str(home))
        built = build_warehouse(home)
        yield built


def _cube(level: str):
    backend = store.connect()
    try:
        t = store.enterprise_year(backend)
        t = t.mutate(division_code=t.division_code.cast("string"))
        return Engine("duckdb", backend).execute(build_cube(t, level=level, year=YEAR))
    finally:
        backend.disconnect()


def _cell(frame, division: str, de_code: str):
    rows = frame[(frame.division_code == division) & (frame.de_code == de_code)]
    assert len(rows) == 1, (division, de_code)
    return rows.iloc[0]


def _data_value(html: str, testid: str) -> float:
    match = re.search(rf'data-testid="{testid}" data-value="([^"]*)"', html)
    assert match, testid
    return float(match.group(1))


def test_the_dashboard_shows_the_city_core_value_added_of_the_cube(client, warehouse):
    response = client.get(reverse("dashboard:monitor"), {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    shown = _data_value(html, "kpi-core_value_added")  # 亿元
    cube_value = _cell(_cube("core"), "330100", "core").value_added / 10_000
    (sql_value,) = warehouse.sql(
        f"SELECT sum(value_added) / 10000 FROM enterprise_year WHERE year = ? AND {CORE_SQL}",
        [YEAR],
    )[0]
    assert math.isclose(shown, cube_value, rel_tol=REL)
    assert math.isclose(shown, sql_value, rel_tol=REL)


def test_the_dashboard_kpis_match_plain_sums_over_the_core_rows(client, warehouse):
    response = client.get(reverse("dashboard:monitor"), {"year": YEAR})
    html = response.content.decode()
    revenue, enterprises, employees, rd = warehouse.sql(
        f"""SELECT sum(revenue), count(*), sum(employees), sum(rd_expense)
        FROM enterprise_year WHERE year = ? AND {CORE_SQL}""",
        [YEAR],
    )[0]
    assert math.isclose(_data_value(html, "kpi-core_revenue"), revenue / 10_000, rel_tol=REL)
    assert _data_value(html, "kpi-enterprises") == enterprises
    assert _data_value(html, "kpi-employees") == employees
    assert math.isclose(_data_value(html, "kpi-rd_intensity"), rd / revenue * 100, rel_tol=REL)


def test_the_dashboard_shows_the_plan_target_and_a_published_source(client, warehouse):
    html = client.get(reverse("dashboard:monitor"), {"year": 2021}).content.decode()
    # 2021 is not in the warehouse: the page falls back to the newest year it holds.
    assert 'data-testid="year">2023<' in html
    assert "7,000" in html  # the 2025 target of core value added, 亿元
    assert "公开发布: https://" in html


def test_every_monitoring_page_labels_synthetic_data(client, warehouse):
    pages = [
        reverse("dashboard:monitor"),
        reverse("dashboard:division", args=[BINJIANG]),
        reverse("dashboard:category", args=[BINJIANG, "core"]),
        reverse("dashboard:structure"),
        reverse("dashboard:enterprises") + "?q=" + BINJIANG,
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert 'data-testid="synthetic-banner"' in html, url
        assert str(msg.SYNTHETIC_BADGE) in html, url


def test_figures_name_the_import_they_come_from(client, warehouse):
    html = client.get(reverse("dashboard:monitor")).content.decode()
    expected = msg.SOURCE_IMPORT_SYNTHETIC % {"import_id": warehouse.result.import_id}
    assert str(expected) in html


def test_the_breakdown_keeps_05_and_unresolved_rows_out_of_the_core(client, warehouse):
    response = client.get(reverse("dashboard:monitor"), {"year": YEAR})
    breakdown = response.context["breakdown"]
    majors = {row.de_code: row for row in breakdown.majors}
    core_majors = sum(majors[c].enterprises for c in ("01", "02", "03", "04") if c in majors)
    assert breakdown.core.enterprises == core_majors
    assert "05" in majors and not majors["05"].core
    (unresolved,) = warehouse.sql(
        "SELECT count(*) FROM enterprise_year WHERE year = ? AND de_status = 'partial_unresolved'",
        [YEAR],
    )[0]
    assert unresolved > 0, "the fixture should hold unresolved partial rows"
    assert breakdown.unresolved.enterprises == unresolved
    assert not breakdown.unresolved.core


def test_a_district_page_shows_the_districts_cube_figures(client, warehouse):
    response = client.get(reverse("dashboard:division", args=[BINJIANG]), {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    cell = _cell(_cube("core"), BINJIANG, "core")
    assert math.isclose(
        _data_value(html, "figure-value_added"), cell.value_added / 10_000, rel_tol=REL
    )
    assert math.isclose(_data_value(html, "figure-lq"), cell.lq, rel_tol=REL)
    assert "滨江区" in html


def test_a_category_page_lists_exactly_the_enterprises_the_cube_counts(client, warehouse):
    frame = _cube("major")
    cell = _cell(frame, BINJIANG, "03")
    response = client.get(reverse("dashboard:category", args=[BINJIANG, "03"]), {"year": YEAR})
    assert response.status_code == 200
    page = response.context["enterprises"]
    assert page.total == cell.enterprises
    assert len(page.rows) == min(PAGE_SIZE, cell.enterprises)
    assert all(row.division_code == BINJIANG and row.year == YEAR for row in page.rows)


def test_the_enterprise_list_shows_each_rows_classification_and_reason(client, warehouse):
    response = client.get(reverse("dashboard:category", args=["330100", "core"]), {"year": YEAR})
    html = response.content.decode()
    page = response.context["enterprises"]
    first = page.rows[0]
    assert first.de_status in ("full", "partial_resolved")
    assert first.de_evidence and first.de_evidence in html
    assert first.edition in html
    assert str(msg.DE_STATUS_LABELS[first.de_status]) in html


def test_the_enterprise_list_pages_through_the_cell(client, warehouse):
    url = reverse("dashboard:category", args=["330100", "core"])
    first = client.get(url, {"year": YEAR, "page": 1}).context["enterprises"]
    second = client.get(url, {"year": YEAR, "page": 2}).context["enterprises"]
    assert first.pages > 1
    assert {r.uscc for r in first.rows}.isdisjoint({r.uscc for r in second.rows})


def test_unresolved_enterprises_are_listed_apart(client, warehouse):
    url = reverse("dashboard:category", args=["330100", "partial_unresolved"])
    page = client.get(url, {"year": YEAR}).context["enterprises"]
    assert page.total > 0
    assert {row.de_status for row in page.rows} == {"partial_unresolved"}


def test_an_unknown_division_is_not_found(client, warehouse):
    assert client.get(reverse("dashboard:division", args=["330103"])).status_code == 404


def test_an_unknown_category_is_not_found(client, warehouse):
    url = reverse("dashboard:category", args=[BINJIANG, "99"])
    assert client.get(url).status_code == 404


def test_the_pages_switch_to_english(client, warehouse):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("dashboard:monitor")).content.decode()
    assert "Digital-economy monitoring" in html
    assert "Synthetic data" in html
    assert "数字经济监测" not in html


def test_the_core_value_added_card_shows_the_plans_constant_rate_path(client, warehouse):
    response = client.get(reverse("dashboard:monitor"), {"year": YEAR})
    card = next(k for k in response.context["kpis"] if k.spec.key == "core_value_added")
    # From the published 2021 actual (4 905 亿元) to the 2025 target (7 000 亿元) at a constant
    # yearly rate: halfway through in 2023.
    assert card.expected == pytest.approx(4905 * (7000 / 4905) ** 0.5, rel=1e-12)
    gap = card.value / card.expected - 1
    assert card.status == ("on_track" if abs(gap) <= 0.01 else "ahead" if gap > 0 else "behind")
    assert 'data-testid="kpi-path-core_value_added"' in response.content.decode()


def test_enterprise_rd_intensity_is_not_held_against_the_plans_rd_to_gdp_target(client, warehouse):
    response = client.get(reverse("dashboard:monitor"), {"year": YEAR})
    card = next(k for k in response.context["kpis"] if k.spec.key == "rd_intensity")
    assert card.value is not None
    assert card.target is None and card.expected is None


def test_english_pages_name_districts_as_the_plan_does(client, warehouse):
    from hzdigital.plan.models import Unit
    from hzdigital.plan.services import plan_load

    plan_load()
    english = Unit.objects.get(code=BINJIANG, edition__is_active=True).name_en
    client.cookies["django_language"] = "en"
    response = client.get(reverse("dashboard:division", args=[BINJIANG]))
    assert english and english in response.content.decode()
    assert response.context["division_name"] == english
