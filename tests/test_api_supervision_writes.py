"""The supervision writes over /api/ (work points, tasks, 实施方案, notices) and their reads:
the role × endpoint matrix and each endpoint's contract.

Every member of the cast calls every endpoint; the tables say who succeeds. A refused write
answers 401 (not signed in) or 403 (signed in, not allowed) and changes nothing at all: the
snapshot of every row these endpoints touch, history included, is the same afterwards.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from ninja import Schema

from cast import MEMBERS, make_cast
from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.api import supervision_write_schemas as bodies_module
from hzdigital.api.messages import CSRF_FAILED, NOT_FOUND, SIGN_IN_REQUIRED
from hzdigital.api.supervision_writes import CONFLICT, UNKNOWN_UNIT
from hzdigital.supervision import selectors, services
from hzdigital.supervision.models import (
    IDENT_TAKEN,
    MILESTONE_QUARTER_TAKEN,
    RETURN_NEEDS_REASON,
    ImplementationPlan,
    Milestone,
    Notice,
    Task,
    WorkPoint,
)
from supervision_world import World, make_world

TODAY = date(2024, 5, 20)


class Scene:
    """The supervision world plus two 实施方案 (滨江's draft, 市经信局's awaiting review) and
    two unread notices for 滨江's officer."""

    def __init__(self, world: World) -> None:
        cast = world.cast
        self.world, self.cast = world, cast
        self.draft_plan = services.implementation_plan_save(
            by=cast.binjiang_officer, unit=cast.binjiang, year=2024,
            title_zh="滨江区数字经济实施方案", work_points=[world.work_point],
        )  # fmt: skip
        submitted = services.implementation_plan_save(
            by=cast.department_officer, unit=cast.department, year=2024,
            title_zh="市经信局实施方案", work_points=[world.work_point],
        )  # fmt: skip
        self.submitted_plan = services.implementation_plan_submit(
            by=cast.department_officer, plan=submitted
        )
        self.notices = [
            Notice.objects.create(
                recipient=cast.binjiang_officer,
                task=task,
                kind=Notice.Kind.BEHIND,
                day=TODAY,
                message=f"{task.title_zh} 滞后于序时进度",
            )  # fmt: skip
            for task in (world.binjiang_task, world.department_task)
        ]


@pytest.fixture
def scene(db, settings, tmp_path: Path, hzdigital_home, monkeypatch) -> Scene:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    return Scene(make_world(make_cast()))


def _client(scene: Scene, member: str, **options) -> Client:
    client = Client(**options)
    user = scene.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


def _snapshot() -> tuple:
    """Every row the endpoints under test may write, with the history rows of each."""
    return (
        sorted(WorkPoint.objects.values_list("pk", "year", "ident", "title_zh", "published")),
        sorted(Task.objects.values_list("pk", "title_zh", "lead_unit", "start", "deadline")),
        sorted(Task.co_units.through.objects.values_list("task", "orgunit")),
        sorted(Milestone.objects.values_list("task", "year", "quarter", "text_zh")),
        sorted(ImplementationPlan.objects.values_list("pk", "title_zh", "state")),
        sorted(ImplementationPlan.work_points.through.objects.values_list("pk")),
        sorted(Notice.objects.values_list("pk", "read_at")),
        WorkPoint.history.count(),
        Task.history.count(),
        ImplementationPlan.history.count(),
    )


OFFICE_AND_AUDITOR = {"city_officer", "auditor"}
OFFICERS = {"binjiang_officer", "chunan_officer", "department_officer"}
SIGNED_IN = set(MEMBERS) - {"anonymous"}

# read endpoint → (url builder, members who get 200, what the anonymous visitor gets)
READS = {
    "work point list": (lambda s: "/api/work-points", set(MEMBERS), 200),
    "an unpublished work point": (
        lambda s: f"/api/work-points/{s.world.work_point.pk}",
        OFFICE_AND_AUDITOR | OFFICERS,  # the officers' units lead tasks of it
        403,  # open to the public, but only once published
    ),
    "plan list": (lambda s: "/api/implementation-plans", OFFICE_AND_AUDITOR | OFFICERS, 401),
    "滨江's plan": (
        lambda s: f"/api/implementation-plans/{s.draft_plan.pk}",
        OFFICE_AND_AUDITOR | {"binjiang_officer"},
        401,
    ),
    "notice list": (lambda s: "/api/notices", SIGNED_IN, 401),
}


