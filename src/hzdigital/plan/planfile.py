"""Read and check ``data/plan.yaml``: YAML in, frozen dataclasses out, every error named.

Framework-free: the Django service (``plan.services.plan_load``) and the tests both use it.
Once the top-level sections are there, a problem never stops the reading: all are collected,
each with the YAML path (``units[3].key_industries[0].name_zh``), the rule it breaks and a
message in Chinese and English, so an editor fixes the file in one pass.

>>> plan = read_plan()
>>> len(plan.units), plan.units[0].name_zh
(13, '上城区')
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from hzdigital.lib.divisions import ABOLISHED_DIVISIONS, is_hangzhou_county
from hzdigital.plan import planspec as spec
from hzdigital.plan.checker import Checker, PlanFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLAN_FILE = DATA_DIR / "plan.yaml"
GBT_CSV = DATA_DIR / "gbt4754_2017_industry_classification.csv"
NBS_CSV = DATA_DIR / "nbs_digital_economy_2021_reconstructed.csv"
PUBLISHED_CSV = DATA_DIR / "published_statistics.csv"


@cache
def gbt4754_classes() -> frozenset[str]:
    """The 4-digit 小类 codes of the shipped GB/T 4754-2017 table."""
    with GBT_CSV.open(encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle) if row["level"] == "class")


@cache
def nbs_codes() -> frozenset[str]:
    """Medium (4-digit) and sub (6-digit) codes of the shipped NBS 2021 reconstruction."""
    with NBS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return frozenset(row["medium_code"] for row in rows) | frozenset(
        row["sub_code"] for row in rows if row["sub_code"]
    )


@cache
def published_rows() -> dict[str, dict[str, str]]:
    """Rows of published_statistics.csv keyed by indicator (targets are one row each)."""
    with PUBLISHED_CSV.open(encoding="utf-8") as handle:
        return {row["indicator"]: row for row in csv.DictReader(handle)}


# libyaml's C loader when present: the pure-Python one takes most of a second on this file.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MEASURE_ID = re.compile(r"4\.([1-3])\.([1-9]\d*)")
_URL = re.compile(r"https?://\S+")


def _edition(c: Checker, node: Any) -> spec.EditionSpec:
    node = c.mapping(node, "edition", spec.EDITION_KEYS)
    return spec.EditionSpec(**{k: c.text(node, k, "edition") for k in spec.EDITION_KEYS})


def _codes(c: Checker, node: dict[str, Any], path: str, key: str) -> tuple[spec.CodeSpec, ...]:
    scheme, rule = spec.CODE_SCHEMES[key]
    known = gbt4754_classes() if key == "gbt4754" else nbs_codes()
    codes = []
    seen: dict[str, str] = {}
    for i, item in enumerate(c.items(node.get(key), f"{path}.{key}")):
        item_path = f"{path}.{key}[{i}]"
        item = c.mapping(item, item_path, ("code", "note"))
        code = c.code(item, "code", item_path)
        if code and code not in known:
            c.fail(f"{item_path}.code", rule, value=code)
        c.once(seen, code, f"{item_path}.code")
        codes.append(spec.CodeSpec(scheme, code, c.text(item, "note", item_path)))
    return tuple(codes)


def _mappings(c: Checker, node: Any) -> dict[str, spec.IndustryMapping]:
    node = c.mapping(node, "industry_mappings", tuple(node) if isinstance(node, dict) else ())
    found = {}
    for name, body in node.items():
        path = f"industry_mappings.{name}"
        body = c.mapping(body, path, spec.MAPPING_KEYS)
        mapping = spec.IndustryMapping(
            name_zh=str(name),
            name_en=c.text(body, "name_en", path),
            gbt4754=_codes(c, body, path, "gbt4754"),
            nbs=_codes(c, body, path, "nbs"),
            mapping_note=c.text(body, "mapping_note", path, required=False),
        )
        if not mapping.nbs and not mapping.mapping_note:
            c.fail(f"{path}.mapping_note", "no_nbs_without_note")
        found[str(name)] = mapping
    return found


def _units(
    c: Checker, node: Any, mappings: dict[str, spec.IndustryMapping]
) -> tuple[spec.UnitSpec, ...]:
    units, codes_seen, used = [], {}, set()
    for i, raw in enumerate(c.items(node, "units")):
        path = f"units[{i}]"
        raw = c.mapping(raw, path, spec.UNIT_KEYS)
        code = c.code(raw, "code", path)
        if code in ABOLISHED_DIVISIONS:
            gone = ABOLISHED_DIVISIONS[code]
            c.fail(
                f"{path}.code",
                "unit_code_abolished",
                value=code,
                year=gone.abolished_year,
                successors="、".join(gone.successors),
            )
        elif code and not is_hangzhou_county(code):
            c.fail(f"{path}.code", "unit_code", value=code)
        c.once(codes_seen, code, f"{path}.code")
        positioning = c.text(raw, "positioning_zh", path)
        industries, names_seen = [], {}
        for j, item in enumerate(c.items(raw.get("key_industries"), f"{path}.key_industries")):
            item_path = f"{path}.key_industries[{j}]"
            item = c.mapping(item, item_path, ("name_zh", "emphasis"))
            name = c.text(item, "name_zh", item_path)
            c.once(names_seen, name, f"{item_path}.name_zh")
            c.in_text(name, positioning, f"{item_path}.name_zh", f"{path}.positioning_zh")
            emphasis = item.get("emphasis") or "focus"
            if emphasis not in spec.EMPHASES:
                c.fail(
                    f"{item_path}.emphasis",
                    "choice",
                    value=emphasis,
                    choices=", ".join(spec.EMPHASES),
                )
            mapping = mappings.get(name)
            if name and mapping is None:
                c.fail(f"{item_path}.name_zh", "unmapped_industry", value=name)
                mapping = spec.IndustryMapping(name, "", (), (), "")
            used.add(name)
            industries.append(spec.KeyIndustrySpec(name, mapping.name_en, str(emphasis), mapping))
        units.append(
            spec.UnitSpec(
                code=code,
                name_zh=c.text(raw, "name_zh", path),
                name_en=c.text(raw, "name_en", path),
                kind=c.choice(raw, "kind", path, spec.KINDS),
                core=c.flag(raw, "core", path),
                positioning_zh=positioning,
                positioning_en=c.text(raw, "positioning_en", path, required=False),
                key_industries=tuple(industries),
            )
        )
    for name in sorted(set(mappings) - used):
        c.fail(f"industry_mappings.{name}", "unused_mapping", value=name)
    return tuple(units)


def _corridors(c: Checker, node: Any, unit_codes: set[str]) -> tuple[spec.CorridorSpec, ...]:
    corridors, seen = [], {}
    for i, raw in enumerate(c.items(node, "corridors")):
        path = f"corridors[{i}]"
        raw = c.mapping(raw, path, spec.CORRIDOR_KEYS)
        slug = c.text(raw, "slug", path)
        c.once(seen, slug, f"{path}.slug")
        text = c.text(raw, "text_zh", path)
        industries, platforms = (
            c.strings(raw, "industries", path),
            c.strings(raw, "platforms", path),
        )
        for key, values in (("industries", industries), ("platforms", platforms)):
            for j, value in enumerate(values):
                c.in_text(value, text, f"{path}.{key}[{j}]", f"{path}.text_zh")
        units = c.strings(raw, "units", path)
        for j, code in enumerate(units):
            if code not in unit_codes:
                c.fail(f"{path}.units[{j}]", "unit_code", value=code)
        corridors.append(
            spec.CorridorSpec(
                slug=slug,
                name_zh=c.text(raw, "name_zh", path),
                name_en=c.text(raw, "name_en", path),
                text_zh=text,
                industries=industries,
                platforms=platforms,
                units=units,
                # The seed never says which units a corridor spans, so the source is required.
                units_assumption=c.text(raw, "units_assumption", path),
            )
        )
    return tuple(corridors)


def _directions(c: Checker, node: Any) -> tuple[spec.DirectionSpec, ...]:
    directions, seen = [], {}
    for i, raw in enumerate(c.items(node, "talent_directions")):
        path = f"talent_directions[{i}]"
        raw = c.mapping(raw, path, spec.DIRECTION_KEYS)
        slug = c.text(raw, "slug", path)
        c.once(seen, slug, f"{path}.slug")
        text = c.text(raw, "text_zh", path)
        programmes, programme_slugs = [], {}
        for j, item in enumerate(c.items(raw.get("programmes"), f"{path}.programmes")):
            item_path = f"{path}.programmes[{j}]"
            item = c.mapping(item, item_path, spec.PROGRAMME_KEYS)
            programme = spec.ProgrammeSpec(
                **{k: c.text(item, k, item_path) for k in spec.PROGRAMME_KEYS}
            )
            c.once(programme_slugs, programme.slug, f"{item_path}.slug")
            c.in_text(programme.quote_zh, text, f"{item_path}.quote_zh", f"{path}.text_zh")
            c.in_text(
                programme.name_zh,
                programme.quote_zh,
                f"{item_path}.name_zh",
                f"{item_path}.quote_zh",
            )
            programmes.append(programme)
        directions.append(
            spec.DirectionSpec(
                slug=slug,
                name_zh=c.text(raw, "name_zh", path),
                name_en=c.text(raw, "name_en", path),
                text_zh=text,
                programmes=tuple(programmes),
            )
        )
    return tuple(directions)


def _measures(c: Checker, node: Any) -> tuple[spec.MeasureSpec, ...]:
    measures, seen = [], {}
    for i, raw in enumerate(c.items(node, "measures")):
        path = f"measures[{i}]"
        raw = c.mapping(raw, path, spec.MEASURE_KEYS)
        ident = c.code(raw, "id", path)
        group = c.choice(raw, "group", path, tuple(spec.MEASURE_GROUPS.values()))
        match = _MEASURE_ID.fullmatch(ident)
        if ident and (match is None or spec.MEASURE_GROUPS[match.group(1)] != group):
            c.fail(f"{path}.id", "measure_id", value=ident)
        c.once(seen, ident, f"{path}.id")
        measures.append(
            spec.MeasureSpec(
                ident=ident,
                group=group,
                text_zh=c.text(raw, "text_zh", path),
                text_en=c.text(raw, "text_en", path),
                feature=c.choice(raw, "feature", path, spec.FEATURES),
                feature_zh=c.text(raw, "feature_zh", path),
                feature_en=c.text(raw, "feature_en", path),
            )
        )
    return tuple(measures)


def _target(c: Checker, raw: dict[str, Any], path: str) -> spec.TargetSpec:
    try:
        value = Decimal(str(raw.get("value")))
    except InvalidOperation:
        c.fail(f"{path}.value", "number", value=raw.get("value"))
        value = Decimal(0)
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        c.fail(f"{path}.year", "type", expected_zh="年份(整数)", expected_en="a year (integer)")
        year = 0
    source = c.text(raw, "source", path)
    if source and not _URL.fullmatch(source):
        c.fail(f"{path}.source", "url", value=source)
    target = spec.TargetSpec(
        indicator=c.text(raw, "indicator", path),
        label_zh=c.text(raw, "label_zh", path),
        label_en=c.text(raw, "label_en", path),
        division_code=c.code(raw, "division_code", path),
        year=year,
        value=value,
        unit=c.text(raw, "unit", path),
        comparison=c.choice(raw, "comparison", path, spec.COMPARISONS),
        source=source,
        published_row=c.text(raw, "published_row", path, required=False),
        note=c.text(raw, "note", path, required=False),
    )
    if target.published_row:
        _check_published(c, target, f"{path}.published_row")
    return target


def _check_published(c: Checker, target: spec.TargetSpec, path: str) -> None:
    row = published_rows().get(target.published_row)
    if row is None:
        c.fail(path, "published_row", row=target.published_row, detail="no such row / 无此行")
        return
    expected = {
        "value": (Decimal(row["value"]), target.value),
        "unit": (row["unit"], target.unit),
        "source": (row["source"], target.source),
        "division_code": (row["division_code"], target.division_code),
        "year": (row["period"], str(target.year)),
    }
    for field, (theirs, ours) in expected.items():
        if theirs != ours:
            c.fail(
                path, "published_row", row=target.published_row, detail=f"{field} {ours} ≠ {theirs}"
            )


def parse_plan(text: str, *, file: Path | str = "plan.yaml") -> spec.PlanSpec:
    """Check a plan document; raise ``PlanFileError`` naming every problem."""
    c = Checker()
    try:
        document = yaml.load(text, Loader=_YAML_LOADER)  # a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        c.fail("$", "yaml_syntax", detail=f"{where}{getattr(error, 'problem', None) or error}")
        raise PlanFileError(file, c.issues) from None
    document = c.mapping(document, "$", spec.TOP_KEYS)
    for key in spec.TOP_KEYS:
        if key not in document:
            c.fail(key, "required")
    if c.issues:
        # Without its sections the document has no shape to check further; say only that.
        raise PlanFileError(file, c.issues)
    mappings = _mappings(c, document.get("industry_mappings", {}))
    units = _units(c, document.get("units"), mappings)
    plan = spec.PlanSpec(
        edition=_edition(c, document.get("edition")),
        units=units,
        corridors=_corridors(c, document.get("corridors"), {u.code for u in units}),
        talent_directions=_directions(c, document.get("talent_directions")),
        measures=_measures(c, document.get("measures")),
        targets=tuple(
            _target(c, c.mapping(raw, f"targets[{i}]", spec.TARGET_KEYS), f"targets[{i}]")
            for i, raw in enumerate(c.items(document.get("targets"), "targets"))
        ),
    )
    if c.issues:
        raise PlanFileError(file, c.issues)
    return plan


def read_plan(path: Path | str | None = None) -> spec.PlanSpec:
    """Read and check the plan file (default: the shipped ``data/plan.yaml``)."""
    file = Path(path) if path is not None else PLAN_FILE
    return parse_plan(file.read_text(encoding="utf-8"), file=file)
