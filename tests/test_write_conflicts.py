"""A save whose key another writer commits at that very moment is refused with a clear,
bilingual message on the key field (a page's form; the API's 409), never a server error; the
other writer's row is the only one with the key, and nothing of the refused save is kept.

How the race is made: the other writer's row is saved first, but the refused save's own checks
(the lookup by key and ``full_clean``'s unique constraints) do not see it, as if they had run a
moment before it was committed; the row shows again at ``pre_save``, just before the INSERT,
which the database then refuses with a real IntegrityError. The other writer cannot be a second
connection inserting from ``pre_save``, as in ``test_excel_concurrency``: SQLite lets one
writer in at a time, and the page's transaction already reads, so a second connection's commit
would wait for it; and an insert on the page's own connection would be undone with the refused
save's savepoint, leaving no row to show that the other writer's save was kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, models, transaction
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from cast import make_cast
from hzdigital.accounts.conflicts import SAVED_MEANWHILE, SavedMeanwhile, refused_if_saved_meanwhile
from hzdigital.plan.services import plan_load
from hzdigital.projects import services as project_services
from hzdigital.projects.models import FactorQuota, MajorProject, YearlyInvestment
from hzdigital.supervision import services as supervision_services
from hzdigital.supervision.models import ImplementationPlan, Milestone, Task, WorkPoint
from hzdigital.talent import services as talent_services
from hzdigital.talent.models import TalentFigure
from supervision_world import World, make_world

pytestmark = pytest.mark.django_db


@contextmanager
def unseen_until_the_insert(row: models.Model) -> Iterator[None]:
    """``row``, already saved by the other writer, is invisible to every query of its model
    until the next save of that model reaches ``pre_save``: the save's checks find its key free."""
    model = type(row)
    manager = model._default_manager
    manager.get_queryset = lambda: models.QuerySet(model, using=manager._db).exclude(pk=row.pk)

    def show_it_again(sender, instance, **kwargs) -> None:
        del manager.get_queryset  # the class's own method again

    pre_save.connect(show_it_again, sender=model, weak=False, dispatch_uid="unseen")
    try:
        yield
    finally:
        pre_save.disconnect(sender=model, dispatch_uid="unseen")
        manager.__dict__.pop("get_queryset", None)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page_shows_saved_meanwhile(response, field: str) -> None:
    assert response.status_code == 400  # the pages' answer to a refused form, not 500
    assert SAVED_MEANWHILE.zh in response.content.decode()
    assert response.context["form"].errors[field] == [SAVED_MEANWHILE.zh]


# ---- supervision: work points and tasks -----------------------------------------------------


@pytest.fixture
def world() -> World:
    return make_world(make_cast())


def test_a_work_point_numbered_meanwhile_refuses_the_new_point_on_its_number(world) -> None:
    office = world.cast.city_officer
    theirs = supervision_services.work_point_create(
        by=office, year=2024, ident="7", title_zh="另一位处长的要点"
    )
    posted = {"year": "2024", "ident": "7", "title_zh": "我的要点", "indicator_key": ""}
    with unseen_until_the_insert(theirs):
        response = _client(office).post(reverse("supervision:point_new"), posted)
    _page_shows_saved_meanwhile(response, "ident")
    assert list(WorkPoint.objects.filter(year=2024, ident="7")) == [theirs]
    assert not WorkPoint.objects.filter(title_zh="我的要点").exists()
    assert theirs.history.count() == 1  # only the other writer's save was recorded


def test_a_task_saved_meanwhile_refuses_the_new_task_on_its_title_and_keeps_no_milestone(
    world,
) -> None:
    cast = world.cast
    theirs = world.chunan_task  # the same work point, title and lead unit as the form's
    posted = {
        "title_zh": theirs.title_zh,
        "lead_unit": str(cast.chunan.pk),
        "start": "2024-01-01",
        "deadline": "2024-12-31",
        "target_value": "99",
        "target_unit": "个",
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "12",
        "milestones-0-year": "2024",
        "milestones-0-quarter": "3",
        "milestones-0-text_zh": "我的里程碑",
        "milestones-0-target_percent": "50",
    }
    url = reverse("supervision:task_new", args=[world.work_point.pk])
    with unseen_until_the_insert(theirs):
        response = _client(cast.city_officer).post(url, posted)
    _page_shows_saved_meanwhile(response, "title_zh")
    key = {"work_point": world.work_point, "title_zh": theirs.title_zh, "lead_unit": cast.chunan}
    (kept,) = Task.objects.filter(**key)
    assert kept.pk == theirs.pk and kept.target_value is None  # theirs, not the form's 99
    assert not Milestone.objects.filter(text_zh="我的里程碑").exists()