@pytest.mark.parametrize(("read", "member"), [(r, m) for r in READS for m in MEMBERS])
def test_each_role_reads_exactly_what_the_table_says(scene: Scene, read, member) -> None:
    url, allowed, anonymous = READS[read]
    response = _client(scene, member).get(url(scene))
    if member in allowed:
        assert response.status_code == 200, response.content[:500]
    elif member == "anonymous" and anonymous == 401:
        assert response.status_code == 401
        assert response.json()["detail"] == SIGN_IN_REQUIRED
    else:
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_ALLOWED


POINT = {"year": 2024, "ident": "2", "title_zh": "建设数据要素市场"}
TASK = {
    "title_zh": "培育数据交易主体",
    "lead_unit": "district-330127",
    "co_units": ["dept-economy"],
    "start": "2024-03-01",
    "deadline": "2024-11-30",
    "target_value": 12.5,
    "target_unit": "家",
    "milestones": [{"year": 2024, "quarter": 3, "text_zh": "过半", "target_percent": 50}],
}


def _json(client: Client, method: str, url: str, body: dict | None = None):
    return getattr(client, method)(url, body or {}, content_type="application/json")


def _create_point(s: Scene, c: Client):
    return _json(c, "post", "/api/work-points", POINT)


def _update_point(s: Scene, c: Client):
    body = POINT | {"ident": "1", "title_zh": "改过的标题"}
    return _json(c, "put", f"/api/work-points/{s.world.work_point.pk}", body)


def _publish_point(s: Scene, c: Client):
    return _json(c, "post", f"/api/work-points/{s.world.work_point.pk}/publish")


def _create_task(s: Scene, c: Client):
    return _json(c, "post", f"/api/work-points/{s.world.work_point.pk}/tasks", TASK)


def _update_task(s: Scene, c: Client):
    task = s.world.binjiang_task
    body = TASK | {"lead_unit": "district-330108", "title_zh": "改过的任务"}
    return _json(c, "put", f"/api/work-points/{task.work_point_id}/tasks/{task.pk}", body)


def _save_plan(s: Scene, c: Client):
    body = {"title_zh": "改过的方案", "work_point_ids": [s.world.work_point.pk]}
    return _json(c, "put", "/api/implementation-plans/2024/units/district-330108", body)


def _submit_plan(s: Scene, c: Client):
    return _json(c, "post", f"/api/implementation-plans/{s.draft_plan.pk}/submit")


def _review_plan(s: Scene, c: Client):
    body = {"decision": "returned", "reason": "请补充项目清单"}
    return _json(c, "post", f"/api/implementation-plans/{s.submitted_plan.pk}/review", body)


def _read_notice(s: Scene, c: Client):
    return _json(c, "post", f"/api/notices/{s.notices[0].pk}/read")


def _plan_state(plan: ImplementationPlan) -> str:
    return ImplementationPlan.objects.get(pk=plan.pk).state


# write endpoint → (caller, members allowed, success status, did it write?)
WRITES = {
    "create a work point": (
        _create_point, {"city_officer"}, 201,
        lambda s: WorkPoint.objects.filter(year=2024, ident="2").exists(),
    ),
    "update a work point": (
        _update_point, {"city_officer"}, 200,
        lambda s: WorkPoint.objects.get(pk=s.world.work_point.pk).title_zh == "改过的标题",
    ),
    "publish a work point": (
        _publish_point, {"city_officer"}, 200,
        lambda s: WorkPoint.objects.get(pk=s.world.work_point.pk).published,
    ),
    "create a task": (
        _create_task, {"city_officer"}, 201,
        lambda s: Task.objects.filter(title_zh="培育数据交易主体").exists(),
    ),
    "update a task": (
        _update_task, {"city_officer"}, 200,
        lambda s: Task.objects.get(pk=s.world.binjiang_task.pk).title_zh == "改过的任务",
    ),
    "save 滨江's plan": (
        _save_plan, {"city_officer", "binjiang_officer"}, 200,
        lambda s: ImplementationPlan.objects.get(pk=s.draft_plan.pk).title_zh == "改过的方案",
    ),
    "submit 滨江's plan": (
        _submit_plan, {"city_officer", "binjiang_officer"}, 200,
        lambda s: _plan_state(s.draft_plan) == "submitted",
    ),
    "return 市经信局's plan": (
        _review_plan, {"city_officer"}, 200,
        lambda s: _plan_state(s.submitted_plan) == "returned",
    ),
    "mark 滨江's notice read": (
        _read_notice, {"binjiang_officer"}, 200,
        lambda s: Notice.objects.get(pk=s.notices[0].pk).read_at is not None,
    ),
}  # fmt: skip


