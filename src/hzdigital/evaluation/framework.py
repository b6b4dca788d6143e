"""The composite-index framework file: dimensions, indicators, sources, weights; validated.

A framework is data (``data/index_framework.yaml``), versioned by ``edition`` with a
changelog, so the index a leader reads can be traced to the framework that made it. Every
problem is reported with the file, the YAML path and the rule it breaks, all at once.

>>> fw = load_framework()
>>> fw.edition, [d.key for d in fw.dimensions][:2]
('2026.2', ['industrialisation', 'digitisation'])
>>> fw.indicator("core_va_per_km2").denominator
'area_km2'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hzdigital.evaluation import steps
from hzdigital.lib.messages import Message

FRAMEWORK_YAML = Path(__file__).resolve().parent.parent / "data" / "index_framework.yaml"

CUBE_CATEGORIES = ("core", "01", "02", "03", "04", "05", "all")
CUBE_MEASURES = ("enterprises", "revenue", "value_added", "employees", "rd_expense")
PLAIN_DENOMINATORS = ("none", "gdp", "area_km2", "previous_year")
DIRECTIONS = ("higher", "lower")
CUBE_SOURCE = re.compile(r"^cube:(?P<category>[0-9a-z]+)\.(?P<measure>[a-z_]+)$")
# Inputs the caller hands in beside the warehouse (``inputs.EXTRA_COLUMNS``): kind → what it is.
EXTRA_KINDS = {"talent": "the talent app's accepted district figures (talent:<metric>)"}
EXTRA_SOURCE = re.compile(r"^(?P<kind>[a-z]+):(?P<key>[a-z_]+)$")

MSG_INVALID = Message("指数框架文件 {path} 有问题：", "index framework file {path} is invalid:")
# The reference run's method choices, with the framework's defaults (the JRC's usual start).
METHOD_OPTIONS: dict[str, tuple[str, ...]] = {
    "imputation": tuple(steps.IMPUTATIONS),
    "outliers": steps.OUTLIER_METHODS,
    "normalisation": steps.NORMALISATIONS,
    "weighting": steps.WEIGHTINGS,
    "aggregation": tuple(steps.AGGREGATIONS),
}
DEFAULT_METHOD = {
    "imputation": "mean",
    "outliers": "winsorise",
    "normalisation": "minmax",
    "weighting": "manual",
    "aggregation": "arithmetic",
}


@dataclass(frozen=True)
class FrameworkIssue:
    file: str
    yaml_path: str  # e.g. dimensions[1].indicators[0].weight
    zh: str
    en: str

    def render(self) -> str:
        where = f"{self.file}:{self.yaml_path}"
        return f"{where}: {self.zh} / {self.en}"


class FrameworkError(ValueError):
    def __init__(self, path: Path, issues: list[FrameworkIssue]) -> None:
        self.path = path
        self.issues = issues
        lines = [MSG_INVALID.render(path=path), *("  " + i.render() for i in issues)]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class CubeRef:
    category: str  # core, 01…05 or all
    measure: str  # enterprises, revenue, value_added, employees, rd_expense

    def __str__(self) -> str:
        return f"cube:{self.category}.{self.measure}"


@dataclass(frozen=True)
class ExtraRef:
    kind: str  # a key of EXTRA_KINDS, e.g. talent
    key: str  # e.g. people_introduced

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


@dataclass(frozen=True)
class Indicator:
    key: str
    name_zh: str
    name_en: str
    dimension: str  # key of its dimension
    source: CubeRef | ExtraRef
    denominator: str  # none | gdp | area_km2 | previous_year | cube:<category>.<measure>
    scale: float  # multiplier after dividing (100 for a percentage)
    unit: str
    direction: str  # higher | lower: which way is better
    weight: float  # relative weight within the dimension
    target: float | None = None  # reference of distance-to-target normalisation (indicator unit)

    @property
    def denominator_ref(self) -> CubeRef | None:
        return _cube_ref(self.denominator)


@dataclass(frozen=True)
class Dimension:
    key: str
    name_zh: str
    name_en: str
    weight: float  # relative weight across dimensions
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Exclusion:
    dimension: str
    dimension_en: str
    name_zh: str
    name_en: str
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class Framework:
    path: Path
    edition: str
    changelog: tuple[dict[str, str], ...]
    dimensions: tuple[Dimension, ...]
    excluded: tuple[Exclusion, ...]
    method: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_METHOD))

    def targets(self) -> dict[str, float]:
        return {i.key: i.target for i in self.indicators if i.target is not None}

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    def indicator(self, key: str) -> Indicator:
        return {i.key: i for i in self.indicators}[key]

    def manual_weights(self) -> dict[str, float]:
        """Flat indicator weights summing to 1: dimension share × share within the dimension."""
        total = sum(d.weight for d in self.dimensions)
        out: dict[str, float] = {}
        for d in self.dimensions:
            inner = sum(i.weight for i in d.indicators)
            for i in d.indicators:
                out[i.key] = (d.weight / total) * (i.weight / inner)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "file": self.path.name,
            "dimensions": [
                {
                    "key": d.key,
                    "name_zh": d.name_zh,
                    "name_en": d.name_en,
                    "weight": d.weight,
                    "indicators": [
                        {
                            "key": i.key,
                            "name_zh": i.name_zh,
                            "name_en": i.name_en,
                            "source": str(i.source),
                            "denominator": i.denominator,
                            "scale": i.scale,
                            "unit": i.unit,
                            "direction": i.direction,
                            "weight": i.weight,
                            "target": i.target,
                        }
                        for i in d.indicators
                    ],
                }
                for d in self.dimensions
            ],
            "excluded": [vars(e) for e in self.excluded],
            "method": self.method,
        }


def _extra_ref(text: str) -> ExtraRef | None:
    match = EXTRA_SOURCE.match(text)
    if not match or match["kind"] not in EXTRA_KINDS:
        return None
    return ExtraRef(match["kind"], match["key"])


def _cube_ref(text: str) -> CubeRef | None:
    match = CUBE_SOURCE.match(text)
    if not match:
        return None
    return CubeRef(match["category"], match["measure"])


class _Checker:
    """Collects every problem with its YAML path instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.issues: list[FrameworkIssue] = []

    def add(self, where: str, zh: str, en: str) -> None:
        self.issues.append(FrameworkIssue(self.path.name, where, zh, en))

    def text(self, node: dict[str, Any], key: str, where: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            self.add(f"{where}.{key}", "必须是非空文本", "must be non-empty text")
            return ""
        return value

    def weight(self, node: dict[str, Any], where: str) -> float:
        value = node.get("weight", 1)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.add(f"{where}.weight", "权重必须是正数", "weight must be a positive number")
            return 1.0
        return float(value)

    def source(
        self, text: str, where: str, allowed: tuple[str, ...] = (), extra: bool = False
    ) -> None:
        if text in allowed or (extra and _extra_ref(text) is not None):
            return
        ref = _cube_ref(text)
        if ref is None:
            kinds = [f"{kind}:<key>" for kind in EXTRA_KINDS] if extra else []
            options = ", ".join([*allowed, "cube:<category>.<measure>", *kinds])
            self.add(
                where, f"无法识别“{text}”，可用：{options}", f"unknown {text!r}; use {options}"
            )
        elif ref.category not in CUBE_CATEGORIES or ref.measure not in CUBE_MEASURES:
            self.add(
                where,
                f"“{text}”：类别须为 {'/'.join(CUBE_CATEGORIES)}，指标须为 {'/'.join(CUBE_MEASURES)}",
                f"{text!r}: category must be one of {', '.join(CUBE_CATEGORIES)} and measure "
                f"one of {', '.join(CUBE_MEASURES)}",
            )


def _indicator(check: _Checker, node: Any, where: str, dimension: str) -> Indicator | None:
    if not isinstance(node, dict):
        check.add(where, "必须是映射", "must be a mapping")
        return None
    source = check.text(node, "source", where)
    if source:
        check.source(source, f"{where}.source", extra=True)
    denominator = str(node.get("denominator", "none"))
    check.source(denominator, f"{where}.denominator", PLAIN_DENOMINATORS)
    direction = node.get("direction")
    if direction not in DIRECTIONS:
        check.add(
            f"{where}.direction",
            f"方向须为 {' 或 '.join(DIRECTIONS)}",
            f"direction must be {' or '.join(DIRECTIONS)}",
        )
    target = node.get("target")
    if target is not None and (isinstance(target, bool) or not isinstance(target, int | float)):
        check.add(f"{where}.target", "目标值必须是数字", "target must be a number")
        target = None
    scale = node.get("scale", 1)
    if isinstance(scale, bool) or not isinstance(scale, int | float) or scale <= 0:
        check.add(f"{where}.scale", "倍数必须是正数", "scale must be a positive number")
        scale = 1
    return Indicator(
        key=check.text(node, "key", where),
        name_zh=check.text(node, "name_zh", where),
        name_en=check.text(node, "name_en", where),
        dimension=dimension,
        source=_cube_ref(source) or _extra_ref(source) or CubeRef("core", "value_added"),
        denominator=denominator,
        scale=float(scale),
        unit=check.text(node, "unit", where),
        direction=str(direction),
        weight=check.weight(node, where),
        target=None if target is None else float(target),
    )


def _dimension(check: _Checker, node: Any, where: str) -> Dimension | None:
    if not isinstance(node, dict):
        check.add(where, "必须是映射", "must be a mapping")
        return None
    key = check.text(node, "key", where)
    nodes = node.get("indicators")
    if not isinstance(nodes, list) or not nodes:
        check.add(f"{where}.indicators", "至少需要一个指标", "needs at least one indicator")
        nodes = []
    indicators = [
        _indicator(check, item, f"{where}.indicators[{n}]", key) for n, item in enumerate(nodes)
    ]
    return Dimension(
        key=key,
        name_zh=check.text(node, "name_zh", where),
        name_en=check.text(node, "name_en", where),
        weight=check.weight(node, where),
        indicators=tuple(i for i in indicators if i is not None),
    )


def parse_framework(data: Any, path: Path) -> Framework:
    """Check a parsed framework document; ``FrameworkError`` lists every problem."""
    check = _Checker(path)
    if not isinstance(data, dict):
        check.add("$", "顶层必须是映射", "the top level must be a mapping")
        raise FrameworkError(path, check.issues)
    edition = check.text(data, "edition", "$")
    changelog = data.get("changelog")
    if not isinstance(changelog, list) or not changelog:
        check.add("$.changelog", "需要变更记录", "needs a changelog with at least one entry")
        changelog = []
    nodes = data.get("dimensions")
    if not isinstance(nodes, list) or not nodes:
        check.add("$.dimensions", "至少需要一个维度", "needs at least one dimension")
        nodes = []
    dimensions = [_dimension(check, node, f"dimensions[{n}]") for n, node in enumerate(nodes)]
    keys = [i.key for d in dimensions if d for i in d.indicators] + [d.key for d in dimensions if d]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        check.add("$.dimensions", f"键“{key}”重复", f"key {key!r} is used twice")
    excluded = [
        Exclusion(**{f: str(e.get(f, "")) for f in Exclusion.__dataclass_fields__})
        for e in data.get("excluded") or []
        if isinstance(e, dict)
    ]
    method = dict(DEFAULT_METHOD)
    given = data.get("method") or {}
    if not isinstance(given, dict):
        check.add("$.method", "必须是映射", "must be a mapping")
        given = {}
    for name, value in given.items():
        options = METHOD_OPTIONS.get(str(name))
        if options is None:
            known = ", ".join(METHOD_OPTIONS)
            check.add(
                f"method.{name}", f"未知的方法项，可用：{known}", f"unknown choice; use {known}"
            )
        elif value not in options:
            check.add(
                f"method.{name}",
                f"须为 {' / '.join(options)} 之一",
                f"must be one of {', '.join(options)}",
            )
        else:
            method[str(name)] = str(value)
    if check.issues:
        raise FrameworkError(path, check.issues)
    return Framework(
        path=path,
        edition=edition,
        changelog=tuple(
            {str(k): str(v) for k, v in entry.items()}
            for entry in changelog
            if isinstance(entry, dict)
        ),
        dimensions=tuple(d for d in dimensions if d is not None),
        excluded=tuple(excluded),
        method=method,
    )


def load_framework(path: Path | None = None) -> Framework:
    path = Path(path) if path else FRAMEWORK_YAML
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FrameworkError(
            path, [FrameworkIssue(path.name, "$", "找不到文件", "file not found")]
        ) from None
    except yaml.YAMLError as error:
        raise FrameworkError(
            path, [FrameworkIssue(path.name, "$", f"YAML 无法解析：{error}", f"bad YAML: {error}")]
        ) from None
    return parse_framework(data, path)
