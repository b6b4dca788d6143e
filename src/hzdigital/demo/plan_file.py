"""Each district's designated key industries and their GB/T classes, from ``data/plan.yaml``.

The plan file (written by the plan module) lists ``units[].key_industries[].name_zh`` and maps
each name once in ``industry_mappings[name].gbt4754[].code``. This reader takes only those two
fields, read-only and without Django, so the generator stays framework-free. When the file or
a unit is missing, ``reference.py`` falls back to its own table from 专栏13.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from hzdigital.demo import reference

PLAN_YAML = reference.DATA_DIR / "plan.yaml"


@cache
def _document() -> dict[str, Any]:
    if not PLAN_YAML.exists():
        return {}
    with PLAN_YAML.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return document if isinstance(document, dict) else {}


def key_industries_from_plan() -> dict[str, tuple[str, ...]]:
    """District code -> the key industry names the plan gives it (empty without a plan file)."""
    found: dict[str, tuple[str, ...]] = {}
    for unit in _document().get("units") or []:
        names = tuple(
            str(item["name_zh"])
            for item in unit.get("key_industries") or []
            if isinstance(item, dict) and "name_zh" in item
        )
        if names:
            found[str(unit.get("code"))] = names
    return found


def industry_classes_from_plan() -> dict[str, tuple[str, ...]]:
    """Key industry name -> its GB/T 4754 classes, as the plan's mapping table gives them."""
    mappings = _document().get("industry_mappings") or {}
    return {
        str(name): tuple(
            str(item["code"])
            for item in (mapping or {}).get("gbt4754") or []
            if isinstance(item, dict) and "code" in item
        )
        for name, mapping in mappings.items()
    }
