"""A unit writes and submits its 实施方案 and the office reviews it; each user marks their own
notices read, and the header counts the unread ones."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from cast import make_cast
from hzdigital.supervision import selectors
from hzdigital.supervision.models import RETURN_NEEDS_REASON, ImplementationPlan, Notice
from hzdigital.supervision.reminders import send_reminders
from hzdigital.supervision.services import PLAN_AWAITING_REVIEW, PLAN_NOT_SUBMITTABLE
from supervision_world import World, make_world

TODAY = date(2024, 5, 20)
State = ImplementationPlan.State


@pytest.fixture
def world(db, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    return make_world(make_cast())


def _client(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _edit_url(world: World, unit=None) -> str:
    unit = unit or world.cast.binjiang
    return reverse("supervision:plan_edit", args=[2024, unit.slug])


def _write_plan(world: World, client: Client | None = None):
    client = client or _client(world.cast.binjiang_officer)
    data = {"title_zh": "滨江区数字安防实施方案", "work_points": [str(world.work_point.pk)]}
    return client.post(_edit_url(world), data)


def _plan() -> ImplementationPlan:
    return ImplementationPlan.objects.get(year=2024)


# ---- implementation plans ---------------------------------------------------------------------


def test_a_district_writes_its_plan_as_a_draft_linked_to_the_work_point(world: World) -> None:
    response = _write_plan(world)
    plan = _plan()
    assert response.status_code == 302
    assert (plan.unit, plan.state, plan.title_zh) == (
        world.cast.binjiang,
        State.DRAFT,
        "滨江区数字安防实施方案",
    )
    assert list(plan.work_points.all()) == [world.work_point]


def test_the_plan_form_offers_the_work_points_the_unit_can_see(world: World) -> None:
    form = _client(world.cast.binjiang_officer).get(_edit_url(world)).context["form"]
    assert list(form.fields["work_points"].queryset) == [world.work_point]


@pytest.mark.parametrize(("field", "value"), [("title_zh", ""), ("work_points", "")])
def test_a_plan_without_a_title_or_work_point_is_refused_on_that_field(
    world: World, field, value
) -> None:
    data = {"title_zh": "方案", "work_points": [str(world.work_point.pk)], field: value}
    response = _client(world.cast.binjiang_officer).post(_edit_url(world), data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not ImplementationPlan.objects.exists()


def test_a_district_cannot_write_another_districts_plan(world: World) -> None:
    client = _client(world.cast.chunan_officer)
    assert client.get(_edit_url(world)).status_code == 403
    assert _write_plan(world, client).status_code == 403
    assert not ImplementationPlan.objects.exists()


def test_submitting_sends_the_plan_to_the_office_and_freezes_it(world: World) -> None:
    _write_plan(world)
    client = _client(world.cast.binjiang_officer)
    response = client.post(reverse("supervision:plan_submit", args=[_plan().pk]))
    assert response.status_code == 302 and _plan().state == State.SUBMITTED
    again = _write_plan(world)
    assert again.status_code == 400
    assert again.context["form"].non_field_errors() == [PLAN_AWAITING_REVIEW.split(" / ")[0]]
    assert _plan().title_zh == "滨江区数字安防实施方案"


def test_a_submitted_plan_cannot_be_submitted_twice(world: World) -> None:
    _write_plan(world)
    client = _client(world.cast.binjiang_officer, "en")
    url = reverse("supervision:plan_submit", args=[_plan().pk])
    client.post(url)
    page = client.post(url, follow=True).content.decode()
    assert PLAN_NOT_SUBMITTABLE.split(" / ")[1] in page


def test_only_the_unit_or_the_office_may_submit_a_plan(world: World) -> None:
    _write_plan(world)
    url = reverse("supervision:plan_submit", args=[_plan().pk])
    assert _client(world.cast.chunan_officer).post(url).status_code == 403
    assert _client(world.cast.auditor).post(url).status_code == 403
    assert _plan().state == State.DRAFT


def _submitted(world: World) -> ImplementationPlan:
    _write_plan(world)
    _client(world.cast.binjiang_officer).post(reverse("supervision:plan_submit", args=[_plan().pk]))
    return _plan()


def test_the_office_returns_a_plan_with_a_reason_and_the_unit_can_resubmit(world: World) -> None:
    plan = _submitted(world)
    office = _client(world.cast.city_officer)
    url = reverse("supervision:plan_review", args=[plan.pk])
    response = office.post(url, {"decision": "returned", "reason": "请补充时间表"})
    plan.refresh_from_db()
    assert response.status_code == 302
    assert (plan.state, plan.return_reason, plan.reviewed_by) == (
        State.RETURNED,
        "请补充时间表",
        world.cast.city_officer,
    )
    unit_page = _client(world.cast.binjiang_officer).get(reverse("supervision:plans"))
    assert "请补充时间表" in unit_page.content.decode()
    assert _write_plan(world).status_code == 302 and _plan().state == State.DRAFT


def test_returning_without_a_reason_is_refused_on_the_reason(world: World) -> None:
    plan = _submitted(world)
    url = reverse("supervision:plan_review", args=[plan.pk])
    response = _client(world.cast.city_officer).post(url, {"decision": "returned", "reason": " "})
    assert response.status_code == 400
    assert response.context["failed"][1].errors["reason"] == [RETURN_NEEDS_REASON.split(" / ")[0]]
    assert _plan().state == State.SUBMITTED


def test_the_office_accepts_a_plan(world: World) -> None:
    plan = _submitted(world)
    url = reverse("supervision:plan_review", args=[plan.pk])
    _client(world.cast.city_officer).post(url, {"decision": "accepted"})
    assert _plan().state == State.ACCEPTED


@pytest.mark.parametrize("member", ["binjiang_officer", "auditor"])
def test_only_the_office_reviews_plans(world: World, member) -> None:
    plan = _submitted(world)
    url = reverse("supervision:plan_review", args=[plan.pk])
    response = _client(world.cast.by_name(member)).post(url, {"decision": "accepted"})
    assert response.status_code == 403 and _plan().state == State.SUBMITTED


def test_the_plan_list_shows_a_unit_only_its_own_plan(world: World) -> None:
    _write_plan(world)
    assert (
        "滨江区数字安防实施方案"
        in _client(world.cast.city_officer).get(reverse("supervision:plans")).content.decode()
    )
    chunan = _client(world.cast.chunan_officer).get(reverse("supervision:plans"))
    assert chunan.status_code == 200 and "滨江区数字安防实施方案" not in chunan.content.decode()
    assert _client(world.cast.enterprise_user).get(reverse("supervision:plans")).status_code == 403


# ---- notices ------------------------------------------------------------------------------------


@pytest.fixture
def notices(world: World) -> list[Notice]:
    # On 2024-05-20 滨江's task is behind its time-proportional schedule (see the pages test).
    send_reminders(on=TODAY)
    mine = list(Notice.objects.filter(recipient=world.cast.binjiang_officer))
    assert mine, "the reminders should have written 滨江 a notice"
    return mine


def _unread(user) -> int:
    return Notice.objects.filter(recipient=user, read_at=None).count()


def test_the_header_counts_my_unread_notices(world: World, notices) -> None:
    page = _client(world.cast.binjiang_officer).get(reverse("plan:home")).content.decode()
    assert f'<span class="hz-unread__count">{len(notices)}</span>' in page
    outsider_page = _client(world.cast.outsider).get(reverse("plan:home")).content.decode()
    assert "hz-unread__count" not in outsider_page


def test_marking_one_notice_read_leaves_the_others_unread(world: World, notices) -> None:
    user = world.cast.binjiang_officer
    before = _unread(user)
    response = _client(user).post(reverse("supervision:notice_read", args=[notices[0].pk]))
    notices[0].refresh_from_db()
    assert response.status_code == 302 and notices[0].read_at is not None
    assert _unread(user) == before - 1


def test_nobody_else_can_mark_my_notice_read(world: World, notices) -> None:
    url = reverse("supervision:notice_read", args=[notices[0].pk])
    for other in (world.cast.chunan_officer, world.cast.city_officer):
        assert _client(other).post(url).status_code == 403
    notices[0].refresh_from_db()
    assert notices[0].read_at is None


def test_marking_all_read_touches_only_my_notices(world: World, notices) -> None:
    others_before = Notice.objects.exclude(recipient=world.cast.binjiang_officer).filter(
        read_at=None
    )
    others = others_before.count()
    client = _client(world.cast.binjiang_officer)
    response = client.post(reverse("supervision:notices_read_all"), follow=True)
    assert _unread(world.cast.binjiang_officer) == 0
    assert others_before.count() == others
    assert "hz-unread__count" not in response.content.decode()


def test_a_notice_is_marked_read_only_by_post(world: World, notices) -> None:
    url = reverse("supervision:notice_read", args=[notices[0].pk])
    assert _client(world.cast.binjiang_officer).get(url).status_code == 405


def test_the_workspace_shows_each_notice_in_the_page_language(world: World, notices) -> None:
    zh_half, en_half = notices[0].message.split(" / ")
    zh = _client(world.cast.binjiang_officer).get(reverse("supervision:workspace")).content.decode()
    en = _client(world.cast.binjiang_officer, "en").get(reverse("supervision:workspace"))
    en = en.content.decode()
    assert zh_half in zh and en_half not in zh
    assert en_half in en and zh_half not in en


@pytest.mark.django_db
def test_the_demo_year_has_a_plan_in_each_state_the_office_meets(hzdigital_home, settings) -> None:
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_supervision", "--date", "2025-02-10")
    states = dict(ImplementationPlan.objects.values_list("unit__slug", "state"))
    assert states == {
        "district-330108": State.ACCEPTED,
        "district-330127": State.SUBMITTED,
        "dept-economy": State.DRAFT,
    }
    call_command("seed_supervision", "--date", "2025-02-10")  # idempotent: nothing moves
    assert dict(ImplementationPlan.objects.values_list("unit__slug", "state")) == states
