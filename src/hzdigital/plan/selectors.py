"""Reads of the plan shared by the CLI, the API and the web pages.

``plan_as_dict`` returns exactly the ``hzdigital plan --json`` shape; other modules build on it,
so fields are only ever added, never renamed or removed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from hzdigital.plan.models import (
    Corridor,
    IndustryCode,
    KeyIndustry,
    Measure,
    PlanEdition,
    TalentDirection,
    TalentProgramme,
    Target,
    Unit,
)

NO_ACTIVE_EDITION_ZH = (
    "没有生效的规划版本:请先运行 `hzdigital plan` 或 `manage.py load_plan` 载入规划。"
)
NO_ACTIVE_EDITION_EN = (
    "No active plan edition: run `hzdigital plan` or `manage.py load_plan` first."
)
NO_ACTIVE_EDITION = f"{NO_ACTIVE_EDITION_ZH} / {NO_ACTIVE_EDITION_EN}"


class NoActivePlanEdition(LookupError):
    """Raised when a read needs the active edition and none has been loaded."""


def active_edition() -> PlanEdition | None:
    """The edition marked active, or None before the plan has been loaded."""
    return PlanEdition.objects.filter(is_active=True).order_by("-loaded_at").first()


def units_of(edition: PlanEdition) -> list[Unit]:
    """Units in plan order with their key industries and codes fetched in three queries."""
    industries = KeyIndustry.objects.order_by("order").prefetch_related(
        Prefetch("codes", queryset=IndustryCode.objects.order_by("scheme", "code"))
    )
    return list(
        edition.units.order_by("order").prefetch_related(
            Prefetch("key_industries", queryset=industries)
        )
    )


def _key_industry_dict(industry: KeyIndustry) -> dict[str, Any]:
    codes = list(industry.codes.all())
    return {
        "name_zh": industry.name_zh,
        "name_en": industry.name_en,
        "emphasis": industry.emphasis,
        "gbt4754": [c.code for c in codes if c.scheme == IndustryCode.Scheme.GBT4754],
        "nbs": [c.code for c in codes if c.scheme == IndustryCode.Scheme.NBS2021],
        "codes": [{"scheme": c.scheme, "code": c.code, "note": c.note} for c in codes],
        "mapping_note": industry.mapping_note,
    }


def _unit_dict(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name_zh": unit.name_zh,
        "name_en": unit.name_en,
        "kind": unit.kind,
        "core": unit.core,
        "positioning_zh": unit.positioning_zh,
        "positioning_en": unit.positioning_en,
        "key_industries": [_key_industry_dict(k) for k in unit.key_industries.all()],
    }


def _corridor_dict(corridor: Corridor) -> dict[str, Any]:
    return {
        "slug": corridor.slug,
        "name_zh": corridor.name_zh,
        "name_en": corridor.name_en,
        "text_zh": corridor.text_zh,
        "industries": list(corridor.industries),
        "platforms": list(corridor.platforms),
        "units": sorted(u.code for u in corridor.units.all()),
        "units_assumption": corridor.units_assumption,
    }


def _direction_dict(direction: TalentDirection) -> dict[str, Any]:
    return {
        "slug": direction.slug,
        "name_zh": direction.name_zh,
        "name_en": direction.name_en,
        "text_zh": direction.text_zh,
        "programmes": [
            {"slug": p.slug, "name_zh": p.name_zh, "name_en": p.name_en, "quote_zh": p.quote_zh}
            for p in direction.programmes.all()
        ],
    }


def _measure_dict(measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.ident,
        "group": measure.group,
        "group_zh": measure.get_group_display(),
        "text": measure.text_zh,
        "text_en": measure.text_en,
        "feature": measure.feature,
        "feature_zh": measure.feature_zh,
        "feature_en": measure.feature_en,
    }


def _target_dict(target: Target) -> dict[str, Any]:
    return {
        "indicator": target.indicator,
        "label_zh": target.label_zh,
        "label_en": target.label_en,
        "division_code": target.division_code,
        "year": target.year,
        # Targets are round figures (亿元, %); float keeps the JSON a number, not a string.
        "value": float(target.value),
        "unit": target.unit,
        "comparison": target.comparison,
        "source": target.source,
        "note": target.note,
    }


def plan_as_dict(edition: PlanEdition | None = None) -> dict[str, Any]:
    """The whole plan edition as plain data: the ``hzdigital plan --json`` contract."""
    if edition is None:
        edition = active_edition()
    if edition is None:
        raise NoActivePlanEdition(NO_ACTIVE_EDITION)
    corridors = edition.corridors.order_by("id").prefetch_related("units")
    programmes = TalentProgramme.objects.order_by("order")
    directions = edition.talent_directions.order_by("order").prefetch_related(
        Prefetch("programmes", queryset=programmes)
    )
    return {
        "edition": {
            "slug": edition.slug,
            "title_zh": edition.title_zh,
            "title_en": edition.title_en,
            "source": edition.source,
            "is_active": edition.is_active,
        },
        "layout": {"text_zh": edition.layout_zh, "text_en": edition.layout_en},
        "units": [_unit_dict(u) for u in units_of(edition)],
        "corridors": [_corridor_dict(c) for c in corridors],
        "talent_directions": [_direction_dict(d) for d in directions],
        "measures": [_measure_dict(m) for m in edition.measures.order_by("order")],
        "targets": [
            _target_dict(t) for t in edition.targets.order_by("indicator", "division_code", "year")
        ],
    }
