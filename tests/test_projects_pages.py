"""Major-project pages: the role × endpoint matrix (reads and writes) and what each shows.

Anonymous visitors go to the sign-in page; signed-in users without the right get 403; a
refused write changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from cast import MEMBERS, make_cast
from hzdigital.projects import services
from hzdigital.projects.models import Blocker, MajorProject, Stage

READERS = {"city_officer", "auditor", "binjiang_officer"}
WRITERS = {"city_officer", "binjiang_officer"}


@pytest.fixture
def world(db, hzdigital_home: Path):
    cast = make_cast()
    office = cast.city_officer
    project = services.project_create(
        by=office, name_zh="滨江算力中心", district_code="330108", nbs_category="0304",
        investor="某公司", total_investment_wan_yuan=Decimal("1000"),
    )  # fmt: skip
    services.project_advance(by=cast.binjiang_officer, project=project, to=Stage.SIGNED)
    chunan = services.project_create(
        by=office, name_zh="淳安数据中心", district_code="330127", nbs_category="0405",
        investor="另一公司", total_investment_wan_yuan=Decimal("800"),
    )  # fmt: skip
    services.quota_set(by=office, district_code="330108", year=2026, factor="land", amount=Decimal("100"))  # fmt: skip
    services.quota_set(by=office, district_code="330127", year=2026, factor="land", amount=Decimal("70"))  # fmt: skip
    request = services.factor_request_create(by=office, project=project, year=2026, factor="land", requested=Decimal("30"))  # fmt: skip
    services.factor_request_decide(by=office, request=request, approved=Decimal("12.5"))
    blocker = services.blocker_raise(by=office, project=project, text_zh="电力接入滞后")
    return cast, project, chunan, blocker


def _client(cast, member: str) -> Client:
    client = Client()
    user = cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


PAGES = {
    "list": (lambda w: reverse("projects:list"), READERS | {"chunan_officer"}),
    "滨江 project": (lambda w: reverse("projects:detail", args=[w[1].pk]), READERS),
    "balances": (
        lambda w: reverse("projects:balances") + "?year=2026",
        READERS | {"chunan_officer"},
    ),
}


@pytest.mark.parametrize("member", MEMBERS)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_answers_each_member_as_the_table_says(world, page, member):
    url, allowed = PAGES[page]
    response = _client(world[0], member).get(url(world))
    if member == "anonymous":
        assert response.status_code == 302 and "/accounts/" in response["Location"]
    else:
        assert response.status_code == (200 if member in allowed else 403)


WRITES = {
    "advance": lambda w: (reverse("projects:advance", args=[w[1].pk]), {"to": Stage.STARTED}),
    "escalate": lambda w: (reverse("projects:escalate", args=[w[3].pk]), {}),
}


def _state():
    return (
        list(MajorProject.objects.values_list("pk", "stage")),
        list(Blocker.objects.values_list("pk", "level")),
        MajorProject.history.count(),
    )


@pytest.mark.parametrize("member", MEMBERS)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_each_write_page_changes_state_only_for_its_writers(world, write, member):
    url, data = WRITES[write](world)
    before = _state()
    response = _client(world[0], member).post(url, data)
    if member in WRITERS:
        assert response.status_code == 302 and _state() != before
    else:
        assert response.status_code in (302, 403) and _state() == before
        if member != "anonymous":
            assert response.status_code == 403


def test_a_district_officer_lists_only_its_own_districts_projects(world):
    cast = world[0]
    page = _client(cast, "binjiang_officer").get(reverse("projects:list")).content.decode()
    assert "滨江算力中心" in page and "淳安数据中心" not in page
    assert "滨江区" in page  # the district by name, not by code
    office = _client(cast, "city_officer").get(reverse("projects:list") + "?stage=planning")
    assert "淳安数据中心" in office.content.decode()
    assert "滨江算力中心" not in office.content.decode()  # signed, filtered out


def test_the_project_page_shows_guarantees_blockers_and_who_changed_the_stage(world):
    cast, project = world[0], world[1]
    page = _client(cast, "auditor").get(reverse("projects:detail", args=[project.pk]))
    text = page.content.decode()
    assert "电力接入滞后" in text and "12.50" in text
    assert "binjiang" in text  # the history names the officer who advanced the stage
    assert 'data-testid="advance"' not in text  # the auditor gets no write form


def test_the_balances_page_shows_the_remaining_quota_per_district(world):
    cast = world[0]
    office = _client(cast, "city_officer").get(reverse("projects:balances") + "?year=2026")
    rows = office.context["rows"]
    land = {b.district_code: b for b, _ in rows if b.factor == "land"}
    assert land["330108"].remaining == Decimal("87.5")  # 100 - 12.5
    assert land["330127"].remaining == Decimal("70")
    assert "用地 land (亩)" in office.content.decode()
    own = _client(cast, "chunan_officer").get(reverse("projects:balances") + "?year=2026")
    assert {b.district_code for b, _ in own.context["rows"]} == {"330127"}
