"""Major projects over /api/: the role × endpoint matrix (reads and every write) and each
endpoint's contract. A refused write answers 401 (not signed in) or 403 and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from cast import MEMBERS, Cast, make_cast
from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.api.messages import SIGN_IN_REQUIRED
from hzdigital.projects import services
from hzdigital.projects.models import Blocker, FactorRequest, MajorProject, YearlyInvestment

YEAR = 2025


@dataclass(frozen=True)
class Projects:
    cast: Cast
    binjiang: MajorProject  # stage signed, 1000 万元, 250 completed in 2025
    chunan: MajorProject
    district_blocker: Blocker  # 滨江's, still at district level
    city_blocker: Blocker  # 滨江's, escalated to the city office
    pending: FactorRequest  # 滨江 asks 30 亩 of land; quota 100


@pytest.fixture
def world(db, hzdigital_home) -> Projects:
    cast = make_cast()
    office = cast.city_officer

    def project(name: str, code: str) -> MajorProject:
        return services.project_create(
            by=office, name_zh=name, district_code=code, nbs_category="0101",
            investor="某公司", total_investment_wan_yuan=Decimal(1000), stage="signed",
        )  # fmt: skip

    binjiang, chunan = project("滨江物联网产业园", "330108"), project("千岛湖数据中心", "330127")
    services.investment_record(
        by=office, project=binjiang, year=YEAR, planned_wan_yuan=Decimal(400),
        completed_wan_yuan=Decimal(250),
    )  # fmt: skip
    district_blocker = services.blocker_raise(by=office, project=binjiang, text_zh="用地指标未落实")
    city_blocker = services.blocker_raise(by=office, project=binjiang, text_zh="电力接入")
    services.blocker_escalate(by=office, blocker=city_blocker)
    services.quota_set(by=office, district_code="330108", year=YEAR, factor="land", amount=100)
    pending = services.factor_request_create(
        by=office, project=binjiang, year=YEAR, factor="land", requested=Decimal(30)
    )
    return Projects(cast, binjiang, chunan, district_blocker, city_blocker, pending)


def _client(world: Projects, member: str) -> Client:
    client = Client()
    user = world.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


SEES_ALL = {"city_officer", "auditor"}
SEES_PROJECTS = SEES_ALL | {"binjiang_officer", "chunan_officer"}
BINJIANG_WRITERS = {"city_officer", "binjiang_officer"}

READS = {
    "project list": (lambda w: "/api/projects", SEES_PROJECTS),
    "滨江 project": (lambda w: f"/api/projects/{w.binjiang.pk}", SEES_ALL | {"binjiang_officer"}),
    "淳安 project": (lambda w: f"/api/projects/{w.chunan.pk}", SEES_ALL | {"chunan_officer"}),
    "balances": (lambda w: f"/api/balances?year={YEAR}", SEES_PROJECTS),
}


def _refused_as(response, member: str) -> None:
    if member == "anonymous":
        assert response.status_code == 401
        assert response.json()["detail"] == SIGN_IN_REQUIRED
    else:
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_ALLOWED


@pytest.mark.parametrize(("read", "member"), [(r, m) for r in READS for m in MEMBERS])
def test_each_role_reads_exactly_what_the_table_says(world, read, member) -> None:
    url, allowed = READS[read]
    response = _client(world, member).get(url(world))
    if member in allowed:
        assert response.status_code == 200
    else:
        _refused_as(response, member)


def _post(url: str, body: dict | None = None):
    return lambda w, c: c.post(url.format(w=w), body or {}, content_type="application/json")


# write → (poster, members allowed, success status, did it write?)
WRITES = {
    "advance 滨江's stage": (
        _post("/api/projects/{w.binjiang.pk}/advance", {"to": "started"}),
        BINJIANG_WRITERS,
        200,
        lambda w: MajorProject.objects.get(pk=w.binjiang.pk).stage == "started",
    ),
    "record 滨江's investment": (
        _post(
            "/api/projects/{w.binjiang.pk}/investment",
            {"year": YEAR, "planned_wan_yuan": "400", "completed_wan_yuan": "333"},
        ),
        BINJIANG_WRITERS,
        200,
        lambda w: YearlyInvestment.objects.get(project=w.binjiang).completed_wan_yuan == 333,
    ),
    "raise a blocker": (
        _post("/api/projects/{w.binjiang.pk}/blockers", {"text_zh": "拆迁未完成"}),
        BINJIANG_WRITERS,
        201,
        lambda w: Blocker.objects.filter(text_zh="拆迁未完成").exists(),
    ),
    "escalate a blocker": (
        _post("/api/blockers/{w.district_blocker.pk}/escalate"),
        BINJIANG_WRITERS,
        200,
        lambda w: Blocker.objects.get(pk=w.district_blocker.pk).level == "city",
    ),
    "resolve a district blocker": (
        _post("/api/blockers/{w.district_blocker.pk}/resolve"),
        BINJIANG_WRITERS,
        200,
        lambda w: Blocker.objects.get(pk=w.district_blocker.pk).resolved,
    ),
    "resolve an escalated blocker": (
        _post("/api/blockers/{w.city_blocker.pk}/resolve"),
        {"city_officer"},
        200,
        lambda w: Blocker.objects.get(pk=w.city_blocker.pk).resolved,
    ),
    "request land": (
        _post(
            "/api/projects/{w.binjiang.pk}/factor-requests",
            {"year": YEAR, "factor": "land", "requested": "12"},
        ),
        BINJIANG_WRITERS,
        201,
        lambda w: FactorRequest.objects.filter(requested=12).exists(),
    ),
    "approve a request": (
        _post("/api/factor-requests/{w.pending.pk}/decision", {"approved": "20"}),
        {"city_officer"},
        200,
        lambda w: FactorRequest.objects.get(pk=w.pending.pk).decision == "approved",
    ),
}


@pytest.mark.parametrize(("write", "member"), [(w, m) for w in WRITES for m in MEMBERS])
def test_each_role_writes_exactly_what_the_table_says(world, write, member) -> None:
    post, allowed, success, wrote = WRITES[write]
    history = MajorProject.history.count() + Blocker.history.count()
    history += FactorRequest.history.count() + YearlyInvestment.history.count()
    response = post(world, _client(world, member))
    if member in allowed:
        assert response.status_code == success, response.content[:2000]
        assert wrote(world)
        return
    _refused_as(response, member)
    assert not wrote(world)
    after = MajorProject.history.count() + Blocker.history.count()
    after += FactorRequest.history.count() + YearlyInvestment.history.count()
    assert after == history


LISTED = {
    "city_officer": {"滨江物联网产业园", "千岛湖数据中心"},
    "auditor": {"滨江物联网产业园", "千岛湖数据中心"},
    "binjiang_officer": {"滨江物联网产业园"},
    "chunan_officer": {"千岛湖数据中心"},
}


@pytest.mark.parametrize("member", sorted(LISTED))
def test_the_list_holds_only_the_members_districts(world, member) -> None:
    projects = _client(world, member).get("/api/projects").json()
    assert {p["name_zh"] for p in projects} == LISTED[member]
    balances = _client(world, member).get(f"/api/balances?year={YEAR}").json()
    districts = {b["district_code"] for b in balances}
    assert districts <= {p["district_code"] for p in projects}


def test_the_list_filters_by_stage_and_district(world) -> None:
    client = _client(world, "city_officer")
    assert [p["name_zh"] for p in client.get("/api/projects?district=330127").json()] == [
        "千岛湖数据中心"
    ]
    assert client.get("/api/projects?stage=producing").json() == []
    assert len(client.get("/api/projects?stage=nonsense").json()) == 2  # ignored, as on the page


def test_the_detail_carries_investment_blockers_and_requests(world) -> None:
    project = _client(world, "binjiang_officer").get(f"/api/projects/{world.binjiang.pk}").json()
    assert project["completed_investment_wan_yuan"] == 250
    assert project["completion_rate_percent"] == pytest.approx(250 / 1000 * 100)
    assert project["next_stage"] == "started" and project["can_write"] is True
    assert project["years"] == [{"year": YEAR, "planned_wan_yuan": 400, "completed_wan_yuan": 250}]
    assert {(b["text_zh"], b["level"]) for b in project["blockers"]} == {
        ("用地指标未落实", "district"),
        ("电力接入", "city"),
    }
    (request,) = project["requests"]
    assert (request["factor"], request["unit"], request["requested"]) == ("land", "亩", 30)
    assert request["decision"] == "pending"
    auditor = _client(world, "auditor").get(f"/api/projects/{world.binjiang.pk}").json()
    assert auditor["can_write"] is False


def test_a_skipped_stage_is_refused_naming_the_next_one(world) -> None:
    response = _post("/api/projects/{w.binjiang.pk}/advance", {"to": "building"})(
        world, _client(world, "binjiang_officer")
    )
    assert response.status_code == 400
    expected = services.STAGE_SKIPPED.format(expected="开工 started")
    assert response.json()["errors"]["stage"] == [expected]
    assert MajorProject.objects.get(pk=world.binjiang.pk).stage == "signed"


def test_an_approval_beyond_the_quota_is_refused_and_the_balance_shows_approvals(world) -> None:
    office = _client(world, "city_officer")
    extra = services.factor_request_create(
        by=world.cast.city_officer, project=world.binjiang, year=YEAR, factor="land",
        requested=Decimal(90),
    )  # fmt: skip
    assert (
        _post(f"/api/factor-requests/{world.pending.pk}/decision", {"approved": "30"})(
            world, office
        ).status_code
        == 200
    )
    response = _post(f"/api/factor-requests/{extra.pk}/decision", {"approved": "90"})(world, office)
    assert response.status_code == 400
    assert response.json()["errors"]["approved"] == [
        services.APPROVED_EXCEEDS_QUOTA.format(remaining=Decimal("70.00"))
    ]
    (land,) = [b for b in office.get(f"/api/balances?year={YEAR}").json() if b["factor"] == "land"]
    assert (land["quota"], land["approved"], land["pending"], land["remaining"]) == (
        100,
        30,
        90,
        70,
    )
    assert land["used_percent"] == pytest.approx(30 / 100 * 100)


def test_a_negative_investment_and_an_unknown_factor_are_refused(world) -> None:
    client = _client(world, "binjiang_officer")
    negative = _post(
        "/api/projects/{w.binjiang.pk}/investment", {"year": YEAR, "planned_wan_yuan": "-1"}
    )(world, client)
    assert negative.status_code == 400 and "planned_wan_yuan" in negative.json()["errors"]
    unknown = _post(
        "/api/projects/{w.binjiang.pk}/factor-requests",
        {"year": YEAR, "factor": "water", "requested": "1"},
    )(world, client)
    assert unknown.status_code == 400 and "factor" in unknown.json()["errors"]
    assert YearlyInvestment.objects.get().planned_wan_yuan == 400
    assert FactorRequest.objects.count() == 1
