"""The project page's forms: moving a stage, investment, blockers, factor requests and the
office's decisions, quotas; each happy path, each refusal on its field, and who may."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from cast import make_cast
from hzdigital.projects import services
from hzdigital.projects.models import Blocker, FactorQuota, FactorRequest, Stage, YearlyInvestment
from hzdigital.projects.services import (
    ALREADY_DECIDED,
    APPROVED_EXCEEDS_QUOTA,
    APPROVED_EXCEEDS_REQUEST,
    NO_QUOTA,
    STAGE_SKIPPED,
)

Decision = FactorRequest.Decision


@pytest.fixture
def world(db, hzdigital_home: Path):
    cast = make_cast()
    office = cast.city_officer
    project = services.project_create(
        by=office, name_zh="滨江算力中心", district_code="330108", nbs_category="0304",
        investor="某公司", total_investment_wan_yuan=Decimal("1000"),
    )  # fmt: skip
    services.quota_set(by=office, district_code="330108", year=2026, factor="land", amount=Decimal("100"))  # fmt: skip
    return cast, project


def _client(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _zh(message: str, **values) -> str:
    return message.format(**values).split(" / ")[0]


def _en(message: str, **values) -> str:
    return message.format(**values).split(" / ")[1]


# ---- stage --------------------------------------------------------------------------------------


def test_the_district_moves_its_project_one_stage_on(world) -> None:
    cast, project = world
    url = reverse("projects:advance", args=[project.pk])
    response = _client(cast.binjiang_officer).post(url, {"to": Stage.SIGNED}, follow=True)
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED
    assert "项目已进入下一阶段" in response.content.decode()


def test_skipping_a_stage_is_refused_in_the_page_language(world) -> None:
    cast, project = world
    url = reverse("projects:advance", args=[project.pk])
    zh = _client(cast.binjiang_officer).post(url, {"to": Stage.STARTED}, follow=True)
    en = _client(cast.binjiang_officer, "en").post(url, {"to": Stage.STARTED}, follow=True)
    project.refresh_from_db()
    assert project.stage == Stage.PLANNING
    expected = Stage.SIGNED.label
    assert _zh(STAGE_SKIPPED, expected=expected) in zh.content.decode()
    assert _en(STAGE_SKIPPED, expected=expected) in en.content.decode()


@pytest.mark.parametrize("member", ["chunan_officer", "auditor", "department_officer"])
def test_nobody_else_moves_a_districts_project(world, member) -> None:
    cast, project = world
    url = reverse("projects:advance", args=[project.pk])
    response = _client(cast.by_name(member)).post(url, {"to": Stage.SIGNED})
    project.refresh_from_db()
    assert response.status_code == 403 and project.stage == Stage.PLANNING


# ---- investment ---------------------------------------------------------------------------------


def test_the_district_records_a_years_investment_and_a_second_entry_replaces_it(world) -> None:
    cast, project = world
    url = reverse("projects:investment", args=[project.pk])
    client = _client(cast.binjiang_officer)
    client.post(url, {"year": "2026", "planned_wan_yuan": "400", "completed_wan_yuan": "100"})
    response = client.post(
        url, {"year": "2026", "planned_wan_yuan": "400", "completed_wan_yuan": "250.5"}
    )
    assert response.status_code == 302
    row = YearlyInvestment.objects.get(project=project)
    assert (row.year, row.planned_wan_yuan, row.completed_wan_yuan) == (
        2026,
        Decimal("400"),
        Decimal("250.5"),
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("planned_wan_yuan", "-5"), ("completed_wan_yuan", "很多"), ("year", "1990"), ("year", "")],
)
def test_a_bad_investment_entry_is_refused_on_its_field(world, field, value) -> None:
    cast, project = world
    data = {"year": "2026", "planned_wan_yuan": "400", "completed_wan_yuan": "100", field: value}
    response = _client(cast.binjiang_officer).post(
        reverse("projects:investment", args=[project.pk]), data
    )
    assert response.status_code == 400
    assert list(response.context["investment_form"].errors) == [field]
    assert not YearlyInvestment.objects.exists()


def test_another_district_cannot_record_investment(world) -> None:
    cast, project = world
    data = {"year": "2026", "planned_wan_yuan": "400", "completed_wan_yuan": "100"}
    url = reverse("projects:investment", args=[project.pk])
    assert _client(cast.chunan_officer).post(url, data).status_code == 403
    assert not YearlyInvestment.objects.exists()


# ---- blockers -----------------------------------------------------------------------------------


def test_a_blocker_is_raised_escalated_and_resolved_by_the_city_office(world) -> None:
    cast, project = world
    district = _client(cast.binjiang_officer)
    district.post(reverse("projects:blocker_raise", args=[project.pk]), {"text_zh": "电力接入滞后"})
    blocker = Blocker.objects.get(project=project)
    district.post(reverse("projects:escalate", args=[blocker.pk]))
    # At the city, the district asked for help: it cannot close the blocker itself.
    assert district.post(reverse("projects:resolve", args=[blocker.pk])).status_code == 403
    blocker.refresh_from_db()
    assert (blocker.level, blocker.resolved) == (Blocker.Level.CITY, False)
    _client(cast.city_officer).post(reverse("projects:resolve", args=[blocker.pk]))
    blocker.refresh_from_db()
    assert blocker.resolved is True


def test_the_district_resolves_a_blocker_it_kept(world) -> None:
    cast, project = world
    blocker = services.blocker_raise(by=cast.binjiang_officer, project=project, text_zh="审批慢")
    _client(cast.binjiang_officer).post(reverse("projects:resolve", args=[blocker.pk]))
    blocker.refresh_from_db()
    assert blocker.resolved is True


def test_an_empty_blocker_is_refused_on_its_text(world) -> None:
    cast, project = world
    response = _client(cast.binjiang_officer).post(
        reverse("projects:blocker_raise", args=[project.pk]), {"text_zh": ""}
    )
    assert response.status_code == 400
    assert response.context["blocker_form"].errors["text_zh"] == ["这个字段是必填项。"]
    assert not Blocker.objects.exists()


def test_another_district_can_neither_raise_nor_resolve_a_blocker(world) -> None:
    cast, project = world
    blocker = services.blocker_raise(by=cast.binjiang_officer, project=project, text_zh="审批慢")
    client = _client(cast.chunan_officer)
    assert (
        client.post(
            reverse("projects:blocker_raise", args=[project.pk]), {"text_zh": "x"}
        ).status_code
        == 403
    )
    assert client.post(reverse("projects:resolve", args=[blocker.pk])).status_code == 403
    blocker.refresh_from_db()
    assert Blocker.objects.count() == 1 and blocker.resolved is False


# ---- factor requests and decisions --------------------------------------------------------------


def _request(world, requested: str = "30", factor: str = "land") -> FactorRequest:
    cast, project = world
    url = reverse("projects:request_create", args=[project.pk])
    data = {"year": "2026", "factor": factor, "requested": requested}
    response = _client(cast.binjiang_officer).post(url, data)
    assert response.status_code == 302
    return FactorRequest.objects.filter(project=project, factor=factor).latest("pk")


def test_the_district_files_a_land_request_that_awaits_the_office(world) -> None:
    request = _request(world)
    assert (request.year, request.requested, request.decision) == (
        2026,
        Decimal("30"),
        Decision.PENDING,
    )


@pytest.mark.parametrize(
    ("field", "value"), [("factor", "water"), ("requested", "-1"), ("requested", "")]
)
def test_a_bad_factor_request_is_refused_on_its_field(world, field, value) -> None:
    cast, project = world
    data = {"year": "2026", "factor": "land", "requested": "30", field: value}
    response = _client(cast.binjiang_officer).post(
        reverse("projects:request_create", args=[project.pk]), data
    )
    assert response.status_code == 400
    assert list(response.context["request_form"].errors) == [field]
    assert not FactorRequest.objects.exists()


def _decide(world, request: FactorRequest, language: str = "zh-hans", user=None, **data: str):
    cast, _ = world
    url = reverse("projects:decide", args=[request.pk])
    return _client(user or cast.city_officer, language).post(url, data)


def test_the_office_approves_part_of_a_request_within_the_quota(world) -> None:
    request = _request(world)
    response = _decide(world, request, decision="approve", approved="12.5")
    request.refresh_from_db()
    assert response.status_code == 302
    assert (request.decision, request.approved) == (Decision.APPROVED, Decimal("12.5"))


def test_the_office_denies_a_request(world) -> None:
    request = _request(world)
    _decide(world, request, decision="deny", approved="")
    request.refresh_from_db()
    assert (request.decision, request.approved) == (Decision.REJECTED, Decimal("0"))


def test_approving_more_than_requested_is_refused_on_the_amount(world) -> None:
    request = _request(world)
    zh = _decide(world, request, decision="approve", approved="31")
    en = _decide(world, request, "en", decision="approve", approved="31")
    assert zh.status_code == en.status_code == 400
    assert zh.context["decision_form"].errors["approved"] == [_zh(APPROVED_EXCEEDS_REQUEST)]
    assert en.context["decision_form"].errors["approved"] == [_en(APPROVED_EXCEEDS_REQUEST)]
    assert _en(APPROVED_EXCEEDS_REQUEST) in en.content.decode()
    request.refresh_from_db()
    assert request.decision == Decision.PENDING


def test_approving_beyond_the_districts_remaining_quota_is_refused(world) -> None:
    cast, project = world
    first = services.factor_request_create(by=cast.city_officer, project=project, year=2026, factor="land", requested=Decimal("90"))  # fmt: skip
    services.factor_request_decide(by=cast.city_officer, request=first, approved=Decimal("90"))
    request = _request(world)
    response = _decide(world, request, decision="approve", approved="20")
    assert response.context["decision_form"].errors["approved"] == [
        _zh(APPROVED_EXCEEDS_QUOTA, remaining=Decimal("10.00"))
    ]


def test_approving_a_factor_without_a_quota_is_refused(world) -> None:
    request = _request(world, factor="energy")
    response = _decide(world, request, decision="approve", approved="5")
    assert response.context["decision_form"].errors["approved"] == [_zh(NO_QUOTA)]


def test_an_approval_without_an_amount_is_refused_on_the_amount(world) -> None:
    request = _request(world)
    response = _decide(world, request, decision="approve", approved="")
    assert response.status_code == 400
    assert list(response.context["decision_form"].errors) == ["approved"]


def test_a_decided_request_cannot_be_decided_again(world) -> None:
    request = _request(world)
    _decide(world, request, decision="deny")
    response = _decide(world, request, decision="approve", approved="5")
    assert response.context["decision_form"].non_field_errors() == [_zh(ALREADY_DECIDED)]


@pytest.mark.parametrize("member", ["binjiang_officer", "auditor"])
def test_only_the_office_decides_requests(world, member) -> None:
    cast, _ = world
    request = _request(world)
    response = _decide(world, request, user=cast.by_name(member), decision="approve", approved="5")
    request.refresh_from_db()
    assert response.status_code == 403 and request.decision == Decision.PENDING


# ---- quotas -------------------------------------------------------------------------------------


def test_the_office_changes_a_districts_quota(world) -> None:
    cast, _ = world
    data = {"district_code": "330108", "year": "2026", "factor": "land", "amount": "150"}
    response = _client(cast.city_officer).post(reverse("projects:quota_set"), data)
    assert response.status_code == 302 and response["Location"].endswith("?year=2026")
    assert FactorQuota.objects.get(district_code="330108", factor="land").amount == Decimal("150")


@pytest.mark.parametrize(
    ("field", "value"), [("district_code", "330103"), ("amount", "-1"), ("factor", "")]
)
def test_a_bad_quota_is_refused_on_its_field(world, field, value) -> None:
    cast, _ = world
    data = {
        "district_code": "330108",
        "year": "2026",
        "factor": "land",
        "amount": "150",
        field: value,
    }
    response = _client(cast.city_officer).post(reverse("projects:quota_set"), data)
    assert response.status_code == 400
    assert list(response.context["quota_form"].errors) == [field]
    assert FactorQuota.objects.get(district_code="330108", factor="land").amount == Decimal("100")


def test_a_district_officer_cannot_set_quotas(world) -> None:
    cast, _ = world
    data = {"district_code": "330108", "year": "2026", "factor": "land", "amount": "999"}
    assert (
        _client(cast.binjiang_officer).post(reverse("projects:quota_set"), data).status_code == 403
    )
    assert FactorQuota.objects.get(district_code="330108", factor="land").amount == Decimal("100")


def test_the_project_page_offers_forms_only_to_those_who_may_use_them(world) -> None:
    cast, project = world
    _request(world)
    url = reverse("projects:detail", args=[project.pk])
    office = _client(cast.city_officer).get(url).content.decode()
    district = _client(cast.binjiang_officer).get(url).content.decode()
    auditor = _client(cast.auditor).get(url).content.decode()
    assert 'data-testid="decide-form"' in office and 'data-testid="decide-form"' not in district
    assert 'data-testid="investment-form"' in district
    assert 'data-testid="investment-form"' not in auditor and 'data-testid="advance"' not in auditor