@pytest.mark.parametrize(("write", "member"), [(w, m) for w in WRITES for m in MEMBERS])
def test_each_role_writes_exactly_what_the_table_says(scene: Scene, write, member) -> None:
    call, allowed, success, wrote = WRITES[write]
    before = _snapshot()
    response = call(scene, _client(scene, member))
    if member in allowed:
        assert response.status_code == success, response.content[:2000]
        assert wrote(scene)
        return
    assert response.status_code == (401 if member == "anonymous" else 403)
    assert response.json()["detail"] == (SIGN_IN_REQUIRED if member == "anonymous" else NOT_ALLOWED)
    assert not wrote(scene)
    assert _snapshot() == before


@pytest.mark.parametrize("member", MEMBERS)
def test_marking_all_read_marks_only_the_callers_own_notices(scene: Scene, member) -> None:
    response = _json(_client(scene, member), "post", "/api/notices/read-all")
    owner = member == "binjiang_officer"
    if member == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code == 200
        assert response.json() == {"marked": 2 if owner else 0}
    unread = Notice.objects.filter(read_at=None).count()
    assert unread == (0 if owner else 2)


def test_a_write_without_the_csrf_token_is_refused_and_changes_nothing(scene: Scene) -> None:
    client = _client(scene, "city_officer", enforce_csrf_checks=True)
    before = _snapshot()
    response = _create_point(scene, client)
    assert response.status_code == 403 and response.json()["detail"] == CSRF_FAILED
    assert _snapshot() == before
    client.get("/api/docs")  # hands out the token
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/work-points", POINT, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201


# ---- work points -------------------------------------------------------------------------------


def test_a_created_work_point_is_listed_for_the_office_unpublished(scene: Scene) -> None:
    office = _client(scene, "city_officer")
    created = _create_point(scene, office).json()
    assert (created["ident"], created["published"], created["demo"]) == ("2", False, False)
    assert created["tasks"] == [] and created["can_manage"] is True
    listed = office.get("/api/work-points?year=2024").json()
    assert {p["ident"] for p in listed} == {"1", "2"}
    assert office.get("/api/work-points?year=2023").json() == []


def test_a_number_taken_in_the_year_is_a_conflict(scene: Scene) -> None:
    response = _json(
        _client(scene, "city_officer"), "post", "/api/work-points", POINT | {"ident": "1"}
    )
    assert response.status_code == 409 and response.json()["detail"] == CONFLICT
    assert IDENT_TAKEN in sum(response.json()["errors"].values(), [])
    assert WorkPoint.objects.count() == 1


def test_a_year_outside_the_form_range_is_refused_naming_the_field(scene: Scene) -> None:
    response = _json(
        _client(scene, "city_officer"), "post", "/api/work-points", POINT | {"year": 2040}
    )
    assert response.status_code == 400 and "year" in response.json()["errors"]
    assert not WorkPoint.objects.filter(ident="2").exists()


def test_publishing_shows_the_point_to_the_public_and_withdrawing_hides_it(scene: Scene) -> None:
    public = _client(scene, "anonymous")
    assert public.get("/api/work-points").json() == []
    office = _client(scene, "city_officer")
    assert _publish_point(scene, office).json()["published"] is True
    (shown,) = public.get("/api/work-points").json()
    assert shown["id"] == scene.world.work_point.pk and shown["can_manage"] is False
    detail = public.get(f"/api/work-points/{shown['id']}").json()
    assert detail["tasks"] == []  # the public sees the point, not the units' tasks
    url = f"/api/work-points/{scene.world.work_point.pk}/publish"
    assert _json(office, "post", url, {"published": False}).json()["published"] is False
    assert public.get("/api/work-points").json() == []


def test_a_unit_sees_only_its_own_tasks_of_a_work_point(scene: Scene) -> None:
    url = f"/api/work-points/{scene.world.work_point.pk}"
    tasks = _client(scene, "chunan_officer").get(url).json()["tasks"]
    assert [t["id"] for t in tasks] == [scene.world.chunan_task.pk]
    everything = _client(scene, "auditor").get(url).json()["tasks"]
    assert len(everything) == 3


