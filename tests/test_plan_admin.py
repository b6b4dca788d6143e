"""The admin shows every plan model, with key industries under units and programmes under directions."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from hzdigital.plan import models
from hzdigital.plan.models import KeyIndustry, TalentDirection, Unit
from hzdigital.plan.services import plan_load

PLAN_MODELS = [
    models.PlanEdition,
    models.Unit,
    models.KeyIndustry,
    models.IndustryCode,
    models.Corridor,
    models.TalentDirection,
    models.TalentProgramme,
    models.Measure,
    models.Target,
    models.PublishedFigure,
]


def test_every_plan_model_is_registered_in_the_admin() -> None:
    assert [m for m in PLAN_MODELS if not admin.site.is_registered(m)] == []


@pytest.mark.django_db
def test_each_changelist_lists_the_loaded_rows(admin_client: Client, hzdigital_home: Path) -> None:
    plan_load()  # once for all models: a load is the slow part
    for model in PLAN_MODELS:
        response = admin_client.get(reverse(f"admin:plan_{model._meta.model_name}_changelist"))
        assert response.status_code == 200, model.__name__
        assert f"{model.objects.count()} " in response.content.decode(), model.__name__


@pytest.mark.django_db
def test_detail_pages_show_their_inlines(admin_client: Client, hzdigital_home: Path) -> None:
    plan_load()
    unit = Unit.objects.get(code="330113")
    page = admin_client.get(reverse("admin:plan_unit_change", args=[unit.pk])).content.decode()
    for industry in KeyIndustry.objects.filter(unit=unit):
        assert industry.name_zh in page
    assert "重点产业" in page
    # …codes under a key industry, programmes under a direction.
    industry = KeyIndustry.objects.get(unit__code="330127", name_zh="数据中心")
    page = admin_client.get(reverse("admin:plan_keyindustry_change", args=[industry.pk]))
    assert "6550" in page.content.decode() and "040503" in page.content.decode()
    direction = TalentDirection.objects.get(slug="young-leaders")
    page = admin_client.get(reverse("admin:plan_talentdirection_change", args=[direction.pk]))
    assert "博士后倍增计划" in page.content.decode()
