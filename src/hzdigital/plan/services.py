"""Writes of the plan: load ``data/plan.yaml`` and ``data/published_statistics.csv``.

Loading is idempotent and keeps primary keys stable: every row is matched on its natural key
(unit code, industry wording, measure id, …), updated in place, and rows the file no longer
names are deleted. Other apps point at units and measures, so a reload must not recreate them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction

from hzdigital.plan import planfile
from hzdigital.plan.models import (
    Corridor,
    IndustryCode,
    KeyIndustry,
    Measure,
    PlanEdition,
    PublishedFigure,
    TalentDirection,
    TalentProgramme,
    Target,
    Unit,
)
from hzdigital.plan.planspec import PlanSpec

M = TypeVar("M", bound=models.Model)


def _sync(
    existing: models.QuerySet[M],
    key: Callable[[M], Any],
    wanted: Iterable[tuple[Any, dict[str, Any]]],
    create: Callable[[dict[str, Any]], M],
    *,
    parent: str | None = None,
) -> list[M]:
    """Make ``existing`` hold exactly ``wanted`` (key → field values); return rows in order.

    Unchanged rows are not written again, so a reload of the same file costs only reads.
    ``parent`` names the foreign key set from an object saved a moment ago: its existence
    check would be one query per row for nothing.
    """
    by_key = {key(row): row for row in existing}
    exclude = [parent] if parent else None
    kept: list[M] = []
    for wanted_key, fields in wanted:
        row = by_key.pop(wanted_key, None)
        if row is None:
            row, changed = create(fields), True
        else:
            changed = any(getattr(row, name) != value for name, value in fields.items())
            for name, value in fields.items():
                setattr(row, name, value)
        if changed:
            row.full_clean(exclude=exclude)
            row.save()
        kept.append(row)
    for stale in by_key.values():
        stale.delete()
    return kept


def _load_units(edition: PlanEdition, plan: PlanSpec) -> dict[str, Unit]:
    units = _sync(
        edition.units.all(),
        lambda u: u.code,
        (
            (
                spec.code,
                {
                    "code": spec.code,
                    "name_zh": spec.name_zh,
                    "name_en": spec.name_en,
                    "kind": spec.kind,
                    "core": spec.core,
                    "positioning_zh": spec.positioning_zh,
                    "positioning_en": spec.positioning_en,
                    "order": order,
                },
            )
            for order, spec in enumerate(plan.units)
        ),
        lambda fields: Unit(edition=edition, **fields),
        parent="edition",
    )
    for unit, spec in zip(units, plan.units, strict=True):
        industries = _sync(
            unit.key_industries.all(),
            lambda k: k.name_zh,
            (
                (
                    ki.name_zh,
                    {
                        "name_zh": ki.name_zh,
                        "name_en": ki.name_en,
                        "emphasis": ki.emphasis,
                        "mapping_note": ki.mapping.mapping_note,
                        "order": order,
                    },
                )
                for order, ki in enumerate(spec.key_industries)
            ),
            lambda fields, unit=unit: KeyIndustry(unit=unit, **fields),
            parent="unit",
        )
        for industry, ki in zip(industries, spec.key_industries, strict=True):
            _sync(
                industry.codes.all(),
                lambda c: (c.scheme, c.code),
                (
                    ((c.scheme, c.code), {"scheme": c.scheme, "code": c.code, "note": c.note})
                    for c in (*ki.mapping.gbt4754, *ki.mapping.nbs)
                ),
                lambda fields, industry=industry: IndustryCode(key_industry=industry, **fields),
                parent="key_industry",
            )
    return {unit.code: unit for unit in units}


def _load_corridors(edition: PlanEdition, plan: PlanSpec, units: dict[str, Unit]) -> None:
    corridors = _sync(
        edition.corridors.all(),
        lambda c: c.slug,
        (
            (
                spec.slug,
                {
                    "slug": spec.slug,
                    "name_zh": spec.name_zh,
                    "name_en": spec.name_en,
                    "text_zh": spec.text_zh,
                    "industries": list(spec.industries),
                    "platforms": list(spec.platforms),
                    "units_assumption": spec.units_assumption,
                },
            )
            for spec in plan.corridors
        ),
        lambda fields: Corridor(edition=edition, **fields),
        parent="edition",
    )
    for corridor, spec in zip(corridors, plan.corridors, strict=True):
        corridor.units.set([units[code] for code in spec.units])


def _load_talent(edition: PlanEdition, plan: PlanSpec) -> None:
    directions = _sync(
        edition.talent_directions.all(),
        lambda d: d.slug,
        (
            (
                spec.slug,
                {
                    "slug": spec.slug,
                    "name_zh": spec.name_zh,
                    "name_en": spec.name_en,
                    "text_zh": spec.text_zh,
                    "order": order,
                },
            )
            for order, spec in enumerate(plan.talent_directions)
        ),
        lambda fields: TalentDirection(edition=edition, **fields),
        parent="edition",
    )
    for direction, spec in zip(directions, plan.talent_directions, strict=True):
        _sync(
            direction.programmes.all(),
            lambda p: p.slug,
            (
                (
                    p.slug,
                    {
                        "slug": p.slug,
                        "name_zh": p.name_zh,
                        "name_en": p.name_en,
                        "quote_zh": p.quote_zh,
                        "order": order,
                    },
                )
                for order, p in enumerate(spec.programmes)
            ),
            lambda fields, direction=direction: TalentProgramme(direction=direction, **fields),
            parent="direction",
        )


def _load_measures_and_targets(edition: PlanEdition, plan: PlanSpec) -> None:
    _sync(
        edition.measures.all(),
        lambda m: m.ident,
        (
            (
                m.ident,
                {
                    "ident": m.ident,
                    "group": m.group,
                    "text_zh": m.text_zh,
                    "text_en": m.text_en,
                    "feature": m.feature,
                    "feature_zh": m.feature_zh,
                    "feature_en": m.feature_en,
                    "order": order,
                },
            )
            for order, m in enumerate(plan.measures)
        ),
        lambda fields: Measure(edition=edition, **fields),
        parent="edition",
    )
    _sync(
        edition.targets.all(),
        lambda t: (t.indicator, t.division_code, t.year),
        (
            (
                (t.indicator, t.division_code, t.year),
                {
                    "indicator": t.indicator,
                    "label_zh": t.label_zh,
                    "label_en": t.label_en,
                    "division_code": t.division_code,
                    "year": t.year,
                    "value": t.value,
                    "unit": t.unit,
                    "comparison": t.comparison,
                    "source": t.source,
                    "note": t.note,
                },
            )
            for t in plan.targets
        ),
        lambda fields: Target(edition=edition, **fields),
        parent="edition",
    )


def plan_load(*, path: Path | str | None = None) -> PlanEdition:
    """Load the plan file into the database in one transaction and make its edition active.

    Raises ``planfile.PlanFileError`` (nothing written) when the file breaks a rule.
    """
    plan = planfile.read_plan(path)
    with transaction.atomic():
        edition, _ = PlanEdition.objects.get_or_create(
            slug=plan.edition.slug,
            defaults={"title_zh": plan.edition.title_zh, "title_en": plan.edition.title_en},
        )
        edition.title_zh = plan.edition.title_zh
        edition.title_en = plan.edition.title_en
        edition.source = plan.edition.source
        edition.layout_zh = plan.edition.layout_zh
        edition.layout_en = plan.edition.layout_en
        edition.is_active = True
        edition.full_clean()
        edition.save()
        # One active edition at a time: the one just loaded.
        PlanEdition.objects.exclude(pk=edition.pk).update(is_active=False)
        units = _load_units(edition, plan)
        _load_corridors(edition, plan, units)
        _load_talent(edition, plan)
        _load_measures_and_targets(edition, plan)
        published_figures_load()
    return edition


def published_figures_load(*, path: Path | str | None = None) -> int:
    """Load ``published_statistics.csv`` into PublishedFigure (idempotent); return the row count."""
    file = Path(path) if path is not None else planfile.PUBLISHED_CSV
    with file.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with transaction.atomic():
        _sync(
            PublishedFigure.objects.all(),
            lambda f: (f.indicator, f.division_code, f.period),
            (
                (
                    (row["indicator"], row["division_code"], row["period"]),
                    {
                        "indicator": row["indicator"],
                        "division_code": row["division_code"],
                        "division_name": row["division_name"],
                        "period": row["period"],
                        "value": Decimal(row["value"]),
                        "unit": row["unit"],
                        "status": row["status"],
                        "source": row["source"],
                        "note": row["note"],
                    },
                )
                for row in rows
            ),
            lambda fields: PublishedFigure(**fields),
        )
    return len(rows)
