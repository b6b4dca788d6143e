"""The data-edition pages: who may publish, the banner, frozen figures equal to the API's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from cast import make_cast
from editions_world import load_rows, revise_value_added
from hzdigital.accounts.models import Membership, OrgUnit, Role
from hzdigital.monitoring import editions

pytestmark = pytest.mark.django_db
WAN_YUAN_PER_YI_YUAN = 10_000


@pytest.fixture
def home(hzdigital_home: Path) -> Path:
    load_rows(hzdigital_home)
    return hzdigital_home


@pytest.fixture
def cast():
    return make_cast()


@pytest.fixture
def statistician(django_user_model):
    unit = OrgUnit.objects.create(
        slug="statistics", kind=OrgUnit.Kind.DEPARTMENT, name_zh="市统计局"
    )
    user = django_user_model.objects.create_user(username="stats")
    Membership.objects.create(user=user, unit=unit, role=Role.DEPARTMENT_OFFICER)
    return user


def kpi_value(html: str, key: str) -> float:
    match = re.search(rf'data-testid="kpi-{key}" data-value="([^"]*)"', html)
    assert match, key
    return float(match.group(1))


def banner(html: str) -> str:
    match = re.search(r'data-testid="edition-banner" data-edition="([^"]*)"', html)
    assert match, "the page names its edition"
    return match.group(1)


def test_the_statistician_publishes_from_the_page_and_a_second_click_changes_nothing(
    client, home, statistician
):
    client.force_login(statistician)
    page = client.get(reverse("dashboard:editions")).content.decode()
    assert 'data-testid="publish-form"' in page and 'data-testid="no-editions"' in page
    response = client.post(reverse("dashboard:edition_publish"), {"note": "2023 年报"}, follow=True)
    html = response.content.decode()
    assert "已发布数据版本 E1" in html and 'data-edition="E1"' in html and "2023 年报" in html
    again = client.post(reverse("dashboard:edition_publish"), follow=True).content.decode()
    assert "未发布新版本" in again
    assert [e.edition_id for e in editions.list_editions()] == ["E1"]
    assert editions.get_edition("E1").published_by == "stats"


def test_the_city_office_may_publish_but_a_district_officer_may_not(client, home, cast):
    client.force_login(cast.city_officer)
    assert (
        'data-testid="publish-form"' in client.get(reverse("dashboard:editions")).content.decode()
    )
    client.force_login(cast.binjiang_officer)
    assert (
        'data-testid="publish-form"'
        not in client.get(reverse("dashboard:editions")).content.decode()
    )
    assert client.post(reverse("dashboard:edition_publish")).status_code == 403
    client.logout()
    assert client.post(reverse("dashboard:edition_publish")).status_code == 302
    assert editions.list_editions() == []


def test_the_dashboard_and_the_api_show_the_same_frozen_figure_for_one_edition(client, home):
    editions.publish_edition(by="stats")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")  # live now differs from E1
    html = client.get(reverse("dashboard:monitor"), {"year": 2023}).content.decode()
    api = client.get("/api/monitor", {"year": 2023, "level": "core"}).json()
    (city,) = [
        r for r in api["records"] if r["division_code"] == "330100" and r["de_code"] == "core"
    ]
    assert banner(html) == "E1" and api["edition"]["edition_id"] == "E1"
    assert kpi_value(html, "core_value_added") == pytest.approx(
        city["value_added"] / WAN_YUAN_PER_YI_YUAN
    )
    assert city["value_added"] == pytest.approx(65.0)


def test_the_visitor_can_switch_to_live_figures_and_the_banner_says_so(client, home):
    editions.publish_edition(by="stats")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")
    live = client.get(
        reverse("dashboard:monitor"), {"year": 2023, "edition": "live"}
    ).content.decode()
    assert banner(live) == "live"
    assert kpi_value(live, "core_value_added") == pytest.approx(68.0 / WAN_YUAN_PER_YI_YUAN)
    # the choice sticks for the drill-down links, until the visitor goes back to the latest
    again = client.get(reverse("dashboard:monitor"), {"year": 2023}).content.decode()
    assert banner(again) == "live"
    back = client.get(
        reverse("dashboard:monitor"), {"year": 2023, "edition": "latest"}
    ).content.decode()
    assert banner(back) == "E1"


def test_without_any_edition_the_pages_say_they_show_live_figures(client, home):
    html = client.get(reverse("dashboard:monitor")).content.decode()
    assert banner(html) == "live" and "实时数据" in html


def test_the_revisions_page_lists_the_changed_cells_in_both_languages(client, home):
    editions.publish_edition(by="stats")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")
    editions.publish_edition(by="stats")
    url = reverse("dashboard:edition_revisions", args=["E1", "E2"])
    html = client.get(url, {"measure": "value_added"}).content.decode()
    assert "修订:E1 → E2" in html
    assert html.count("<tr><td>") == 6  # core, major, medium × Binjiang and the city
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Revisions: E1 → E2" in english and "Location quotient" in english
    assert client.get(reverse("dashboard:edition_revisions", args=["E1", "E9"])).status_code == 404


def test_the_editions_page_is_translated(client, home):
    editions.publish_edition(by="stats", note="annual")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("dashboard:editions")).content.decode()
    assert "Published editions" in html and "Synthetic data" in html
    assert "已发布的版本" not in html


def test_the_structure_page_reads_the_frozen_edition_too(client, home):
    editions.publish_edition(by="stats")
    revise_value_added(home, "A", 2023, 33.0, "imp-2")
    response = client.get(reverse("dashboard:structure"), {"year": 2023})
    assert response.status_code == 200
    assert banner(response.content.decode()) == "E1"