# ---- tasks -------------------------------------------------------------------------------------


def test_a_created_task_carries_its_units_target_and_milestones(scene: Scene) -> None:
    response = _create_task(scene, _client(scene, "city_officer"))
    assert response.status_code == 201, response.content
    task = response.json()
    assert task["lead_unit"]["slug"] == "district-330127"
    assert [u["slug"] for u in task["co_units"]] == ["dept-economy"]
    assert task["target_value"] == 12.5 and task["target_unit"] == "家"
    assert task["milestones"] == TASK["milestones"]
    # 淳安 now sees it; 滨江 does not.
    assert task["id"] in {
        t["id"] for t in _client(scene, "chunan_officer").get("/api/tasks").json()
    }
    assert task["id"] not in {
        t["id"] for t in _client(scene, "binjiang_officer").get("/api/tasks").json()
    }


def test_updating_a_task_replaces_its_milestones(scene: Scene) -> None:
    response = _update_task(scene, _client(scene, "city_officer"))
    assert response.status_code == 200, response.content
    stored = Milestone.objects.filter(task=scene.world.binjiang_task)
    assert list(stored.values_list("quarter", "text_zh")) == [(3, "过半")]


def test_an_unknown_unit_is_refused_naming_the_slug(scene: Scene) -> None:
    body = TASK | {"co_units": ["no-such-unit"]}
    url = f"/api/work-points/{scene.world.work_point.pk}/tasks"
    response = _json(_client(scene, "city_officer"), "post", url, body)
    assert response.status_code == 400
    assert response.json()["errors"]["co_units"] == [UNKNOWN_UNIT.render(slug="no-such-unit")]
    assert not Task.objects.filter(title_zh=TASK["title_zh"]).exists()


def test_an_enterprise_cannot_lead_a_task(scene: Scene) -> None:
    body = TASK | {"lead_unit": "enterprise-cast"}
    url = f"/api/work-points/{scene.world.work_point.pk}/tasks"
    response = _json(_client(scene, "city_officer"), "post", url, body)
    assert response.status_code == 400 and "lead_unit" in response.json()["errors"]


def test_two_milestones_in_one_quarter_leave_the_task_unchanged(scene: Scene) -> None:
    twice = TASK["milestones"] * 2
    task = scene.world.binjiang_task
    before = _snapshot()
    url = f"/api/work-points/{task.work_point_id}/tasks/{task.pk}"
    response = _json(_client(scene, "city_officer"), "put", url, TASK | {"milestones": twice})
    assert response.status_code == 400
    assert MILESTONE_QUARTER_TAKEN in sum(response.json()["errors"].values(), [])
    assert _snapshot() == before


def test_a_task_under_another_work_point_is_not_found(scene: Scene) -> None:
    other = services.work_point_create(
        by=scene.cast.city_officer, year=2024, ident="9", title_zh="另一要点"
    )
    task = scene.world.binjiang_task
    url = f"/api/work-points/{other.pk}/tasks/{task.pk}"
    response = _json(_client(scene, "city_officer"), "put", url, TASK)
    assert response.status_code == 404 and response.json()["detail"] == NOT_FOUND
    assert Task.objects.get(pk=task.pk).work_point_id == scene.world.work_point.pk


# ---- implementation plans ----------------------------------------------------------------------


def test_a_unit_lists_only_its_own_plans_and_the_office_all(scene: Scene) -> None:
    own = _client(scene, "binjiang_officer").get("/api/implementation-plans").json()
    assert [p["id"] for p in own] == [scene.draft_plan.pk]
    assert own[0]["can_write"] is True and own[0]["can_review"] is False
    every = _client(scene, "auditor").get("/api/implementation-plans?year=2024").json()
    assert {p["unit"]["slug"] for p in every} == {"district-330108", "dept-economy"}
    assert all(p["can_write"] is False for p in every)
    assert _client(scene, "auditor").get("/api/implementation-plans?year=2023").json() == []


