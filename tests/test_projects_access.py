"""The role × action matrix of major projects: every write service by every cast member.

A district officer writes its own district's projects only, the city office writes all and
alone decides factor requests and quotas; auditors, departments, enterprises and the public
write nothing. A refused attempt raises PermissionDenied and changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from cast import MEMBERS, make_cast
from hzdigital.projects import access, services
from hzdigital.projects.models import (
    Blocker,
    FactorQuota,
    FactorRequest,
    MajorProject,
    ProjectMilestone,
    YearlyInvestment,
)


@pytest.fixture
def world(db):
    cast = make_cast()
    project = services.project_create(
        by=cast.city_officer, name_zh="滨江算力中心", district_code="330108",
        nbs_category="0304", investor="某公司", total_investment_wan_yuan=Decimal("1000"),
    )  # fmt: skip
    services.quota_set(
        by=cast.city_officer, district_code="330108", year=2026, factor="land",
        amount=Decimal("100"),
    )  # fmt: skip
    request = services.factor_request_create(
        by=cast.city_officer, project=project, year=2026, factor="land", requested=Decimal("10")
    )
    blocker = services.blocker_raise(by=cast.city_officer, project=project, text_zh="电力接入")
    return cast, project, request, blocker


def _state() -> tuple:
    """Everything a project write could change, to prove a refusal changed nothing."""
    return (
        list(MajorProject.objects.values_list("pk", "stage")),
        list(YearlyInvestment.objects.values_list("pk", "completed_wan_yuan")),
        ProjectMilestone.objects.count(),
        list(Blocker.objects.values_list("pk", "level", "resolved")),
        list(FactorRequest.objects.values_list("pk", "decision", "approved")),
        list(FactorQuota.objects.values_list("pk", "amount")),
    )


ACTIONS = {
    "create_binjiang_project": (
        lambda w, u: services.project_create(
            by=u,
            name_zh="新项目",
            district_code="330108",
            nbs_category="01",
            investor="x",
            total_investment_wan_yuan=Decimal("5"),
        ),  # fmt: skip
        {"city_officer", "binjiang_officer"},
    ),
    "advance_stage": (
        lambda w, u: services.project_advance(by=u, project=w[1], to="signed"),
        {"city_officer", "binjiang_officer"},
    ),
    "record_investment": (
        lambda w, u: services.investment_record(
            by=u, project=w[1], year=2026, planned_wan_yuan=Decimal("300")
        ),
        {"city_officer", "binjiang_officer"},
    ),
    "add_milestone": (
        lambda w, u: services.milestone_add(
            by=u, project=w[1], due=date(2026, 6, 30), text_zh="封顶"
        ),
        {"city_officer", "binjiang_officer"},
    ),
    "raise_blocker": (
        lambda w, u: services.blocker_raise(by=u, project=w[1], text_zh="用工"),
        {"city_officer", "binjiang_officer"},
    ),
    "escalate_blocker": (
        lambda w, u: services.blocker_escalate(by=u, blocker=w[3]),
        {"city_officer", "binjiang_officer"},
    ),
    "request_factor": (
        lambda w, u: services.factor_request_create(
            by=u, project=w[1], year=2026, factor="funds", requested=Decimal("50")
        ),
        {"city_officer", "binjiang_officer"},
    ),
    "decide_factor": (
        lambda w, u: services.factor_request_decide(by=u, request=w[2], approved=Decimal("8")),
        {"city_officer"},
    ),
    "set_quota": (
        lambda w, u: services.quota_set(
            by=u, district_code="330108", year=2026, factor="land", amount=Decimal("90")
        ),
        {"city_officer"},
    ),
}


@pytest.mark.parametrize("member", MEMBERS)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_write_is_allowed_only_to_the_roles_in_the_table(world, action, member):
    function, allowed = ACTIONS[action]
    user = make_cast_member(world, member)
    before = _state()
    if member in allowed:
        function(world, user)
        assert _state() != before
    else:
        with pytest.raises(PermissionDenied):
            function(world, user)
        assert _state() == before


def make_cast_member(world, member):
    return world[0].by_name(member)


def test_a_district_officer_sees_only_its_own_districts_projects(world):
    cast, project, _, _ = world
    assert list(access.projects_visible_to(cast.binjiang_officer)) == [project]
    assert list(access.projects_visible_to(cast.chunan_officer)) == []
    assert list(access.projects_visible_to(cast.auditor)) == [project]
    assert list(access.projects_visible_to(cast.department_officer)) == []


def test_the_auditor_reads_a_project_but_may_not_write_it(world):
    cast, project, _, _ = world
    found, can_write = access.get_project_for_user(cast.auditor, project.pk)
    assert found == project and can_write is False
    with pytest.raises(PermissionDenied):
        access.get_project_for_user(cast.chunan_officer, project.pk)
