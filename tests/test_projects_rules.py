"""Stage transitions, validation, quota arithmetic on a hand-checked fixture, and history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cast import make_cast
from hzdigital.projects import selectors, services
from hzdigital.projects.models import MajorProject, Stage
from hzdigital.projects.services import APPROVED_EXCEEDS_REQUEST, STAGE_SKIPPED


@pytest.fixture
def cast(db):
    return make_cast()


def _project(cast, district="330108", **extra) -> MajorProject:
    fields = {
        "name_zh": "测试项目", "district_code": district, "nbs_category": "0301",
        "investor": "某公司", "total_investment_wan_yuan": Decimal("2000"),
    } | extra  # fmt: skip
    return services.project_create(by=cast.city_officer, **fields)


def test_a_project_walks_every_stage_in_order(cast):
    project = _project(cast)
    for stage in list(Stage)[1:]:
        services.project_advance(by=cast.binjiang_officer, project=project, to=stage)
    project.refresh_from_db()
    assert project.stage == Stage.PRODUCING
    with pytest.raises(ValidationError):
        services.project_advance(by=cast.binjiang_officer, project=project, to=Stage.PRODUCING)


def test_it_refuses_to_skip_a_stage_or_go_back(cast):
    project = _project(cast, stage=Stage.SIGNED)
    with pytest.raises(ValidationError) as error:
        services.project_advance(by=cast.city_officer, project=project, to=Stage.BUILDING)
    assert STAGE_SKIPPED.format(expected=Stage.STARTED.label) in str(error.value)
    with pytest.raises(ValidationError):
        services.project_advance(by=cast.city_officer, project=project, to=Stage.PLANNING)
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED


def test_it_rejects_a_district_outside_hangzhou_and_an_unknown_nbs_category(cast):
    with pytest.raises(ValidationError) as error:
        _project(cast, district="330201", nbs_category="9999")
    assert set(error.value.message_dict) == {"district_code", "nbs_category"}
    assert MajorProject.objects.count() == 0


def test_completion_rate_is_completed_over_total_investment(cast):
    project = _project(cast)  # total 2000
    services.investment_record(
        by=cast.city_officer, project=project, year=2025,
        planned_wan_yuan=Decimal("800"), completed_wan_yuan=Decimal("500"),
    )  # fmt: skip
    services.investment_record(
        by=cast.city_officer, project=project, year=2026,
        planned_wan_yuan=Decimal("900"), completed_wan_yuan=Decimal("230"),
    )  # fmt: skip
    assert project.completed_investment_wan_yuan == Decimal("730")
    assert project.completion_rate_percent == Decimal("36.5")  # 730 / 2000
    assert project.years.get(year=2026).completion_rate_percent == Decimal("25.6")  # 230/900


def test_quota_balance_counts_approved_requests_only(cast):
    """Hand-checked: quota 100 亩; requests 30 (approved 20), 25 (pending), 40 (rejected) →
    used 20, remaining 80, pending 25, requested 95, used 20%. Chunan's request is elsewhere."""
    a, b = _project(cast, name_zh="甲"), _project(cast, name_zh="乙")
    other = _project(cast, district="330127", name_zh="淳安项目")
    office = cast.city_officer
    services.quota_set(by=office, district_code="330108", year=2026, factor="land", amount=Decimal("100"))  # fmt: skip
    services.quota_set(by=office, district_code="330127", year=2026, factor="land", amount=Decimal("50"))  # fmt: skip
    r1 = services.factor_request_create(by=office, project=a, year=2026, factor="land", requested=Decimal("30"))  # fmt: skip
    services.factor_request_create(by=office, project=b, year=2026, factor="land", requested=Decimal("25"))  # fmt: skip
    r3 = services.factor_request_create(by=office, project=b, year=2026, factor="land", requested=Decimal("40"))  # fmt: skip
    r4 = services.factor_request_create(by=office, project=other, year=2026, factor="land", requested=Decimal("9"))  # fmt: skip
    services.factor_request_decide(by=office, request=r1, approved=Decimal("20"))
    services.factor_request_decide(by=office, request=r3, approved=Decimal("0"))
    services.factor_request_decide(by=office, request=r4, approved=Decimal("9"))
    balance = selectors.balance_of("330108", 2026, "land")
    assert (balance.quota, balance.approved, balance.remaining) == (100, 20, 80)
    assert (balance.pending, balance.requested, balance.used_percent) == (25, 95, 20)
    assert balance.unit == "亩"
    assert selectors.balance_of("330127", 2026, "land").remaining == 41


def test_it_refuses_an_approval_beyond_the_request_or_the_remaining_quota(cast):
    project = _project(cast)
    office = cast.city_officer
    services.quota_set(by=office, district_code="330108", year=2026, factor="energy", amount=Decimal("50"))  # fmt: skip
    big = services.factor_request_create(by=office, project=project, year=2026, factor="energy", requested=Decimal("80"))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.factor_request_decide(by=office, request=big, approved=Decimal("81"))
    assert APPROVED_EXCEEDS_REQUEST in str(error.value)
    with pytest.raises(ValidationError):
        services.factor_request_decide(by=office, request=big, approved=Decimal("51"))
    services.factor_request_decide(by=office, request=big, approved=Decimal("50"))
    assert selectors.balance_of("330108", 2026, "energy").remaining == 0


def test_an_escalated_blocker_is_closed_by_the_city_office_only(cast):
    from django.core.exceptions import PermissionDenied

    blocker = services.blocker_raise(
        by=cast.binjiang_officer, project=_project(cast), text_zh="电力接入"
    )
    services.blocker_escalate(by=cast.binjiang_officer, blocker=blocker)
    with pytest.raises(PermissionDenied):
        services.blocker_resolve(by=cast.binjiang_officer, blocker=blocker)
    services.blocker_resolve(by=cast.city_officer, blocker=blocker)
    blocker.refresh_from_db()
    assert blocker.resolved and blocker.level == "city"


def test_history_records_who_changed_the_stage(cast):
    project = _project(cast)
    services.project_advance(by=cast.binjiang_officer, project=project, to=Stage.SIGNED)
    records = list(project.history.order_by("history_date"))
    assert [r.stage for r in records] == ["planning", "signed"]
    assert [r.history_user for r in records] == [cast.city_officer, cast.binjiang_officer]
