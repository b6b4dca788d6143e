"""Talent over /api/: the role × endpoint matrix (reads, writes) and what each member sees.

Every member of the cast calls every endpoint; the tables say who succeeds. A refused write
answers 401 (not signed in) or 403 (signed in, not allowed) and changes nothing.
"""

from __future__ import annotations

import pytest
from django.test import Client

from cast import MEMBERS, make_cast
from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.api.messages import SIGN_IN_REQUIRED
from hzdigital.plan.services import plan_load
from hzdigital.talent import services
from hzdigital.talent.models import Review, TalentFigure, TalentTarget

POSTDOCS = {"programme_slug": "postdoc-doubling", "metric": "postdocs"}


@pytest.fixture
def world(db):
    cast = make_cast()
    # 滨江: 2021 accepted, 2023 submitted; 淳安: 2021 accepted, a 2023 draft.
    services.figure_save(
        by=cast.binjiang_officer, unit=cast.binjiang, year=2021, value=80, **POSTDOCS
    )
    (accepted,) = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2021)
    services.figures_review(by=cast.city_officer, figures=[accepted], decision=Review.ACCEPTED)
    services.figure_save(by=cast.city_officer, unit=cast.chunan, year=2021, value=20, **POSTDOCS)
    (accepted,) = services.figures_submit(by=cast.city_officer, unit=cast.chunan, year=2021)
    services.figures_review(by=cast.city_officer, figures=[accepted], decision=Review.ACCEPTED)
    services.figure_save(
        by=cast.binjiang_officer, unit=cast.binjiang, year=2023, value=120, **POSTDOCS
    )
    services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    services.figure_save(by=cast.chunan_officer, unit=cast.chunan, year=2023, value=3, **POSTDOCS)
    target = TalentTarget(
        baseline_year=2021, target_year=2025, baseline_multiple=2, source="规划专栏12", **POSTDOCS
    )
    target.full_clean()
    target.save()
    return cast


def _client(world, member: str) -> Client:
    client = Client()
    user = world.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


def _pending(world) -> TalentFigure:
    return TalentFigure.objects.get(unit=world.binjiang, year=2023)


READS = ("/api/talent/figures", "/api/talent/targets")


@pytest.mark.parametrize(("url", "member"), [(u, m) for u in READS for m in MEMBERS])
def test_every_member_reads_the_talent_endpoints(world, url, member) -> None:
    assert _client(world, member).get(url).status_code == 200


def test_the_directions_carry_the_plans_programmes_and_their_metrics(world) -> None:
    assert _client(world, "anonymous").get("/api/talent/directions").status_code == 503
    plan_load()
    directions = _client(world, "anonymous").get("/api/talent/directions").json()
    assert [d["slug"] for d in directions] == [
        "peak-talent",
        "innovative-entrepreneurs",
        "industry-specialists",
        "young-leaders",
    ]
    (young,) = [d for d in directions if d["slug"] == "young-leaders"]
    doubling = next(p for p in young["programmes"] if p["slug"] == "postdoc-doubling")
    assert doubling["quote_zh"] == "深入实施博士后倍增计划"
    assert [m["key"] for m in doubling["metrics"]] == ["postdocs"]


# Which figures each member sees: accepted ones for everyone, the own district's drafts and
# submissions for its officer, everything for the office and auditors.
SEEN = {
    "city_officer": {"binjiang 2021", "chunan 2021", "binjiang 2023", "chunan 2023"},
    "auditor": {"binjiang 2021", "chunan 2021", "binjiang 2023", "chunan 2023"},
    "binjiang_officer": {"binjiang 2021", "chunan 2021", "binjiang 2023"},
    "chunan_officer": {"binjiang 2021", "chunan 2021", "chunan 2023"},
    "department_officer": {"binjiang 2021", "chunan 2021"},
    "enterprise_user": {"binjiang 2021", "chunan 2021"},
    "outsider": {"binjiang 2021", "chunan 2021"},
    "anonymous": {"binjiang 2021", "chunan 2021"},
}
NAMES = {"330108": "binjiang", "330127": "chunan"}


@pytest.mark.parametrize("member", MEMBERS)
def test_the_figures_hold_only_what_the_member_may_see(world, member) -> None:
    rows = _client(world, member).get("/api/talent/figures").json()
    assert {f"{NAMES[r['division_code']]} {r['year']}" for r in rows} == SEEN[member]


def test_figures_filter_by_year_district_and_programme(world) -> None:
    client = _client(world, "city_officer")
    rows = client.get("/api/talent/figures?year=2023&division_code=330127").json()
    assert [(r["division_code"], r["year"], r["value"]) for r in rows] == [("330127", 2023, 3)]
    assert client.get("/api/talent/figures?programme=postdoc-stations").json() == []


def test_the_targets_carry_the_computed_doubling_and_each_years_status(world) -> None:
    (target,) = _client(world, "anonymous").get("/api/talent/targets").json()
    assert (target["baseline_value"], target["target_value"]) == (100, 200)  # 80 + 20, doubled
    statuses = {p["year"]: p["status"] for p in target["points"]}
    assert statuses[2021] == "on_track"
    assert statuses[2023] == "no_actual"  # 滨江's 2023 figure still awaits review


def _save(world, client):
    body = {"division_code": "330108", "programme": "postdoc-doubling", "metric": "postdocs",
            "year": 2024, "value": 150}  # fmt: skip
    return client.post("/api/talent/figures", body, content_type="application/json")


def _submit(world, client):
    body = {"division_code": "330127", "year": 2023}
    return client.post("/api/talent/figures/submit", body, content_type="application/json")


def _review(world, client):
    url = f"/api/talent/figures/{_pending(world).pk}/review"
    return client.post(url, {"decision": "accepted"}, content_type="application/json")


def _changed(world, write: str) -> bool:
    if write == "save":
        return TalentFigure.objects.filter(year=2024).exists()
    if write == "submit":
        return TalentFigure.objects.get(unit=world.chunan, year=2023).review == Review.SUBMITTED
    return _pending(world).review == Review.ACCEPTED


WRITES = {
    "save": (_save, {"city_officer", "binjiang_officer"}),
    "submit": (_submit, {"city_officer", "chunan_officer"}),
    "review": (_review, {"city_officer"}),
}


@pytest.mark.parametrize(("write", "member"), [(w, m) for w in WRITES for m in MEMBERS])
def test_each_role_writes_exactly_what_the_table_says(world, write, member) -> None:
    post, allowed = WRITES[write]
    response = post(world, _client(world, member))
    if member in allowed:
        assert response.status_code == 200
        assert _changed(world, write)
        return
    expected = (401, SIGN_IN_REQUIRED) if member == "anonymous" else (403, NOT_ALLOWED)
    assert (response.status_code, response.json()["detail"]) == expected
    assert not _changed(world, write)


def test_a_metric_the_programme_does_not_report_is_refused_with_the_field_named(world) -> None:
    body = {"division_code": "330108", "programme": "postdoc-doubling",
            "metric": "people_trained", "year": 2024, "value": 5}  # fmt: skip
    response = _client(world, "binjiang_officer").post(
        "/api/talent/figures", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "people_trained" in response.json()["errors"]["metric"][0]


def test_returning_a_figure_without_a_reason_is_refused(world) -> None:
    url = f"/api/talent/figures/{_pending(world).pk}/review"
    response = _client(world, "city_officer").post(
        url, {"decision": "returned", "reason": " "}, content_type="application/json"
    )
    assert response.status_code == 400
    assert _pending(world).review == Review.SUBMITTED