def test_a_plan_goes_from_draft_to_accepted(scene: Scene) -> None:
    unit = _client(scene, "chunan_officer")
    saved = _json(unit, "put", "/api/implementation-plans/2024/units/district-330127",
                  {"title_zh": "淳安县实施方案", "work_point_ids": [scene.world.work_point.pk]})  # fmt: skip
    assert saved.status_code == 200 and saved.json()["state"] == "draft"
    plan_id = saved.json()["id"]
    submitted = _json(unit, "post", f"/api/implementation-plans/{plan_id}/submit")
    assert submitted.json()["state"] == "submitted"
    office = _client(scene, "city_officer")
    url = f"/api/implementation-plans/{plan_id}/review"
    accepted = _json(office, "post", url, {"decision": "accepted"}).json()
    assert accepted["state"] == "accepted" and accepted["reviewed_by"] == "city"
    assert accepted["work_points"] == [scene.world.work_point.pk]


def test_a_plan_under_review_cannot_be_changed_or_submitted_again(scene: Scene) -> None:
    unit = _client(scene, "department_officer")
    before = _snapshot()
    body = {"title_zh": "偷改", "work_point_ids": [scene.world.work_point.pk]}
    changed = _json(unit, "put", "/api/implementation-plans/2024/units/dept-economy", body)
    assert changed.status_code == 409
    assert changed.json()["errors"]["state"] == [services.PLAN_AWAITING_REVIEW]
    again = _json(unit, "post", f"/api/implementation-plans/{scene.submitted_plan.pk}/submit")
    assert again.status_code == 409
    assert again.json()["errors"]["state"] == [services.PLAN_NOT_SUBMITTABLE]
    assert _snapshot() == before


def test_a_return_needs_a_reason_and_a_plan_is_reviewed_once(scene: Scene) -> None:
    office = _client(scene, "city_officer")
    url = f"/api/implementation-plans/{scene.submitted_plan.pk}/review"
    bare = _json(office, "post", url, {"decision": "returned", "reason": " "})
    assert bare.status_code == 400
    assert bare.json()["errors"]["return_reason"] == [RETURN_NEEDS_REASON]
    assert _plan_state(scene.submitted_plan) == "submitted"
    assert _review_plan(scene, office).json()["return_reason"] == "请补充项目清单"
    twice = _json(office, "post", url, {"decision": "accepted"})
    assert twice.status_code == 409
    assert twice.json()["errors"]["state"] == [services.PLAN_NOT_AWAITING_REVIEW]
    assert _plan_state(scene.submitted_plan) == "returned"


def test_a_plan_may_carry_only_work_points_the_unit_sees(scene: Scene) -> None:
    hidden = services.work_point_create(
        by=scene.cast.city_officer, year=2024, ident="8", title_zh="未发布"
    )
    body = {"title_zh": "方案", "work_point_ids": [hidden.pk]}
    response = _json(_client(scene, "binjiang_officer"), "put",
                     "/api/implementation-plans/2024/units/district-330108", body)  # fmt: skip
    assert response.status_code == 400 and "work_points" in response.json()["errors"]


# ---- notices -----------------------------------------------------------------------------------


def test_a_user_lists_only_their_own_notices(scene: Scene) -> None:
    own = _client(scene, "binjiang_officer").get("/api/notices").json()
    assert {n["id"] for n in own} == {n.pk for n in scene.notices}
    assert _client(scene, "city_officer").get("/api/notices").json() == []


def test_a_notice_read_keeps_its_first_time_and_leaves_the_unread_list(scene: Scene) -> None:
    client = _client(scene, "binjiang_officer")
    first = _read_notice(scene, client).json()["read_at"]
    assert first is not None
    assert _read_notice(scene, client).json()["read_at"] == first
    unread = client.get("/api/notices?unread=true").json()
    assert [n["id"] for n in unread] == [scene.notices[1].pk]


def test_a_missing_notice_is_a_404(scene: Scene) -> None:
    response = _json(_client(scene, "binjiang_officer"), "post", "/api/notices/999999/read")
    assert response.status_code == 404


# ---- the spec ----------------------------------------------------------------------------------


def _bodies(module) -> dict[str, type]:
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, Schema)
        and value.__module__ == module.__name__
    }  # fmt: skip


def test_the_spec_describes_each_body_of_this_module_with_its_own_fields(client, db) -> None:
    # Names are unique across the API (tests/test_api_docs.py), so each component is ours.
    ours = _bodies(bodies_module)
    assert len(ours) >= 10
    components = client.get("/api/openapi.json").json()["components"]["schemas"]
    for name, body in ours.items():
        if name in components:  # a query filter is spelled out as parameters instead
            assert set(components[name]["properties"]) == set(body.model_fields)