def test_the_api_answers_409_with_the_reason_when_the_number_was_taken_meanwhile(world) -> None:
    office = world.cast.city_officer
    theirs = supervision_services.work_point_create(
        by=office, year=2024, ident="7", title_zh="另一位处长的要点"
    )
    body = {"year": 2024, "ident": "7", "title_zh": "我的要点"}
    with unseen_until_the_insert(theirs):
        response = _client(office).post("/api/work-points", body, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["detail"] == SAVED_MEANWHILE.render()
    assert response.json()["errors"] == {"ident": [SAVED_MEANWHILE.render()]}
    assert list(WorkPoint.objects.filter(year=2024, ident="7")) == [theirs]


def test_a_plan_of_the_year_written_meanwhile_refuses_the_plan_form(world) -> None:
    cast = world.cast
    theirs = supervision_services.implementation_plan_save(
        by=cast.city_officer, unit=cast.binjiang, year=2024, title_zh="办公室代拟的方案",
        work_points=[],
    )  # fmt: skip
    url = reverse("supervision:plan_edit", args=[2024, cast.binjiang.slug])
    with unseen_until_the_insert(theirs):
        posted = {"title_zh": "区里的方案", "work_points": [str(world.work_point.pk)]}
        response = _client(cast.binjiang_officer).post(url, posted)
    _page_shows_saved_meanwhile(response, "title_zh")
    (kept,) = ImplementationPlan.objects.filter(unit=cast.binjiang, year=2024)
    assert (kept.pk, kept.title_zh) == (theirs.pk, "办公室代拟的方案")
    assert not kept.work_points.exists()  # the refused form's work point was not linked


# ---- talent figures --------------------------------------------------------------------------

POSTDOCS = {"programme_slug": "postdoc-doubling", "metric": "postdocs", "year": 2024}
POSTDOCS_FIELD = "v__postdoc-doubling__postdocs"


@pytest.fixture
def cast():
    plan_load()
    return make_cast()


def _their_figure(cast, value: int) -> TalentFigure:
    saved = talent_services.figure_save(
        by=cast.city_officer, unit=cast.binjiang, value=value, **POSTDOCS
    )
    return saved.figure


def test_a_talent_figure_entered_meanwhile_refuses_the_form_on_that_figure(cast) -> None:
    theirs = _their_figure(cast, 150)
    posted = {"unit": "district-330108", "year": "2024", POSTDOCS_FIELD: "210"}
    with unseen_until_the_insert(theirs):
        response = _client(cast.binjiang_officer).post("/talent/report/", posted)
    assert response.status_code == 400
    assert SAVED_MEANWHILE.zh in response.content.decode()
    (kept,) = TalentFigure.objects.filter(unit=cast.binjiang, **POSTDOCS)
    assert (kept.pk, kept.value, kept.entered_by) == (theirs.pk, 150, cast.city_officer)


def test_the_talent_api_answers_409_when_the_figure_was_entered_meanwhile(cast) -> None:
    theirs = _their_figure(cast, 150)
    body = {"division_code": "330108", "programme": "postdoc-doubling", "metric": "postdocs",
            "year": 2024, "value": 210}  # fmt: skip
    with unseen_until_the_insert(theirs):
        response = _client(cast.binjiang_officer).post(
            "/api/talent/figures", body, content_type="application/json"
        )
    assert response.status_code == 409
    assert response.json()["detail"] == SAVED_MEANWHILE.render()
    assert response.json()["errors"] == {"value": [SAVED_MEANWHILE.render()]}
    (kept,) = TalentFigure.objects.filter(unit=cast.binjiang, **POSTDOCS)
    assert (kept.pk, kept.value) == (theirs.pk, 150)


# ---- major projects ---------------------------------------------------------------------------


def _project(by, name: str = "滨江算力中心") -> MajorProject:
    return project_services.project_create(
        by=by, name_zh=name, district_code="330108", nbs_category="0304", investor="某公司",
        total_investment_wan_yuan=Decimal("1000"),
    )  # fmt: skip


def test_a_project_named_meanwhile_refuses_the_create_on_its_name() -> None:
    # No page creates a project (uploads, the demo seed and the CLI do): the service says it.
    cast = make_cast()
    theirs = _project(cast.city_officer)
    with unseen_until_the_insert(theirs), pytest.raises(SavedMeanwhile) as refused:
        _project(cast.binjiang_officer)
    assert refused.value.message_dict == {"name_zh": [SAVED_MEANWHILE.render()]}
    assert list(MajorProject.objects.filter(name_zh="滨江算力中心")) == [theirs]


def test_a_years_investment_entered_meanwhile_refuses_the_project_page_form_on_its_year() -> None:
    cast = make_cast()
    project = _project(cast.city_officer)
    theirs = project_services.investment_record(
        by=cast.city_officer, project=project, year=2026, planned_wan_yuan=Decimal("400")
    )
    posted = {"year": "2026", "planned_wan_yuan": "500", "completed_wan_yuan": "0"}
    url = reverse("projects:investment", args=[project.pk])
    with unseen_until_the_insert(theirs):
        response = _client(cast.binjiang_officer).post(url, posted)
    assert response.status_code == 400
    assert response.context["investment_form"].errors["year"] == [SAVED_MEANWHILE.zh]
    (kept,) = YearlyInvestment.objects.filter(project=project, year=2026)
    assert (kept.pk, kept.planned_wan_yuan) == (theirs.pk, Decimal("400"))


def test_the_projects_api_answers_409_when_the_years_investment_was_entered_meanwhile() -> None:
    cast = make_cast()
    project = _project(cast.city_officer)
    theirs = project_services.investment_record(
        by=cast.city_officer, project=project, year=2026, planned_wan_yuan=Decimal("400")
    )
    body = {"year": 2026, "planned_wan_yuan": 500, "completed_wan_yuan": 0}
    with unseen_until_the_insert(theirs):
        response = _client(cast.binjiang_officer).post(
            f"/api/projects/{project.pk}/investment", body, content_type="application/json"
        )
    assert response.status_code == 409
    assert response.json()["detail"] == SAVED_MEANWHILE.render()
    (kept,) = YearlyInvestment.objects.filter(project=project, year=2026)
    assert kept.planned_wan_yuan == Decimal("400")


def test_a_quota_set_meanwhile_refuses_the_balances_form_on_its_factor() -> None:
    cast = make_cast()
    key = {"district_code": "330108", "year": 2026, "factor": "land"}
    theirs = project_services.quota_set(by=cast.city_officer, amount=Decimal("100"), **key)
    posted = {**key, "amount": "250"}
    with unseen_until_the_insert(theirs):
        response = _client(cast.city_officer).post(reverse("projects:quota_set"), posted)
    assert response.status_code == 400
    assert SAVED_MEANWHILE.zh in response.content.decode()
    (kept,) = FactorQuota.objects.filter(**key)
    assert (kept.pk, kept.amount) == (theirs.pk, Decimal("100"))


# ---- the helper itself --------------------------------------------------------------------------


def test_an_integrity_error_that_is_not_a_duplicate_key_is_not_passed_off_as_one() -> None:
    # A missing value is a bug to see, not someone else's save.
    with pytest.raises(IntegrityError), refused_if_saved_meanwhile("name_zh"):
        MajorProject.objects.bulk_create([MajorProject(name_zh=None, district_code="330108")])


def test_after_a_refused_save_the_transaction_is_still_usable() -> None:
    cast = make_cast()
    theirs = _project(cast.city_officer)
    with transaction.atomic():
        with unseen_until_the_insert(theirs), pytest.raises(SavedMeanwhile):
            _project(cast.binjiang_officer)
        other = _project(cast.binjiang_officer, name="滨江数据港")  # the same transaction goes on
    assert set(MajorProject.objects.values_list("pk", flat=True)) == {theirs.pk, other.pk}
