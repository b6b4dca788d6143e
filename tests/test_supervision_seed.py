"""seed_supervision gives the dashboard every status, labels its data as demo, and is idempotent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from hzdigital.accounts.models import Membership, OrgUnit, Role
from hzdigital.accounts.seed import DEMO_PASSWORD, DEPARTMENTS
from hzdigital.plan.models import Unit
from hzdigital.supervision.demo_seed import TASKS
from hzdigital.supervision.models import ImplementationPlan, ProgressReport, Task, WorkPoint
from hzdigital.supervision.selectors import dashboard
from hzdigital.supervision.status import TaskStatus

DAY = date(2025, 2, 10)  # early in a year: the seed's dates cross into the previous one


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    # The seed sets 25 demo passwords; PBKDF2 would spend most of the test on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _counts() -> tuple[int, ...]:
    models = (OrgUnit, Membership, WorkPoint, Task, ProgressReport, ImplementationPlan)
    history = (WorkPoint, Task, ProgressReport, ImplementationPlan)
    return tuple(m.objects.count() for m in models) + tuple(m.history.count() for m in history)


@pytest.mark.django_db
def test_the_demo_year_shows_every_status_and_is_labelled(hzdigital_home: Path, capsys) -> None:
    call_command("seed_supervision", "--date", DAY.isoformat())
    assert "工作要点 work points 6" in capsys.readouterr().out
    board = dashboard(Task.objects.all(), on=DAY)
    assert all(board.totals[status] > 0 for status in TaskStatus), board.totals
    assert sum(board.totals.values()) == len(TASKS)
    reviews = set(ProgressReport.objects.values_list("review", flat=True))
    assert reviews == {"submitted", "accepted", "returned"}
    assert not Task.objects.filter(is_demo=False).exists()
    assert not WorkPoint.objects.filter(is_demo=False).exists()
    # Every work point serves a plan measure of section 4.
    assert not WorkPoint.objects.filter(measure=None).exists()


@pytest.mark.django_db
def test_seeding_twice_changes_nothing(hzdigital_home: Path) -> None:
    call_command("seed_supervision", "--date", DAY.isoformat())
    before = _counts()
    call_command("seed_supervision", "--date", DAY.isoformat())
    assert _counts() == before


@pytest.mark.django_db
def test_accounts_cover_the_plan_units_departments_and_every_role(hzdigital_home: Path) -> None:
    call_command("seed_supervision", "--date", DAY.isoformat())
    districts = OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT)
    plan_codes = set(Unit.objects.filter(edition__is_active=True).values_list("code", flat=True))
    assert set(districts.values_list("division_code", flat=True)) == plan_codes
    assert len(plan_codes) == 13
    assert all(d.plan_unit() is not None for d in districts)
    departments = OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT)
    assert {d.name_zh for d in departments} == {zh for _, zh, _ in DEPARTMENTS}
    assert all(d.is_demo for d in departments)  # the plan text names none of them
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role if r != Role.PUBLIC}
    office = get_user_model().objects.get(username="office")
    assert office.check_password(DEMO_PASSWORD)
