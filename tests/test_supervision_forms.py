"""The office's work-point and task forms: each happy path, each validation error shown on its
field in Chinese (English when switched), and who may use them."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from cast import make_cast
from hzdigital.plan.models import Measure
from hzdigital.plan.services import plan_load
from hzdigital.supervision import selectors
from hzdigital.supervision.models import (
    DEADLINE_BEFORE_START,
    IDENT_TAKEN,
    MILESTONE_QUARTER_OUTSIDE,
    MILESTONE_QUARTER_TAKEN,
    Task,
    WorkPoint,
)
from supervision_world import World, make_world

TODAY = date(2024, 5, 20)
REQUIRED_ZH = "这个字段是必填项。"
REQUIRED_EN = "This field is required."


@pytest.fixture
def world(db, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    return make_world(make_cast())


def _client(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _zh(message: str) -> str:
    return message.split(" / ")[0]


def _en(message: str) -> str:
    return message.split(" / ")[1]


POINT = {
    "year": "2024",
    "ident": "2",
    "title_zh": "建设城市大脑",
    "indicator_key": "core_value_added",
}


def _task_data(**changes: str) -> dict[str, str]:
    data = {
        "title_zh": "建成数据中心",
        "start": "2024-01-01",
        "deadline": "2024-12-31",
        "target_value": "3",
        "target_unit": "个",
        "milestones-TOTAL_FORMS": "4",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "12",
    }
    data.update(changes)
    return data


def _milestone(row: int, year: str, quarter: str, text: str, percent: str) -> dict[str, str]:
    prefix = f"milestones-{row}"
    return {
        f"{prefix}-year": year,
        f"{prefix}-quarter": quarter,
        f"{prefix}-text_zh": text,
        f"{prefix}-target_percent": percent,
    }


# ---- work points ------------------------------------------------------------------------------


def test_the_office_creates_a_work_point_linked_to_a_plan_measure(world: World) -> None:
    plan_load()
    measure = Measure.objects.filter(edition__is_active=True).first()
    response = _client(world.cast.city_officer).post(
        reverse("supervision:point_new"), {**POINT, "measure": measure.pk}
    )
    point = WorkPoint.objects.get(year=2024, ident="2")
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:point_edit", args=[point.pk])
    assert (point.title_zh, point.measure, point.published) == ("建设城市大脑", measure, False)
    assert point.history.first().history_user == world.cast.city_officer


def test_a_work_point_without_a_title_is_refused_on_that_field_in_chinese(world: World) -> None:
    response = _client(world.cast.city_officer).post(
        reverse("supervision:point_new"), {**POINT, "title_zh": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title_zh"] == [REQUIRED_ZH]
    assert not WorkPoint.objects.filter(ident="2").exists()


def test_a_work_point_year_outside_the_plan_period_is_refused_on_the_year(world: World) -> None:
    response = _client(world.cast.city_officer).post(
        reverse("supervision:point_new"), {**POINT, "year": "1999"}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["year"]


def test_a_taken_number_is_refused_in_chinese_and_in_english_when_switched(world: World) -> None:
    taken = {**POINT, "ident": world.work_point.ident}
    zh = _client(world.cast.city_officer).post(reverse("supervision:point_new"), taken)
    en = _client(world.cast.city_officer, "en").post(reverse("supervision:point_new"), taken)
    assert zh.status_code == en.status_code == 400
    assert zh.context["form"].non_field_errors() == [_zh(IDENT_TAKEN)]
    assert en.context["form"].non_field_errors() == [_en(IDENT_TAKEN)]
    assert _en(IDENT_TAKEN) in en.content.decode()
    assert WorkPoint.objects.filter(year=2024).count() == 1


def test_english_pages_show_django_field_errors_in_english(world: World) -> None:
    response = _client(world.cast.city_officer, "en").post(
        reverse("supervision:point_new"), {**POINT, "ident": ""}
    )
    assert response.context["form"].errors["ident"] == [REQUIRED_EN]


def test_the_office_edits_a_work_point_and_history_keeps_the_old_title(world: World) -> None:
    url = reverse("supervision:point_edit", args=[world.work_point.pk])
    client = _client(world.cast.city_officer)
    assert client.get(url).context["form"]["title_zh"].value() == world.work_point.title_zh
    response = client.post(url, {**POINT, "ident": "1", "title_zh": "推进数字安防产业集群"})
    world.work_point.refresh_from_db()
    assert response.status_code == 302
    assert world.work_point.title_zh == "推进数字安防产业集群"
    assert world.work_point.history.count() == 2


def test_publishing_shows_the_point_to_the_public_and_withdrawing_hides_it(world: World) -> None:
    url = reverse("supervision:point_publish", args=[world.work_point.pk])
    client = _client(world.cast.city_officer)
    public = Client()
    assert (
        world.work_point.title_zh not in public.get(reverse("supervision:points")).content.decode()
    )
    client.post(url)
    assert world.work_point.title_zh in public.get(reverse("supervision:points")).content.decode()
    client.post(url, {"published": "0"})
    world.work_point.refresh_from_db()
    assert world.work_point.published is False


@pytest.mark.parametrize("member", ["binjiang_officer", "department_officer", "auditor"])
def test_only_the_office_may_create_edit_or_publish_work_points(world: World, member) -> None:
    client = _client(world.cast.by_name(member))
    point = world.work_point.pk
    assert client.get(reverse("supervision:point_new")).status_code == 403
    assert client.post(reverse("supervision:point_new"), POINT).status_code == 403
    assert client.post(reverse("supervision:point_publish", args=[point])).status_code == 403
    assert client.post(reverse("supervision:task_new", args=[point]), _task_data()).status_code in (
        403,
        404,
    )
    assert WorkPoint.objects.count() == 1 and not WorkPoint.objects.get().published


def test_a_district_officer_cannot_edit_the_task_it_leads(world: World) -> None:
    client = _client(world.cast.binjiang_officer)
    url = reverse("supervision:task_edit", args=[world.binjiang_task.pk])
    assert client.get(url).status_code == 403
    data = _task_data(title_zh="改名", lead_unit=str(world.cast.binjiang.pk))
    assert client.post(url, data).status_code == 403
    world.binjiang_task.refresh_from_db()
    assert world.binjiang_task.title_zh == "新增规上数字安防企业"


# ---- tasks --------------------------------------------------------------------------------------


def test_the_office_adds_a_task_with_co_units_milestones_and_a_target(world: World) -> None:
    cast = world.cast
    data = _task_data(
        lead_unit=str(cast.chunan.pk),
        **_milestone(0, "2024", "2", "完成选址", "30"),
        **_milestone(1, "2024", "4", "主体完工", "100"),
    )
    data["co_units"] = [str(cast.department.pk), str(cast.binjiang.pk)]
    response = _client(cast.city_officer).post(
        reverse("supervision:task_new", args=[world.work_point.pk]), data
    )
    task = Task.objects.get(title_zh="建成数据中心")
    assert response.status_code == 302
    assert (task.lead_unit, task.deadline, task.target_value, task.target_unit) == (
        cast.chunan,
        date(2024, 12, 31),
        3,
        "个",
    )
    assert set(task.co_units.all()) == {cast.department, cast.binjiang}
    assert [(m.quarter, m.text_zh, m.target_percent) for m in task.milestones.all()] == [
        (2, "完成选址", 30),
        (4, "主体完工", 100),
    ]


def _post_task(world: World, language: str = "zh-hans", **changes: str):
    data = _task_data(**{"lead_unit": str(world.cast.chunan.pk), **changes})
    url = reverse("supervision:task_new", args=[world.work_point.pk])
    return _client(world.cast.city_officer, language).post(url, data)


def test_a_deadline_before_the_start_is_shown_on_the_deadline_field(world: World) -> None:
    zh = _post_task(world, deadline="2023-12-31")
    en = _post_task(world, "en", deadline="2023-12-31")
    assert zh.status_code == 400
    assert zh.context["form"].errors["deadline"] == [_zh(DEADLINE_BEFORE_START)]
    assert en.context["form"].errors["deadline"] == [_en(DEADLINE_BEFORE_START)]
    assert not Task.objects.filter(title_zh="建成数据中心").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("start", "2024-13-01"), ("lead_unit", ""), ("target_value", "很多"), ("title_zh", "")],
)
def test_each_bad_task_field_is_refused_on_that_field(world: World, field, value) -> None:
    response = _post_task(world, **{field: value})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]


@pytest.mark.parametrize(
    ("quarter", "percent", "field"),
    [("5", "50", "quarter"), ("2", "120", "target_percent"), ("2", "", "target_percent")],
)
def test_a_bad_milestone_row_is_refused_on_its_field(world: World, quarter, percent, field) -> None:
    response = _post_task(world, **_milestone(1, "2024", quarter, "完成选址", percent))
    assert response.status_code == 400
    assert list(response.context["milestones"].errors[1]) == [field]
    assert not Task.objects.filter(title_zh="建成数据中心").exists()


def test_a_milestone_outside_the_task_dates_leaves_no_task_behind(world: World) -> None:
    response = _post_task(world, **_milestone(0, "2025", "1", "验收", "100"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [_zh(MILESTONE_QUARTER_OUTSIDE)]
    assert not Task.objects.filter(title_zh="建成数据中心").exists()


def test_two_milestones_in_one_quarter_are_refused(world: World) -> None:
    rows = {**_milestone(0, "2024", "2", "甲", "20"), **_milestone(1, "2024", "2", "乙", "30")}
    response = _post_task(world, **rows)
    assert response.context["form"].non_field_errors() == [_zh(MILESTONE_QUARTER_TAKEN)]
    assert not Task.objects.filter(title_zh="建成数据中心").exists()


def test_editing_a_task_replaces_its_milestones_and_a_ticked_row_is_removed(world: World) -> None:
    task = world.binjiang_task
    url = reverse("supervision:task_edit", args=[task.pk])
    client = _client(world.cast.city_officer)
    shown = client.get(url).context["milestones"]
    assert shown.initial == [
        {"year": 2024, "quarter": 2, "text_zh": "完成半数", "target_percent": 50}
    ]
    data = _task_data(
        title_zh=task.title_zh,
        lead_unit=str(world.cast.binjiang.pk),
        **{"milestones-INITIAL_FORMS": "1", "milestones-0-DELETE": "on"},
        **_milestone(0, "2024", "2", "完成半数", "50"),
        **_milestone(1, "2024", "3", "完成七成", "70"),
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert [(m.quarter, m.target_percent) for m in task.milestones.all()] == [(3, 70)]
    assert list(task.co_units.all()) == []  # the form sent no co-unit: 市经信局 is dropped


def test_a_refused_edit_changes_nothing(world: World) -> None:
    task = world.binjiang_task
    url = reverse("supervision:task_edit", args=[task.pk])
    data = _task_data(
        title_zh="新标题", lead_unit=str(world.cast.binjiang.pk), deadline="2023-01-01"
    )
    response = _client(world.cast.city_officer).post(url, data)
    task.refresh_from_db()
    assert response.status_code == 400
    assert (task.title_zh, task.deadline) == ("新增规上数字安防企业", date(2024, 12, 31))
    assert task.milestones.count() == 1


def test_the_supervision_menu_offers_the_office_pages_only_to_those_who_may_open_them(
    world: World,
) -> None:
    review = f'href="{reverse("supervision:review")}"'
    for member, shown in [("city_officer", True), ("auditor", True), ("binjiang_officer", False)]:
        page = _client(world.cast.by_name(member)).get(reverse("supervision:workspace"))
        assert (review in page.content.decode()) is shown, member
