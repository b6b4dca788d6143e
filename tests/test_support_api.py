"""Enterprise support over /api/: the role × endpoint matrix (reads and writes), then what each
answer contains — an enterprise user sees only its own matches, every condition explained; a
district officer sees only the own district's matched enterprises."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from cast import MEMBERS, make_cast
from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.api.messages import SIGN_IN_REQUIRED
from hzdigital.support import services
from hzdigital.support.models import Application, Policy, PolicyPush
from support_world import BINJIANG_OTHER_USCC, CHUNAN_USCC, World, make_world


@pytest.fixture
def world(db, hzdigital_home) -> World:
    return make_world(make_cast())


def _client(world: World, member: str) -> Client:
    client = Client()
    user = world.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


EVERYONE = set(MEMBERS)
CITY_WIDE = {"city_officer", "auditor", "department_officer"}
OFFICIALS = CITY_WIDE | {"binjiang_officer", "chunan_officer"}

READS = {
    "policy list": (lambda w: "/api/support/policies", EVERYONE),
    "policy": (lambda w: f"/api/support/policies/{w.policy.code}", EVERYONE),
    "policy enterprises": (lambda w: f"/api/support/policies/{w.policy.code}/enterprises",
                           OFFICIALS),
    "own matches": (lambda w: "/api/support/matches", {"enterprise_user"}),
    "滨江 enterprise matches": (
        lambda w: f"/api/support/enterprises/{w.cast.enterprise.uscc}/matches",
        CITY_WIDE | {"binjiang_officer", "enterprise_user"},
    ),
    "淳安 enterprise matches": (lambda w: f"/api/support/enterprises/{CHUNAN_USCC}/matches",
                              CITY_WIDE | {"chunan_officer"}),
    "applications": (lambda w: "/api/support/applications", CITY_WIDE | {"enterprise_user"}),
    "funds": (lambda w: "/api/support/funds", OFFICIALS),
    "IC fund dockings": (lambda w: "/api/support/ic-fund-dockings", OFFICIALS),
}  # fmt: skip


def _assert_refused(response, member: str) -> None:
    if member == "anonymous":
        assert response.status_code == 401
        assert response.json()["detail"] == SIGN_IN_REQUIRED
    else:
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_ALLOWED


@pytest.mark.parametrize(("read", "member"), [(r, m) for r in READS for m in MEMBERS])
def test_each_role_reads_exactly_what_the_table_says(world: World, read, member) -> None:
    url, allowed = READS[read]
    response = _client(world, member).get(url(world))
    if member in allowed:
        assert response.status_code == 200
    else:
        _assert_refused(response, member)


ISSUER_SIDE = {"city_officer", "department_officer"}  # the policy's issuer is 市经信局


@pytest.mark.parametrize("member", MEMBERS)
def test_only_the_issuer_and_the_city_office_push_a_policy(world: World, member) -> None:
    response = _client(world, member).post(f"/api/support/policies/{world.policy.code}/push")
    if member in ISSUER_SIDE:
        assert response.status_code == 200
        assert PolicyPush.objects.filter(policy=world.policy).exists()
    else:
        _assert_refused(response, member)
        assert not PolicyPush.objects.exists()


@pytest.mark.parametrize("member", MEMBERS)
def test_only_an_enterprise_user_applies(world: World, member) -> None:
    response = _client(world, member).post(
        "/api/support/applications", {"policy": world.policy.code}, content_type="application/json"
    )
    if member == "enterprise_user":
        assert response.status_code == 201
        assert response.json()["match_status"] == "eligible"
    else:
        _assert_refused(response, member)
        assert not Application.objects.exists()


@pytest.mark.parametrize("member", MEMBERS)
def test_only_the_issuer_and_the_city_office_decide_an_application(world: World, member):
    application = services.application_submit(user=world.cast.enterprise_user, policy=world.policy)
    response = _client(world, member).post(
        f"/api/support/applications/{application.pk}/decision",
        {"decision": "approve"},
        content_type="application/json",
    )
    application.refresh_from_db()
    if member in ISSUER_SIDE:
        assert response.status_code == 200
        assert application.status == Application.Status.APPROVED
    else:
        _assert_refused(response, member)
        assert application.status == Application.Status.SUBMITTED


def test_an_enterprise_sees_its_own_matches_with_every_condition_explained(world: World):
    body = _client(world, "enterprise_user").get("/api/support/matches").json()
    assert body["uscc"] == world.cast.enterprise.uscc
    assert body["synthetic"] is True and body["profile_is_demo"] is False
    (found,) = body["matches"]
    assert (found["status"], found["route"], found["documents"]) == ("eligible", "automatic", [])
    checks = [(c["attribute"], c["enterprise_value"], c["outcome"]) for c in found["conditions"]]
    assert checks == [("core", True, "pass"), ("revenue_wan_yuan", 5000.0, "pass"),
                      ("high_tech", True, "pass")]  # fmt: skip
    assert found["conditions"][1]["rule_zh"] == "营业收入 ≥ 1000 万元"


def test_an_enterprise_without_a_profile_is_unknown_and_may_apply_with_documents(world: World):
    body = _client(world, "city_officer").get(f"/api/support/enterprises/{CHUNAN_USCC}/matches")
    (found,) = body.json()["matches"]
    assert (found["status"], found["route"]) == ("unknown", "apply")
    assert found["documents"] == [
        {"name_zh": "高新技术企业证书", "name_en": "high-tech certificate"}
    ]
    assert found["conditions"][2]["enterprise_value"] is None
    assert found["conditions"][2]["outcome"] == "unknown"


def test_the_city_sees_every_district_and_a_district_officer_only_its_own(world: World):
    url = f"/api/support/policies/{world.policy.code}/enterprises"
    city = _client(world, "city_officer").get(url).json()
    assert city["counts"] == {"eligible": 1, "unknown": 1, "not_eligible": 1}
    assert [(e["uscc"], e["status"]) for e in city["enterprises"]] == [
        (world.cast.enterprise.uscc, "eligible"), (CHUNAN_USCC, "unknown")]  # fmt: skip
    binjiang = _client(world, "binjiang_officer").get(url).json()
    assert binjiang["counts"] == {"eligible": 1, "unknown": 0, "not_eligible": 1}
    assert {e["division_code"] for e in binjiang["enterprises"]} == {"330108"}
    assert BINJIANG_OTHER_USCC not in {e["uscc"] for e in binjiang["enterprises"]}


def test_a_push_reaches_each_matched_enterprise_once(world: World) -> None:
    client = _client(world, "department_officer")
    url = f"/api/support/policies/{world.policy.code}/push"
    assert client.post(url).json() == {"pushed": 2}
    assert client.post(url).json() == {"pushed": 0}
    assert set(PolicyPush.objects.values_list("uscc", "status")) == {
        (world.cast.enterprise.uscc, "eligible"), (CHUNAN_USCC, "unknown")}  # fmt: skip


def test_an_enterprise_cannot_apply_for_a_policy_it_fails(world: World) -> None:
    big = Policy(
        code="big-only", title_zh="大企业(测试)", issuer=world.cast.department,
        published_on=date(2024, 1, 1), valid_from=date(2024, 1, 1), text_zh="测试",
        conditions=[{"attribute": "revenue_wan_yuan", "operator": "ge", "value": 1, "unit": "亿元"}],
    )  # fmt: skip
    big.full_clean()
    big.save()
    response = _client(world, "enterprise_user").post(
        "/api/support/applications", {"policy": "big-only"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == services.NOT_MATCHED.render()


def test_a_rejection_needs_a_reason(world: World) -> None:
    application = services.application_submit(user=world.cast.enterprise_user, policy=world.policy)
    url = f"/api/support/applications/{application.pk}/decision"
    client = _client(world, "city_officer")
    refused = client.post(url, {"decision": "reject"}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["detail"] == services.REASON_NEEDED.render()
    done = client.post(url, {"decision": "reject", "reason": "材料不全"},
                       content_type="application/json")  # fmt: skip
    assert (done.json()["status"], done.json()["decision_reason"]) == ("rejected", "材料不全")
