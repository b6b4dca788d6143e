"""The demo seeds of projects and the technology list: labelled, spread out, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from hzdigital.projects.models import Blocker, FactorQuota, FactorRequest, MajorProject, Stage
from hzdigital.projects.selectors import balances
from hzdigital.techlist.models import TechListEdition, TechListItem
from hzdigital.techlist.selectors import edition_diff


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _counts() -> tuple[int, ...]:
    models = (MajorProject, FactorQuota, FactorRequest, Blocker, TechListEdition, TechListItem)
    return tuple(m.objects.count() for m in models) + (MajorProject.history.count(),)


@pytest.mark.django_db
def test_the_demo_portfolio_spans_districts_and_stages_and_reseeds_to_the_same(
    hzdigital_home: Path,
) -> None:
    call_command("seed_projects")
    call_command("seed_techlist")
    first = _counts()
    call_command("seed_projects")
    call_command("seed_techlist")
    assert _counts() == first
    projects = MajorProject.objects.all()
    assert projects.count() == 20 and all(p.is_demo and "演示" in p.name_zh for p in projects)
    assert set(projects.values_list("stage", flat=True)) == set(Stage)
    assert len(set(projects.values_list("district_code", flat=True))) >= 6
    year = FactorQuota.objects.first().year
    assert all(b.remaining >= 0 for b in balances(year))
    assert FactorRequest.objects.filter(decision="approved").exists()
    assert Blocker.objects.filter(level="city").exists()


@pytest.mark.django_db
def test_the_demo_technology_list_has_added_dropped_and_carried_items(
    hzdigital_home: Path,
) -> None:
    call_command("seed_techlist")
    diff = edition_diff(TechListEdition.objects.get(year=2026))
    assert diff.previous.year == 2025
    assert diff.added and diff.dropped and diff.carried
    assert all(e.is_demo and "演示" in e.title_zh for e in TechListEdition.objects.all())
