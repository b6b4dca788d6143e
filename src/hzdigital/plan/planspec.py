"""The plan file's vocabulary: the dataclasses ``planfile`` returns and the values it allows.

Framework-free. The choices mirror the ``TextChoices`` of ``plan.models`` (a test keeps the
two in step), so a checked plan file always loads into the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

TOP_KEYS = (
    "edition",
    "units",
    "industry_mappings",
    "corridors",
    "talent_directions",
    "measures",
    "targets",
)
EDITION_KEYS = ("slug", "title_zh", "title_en", "source", "layout_zh", "layout_en")
UNIT_KEYS = (
    "code",
    "name_zh",
    "name_en",
    "kind",
    "core",
    "positioning_zh",
    "positioning_en",
    "key_industries",
)
MAPPING_KEYS = ("name_en", "gbt4754", "nbs", "mapping_note")
CORRIDOR_KEYS = (
    "slug",
    "name_zh",
    "name_en",
    "text_zh",
    "industries",
    "platforms",
    "units",
    "units_assumption",
)
DIRECTION_KEYS = ("slug", "name_zh", "name_en", "text_zh", "programmes")
PROGRAMME_KEYS = ("slug", "name_zh", "name_en", "quote_zh")
MEASURE_KEYS = ("id", "group", "text_zh", "text_en", "feature", "feature_zh", "feature_en")
TARGET_KEYS = (
    "indicator",
    "label_zh",
    "label_en",
    "division_code",
    "year",
    "value",
    "unit",
    "comparison",
    "source",
    "published_row",
    "note",
)

KINDS = ("district", "county", "county_city")
# 重点发展 (or plain 发展) / 谋划发展 / 培育 / 扶持发展: how strongly 专栏13 backs an industry.
EMPHASES = ("focus", "plan", "cultivate", "support")
# The middle digit of a measure id names its group: 4.1.x 健全落实机制, 4.2.x 完善要素保障, 4.3.x 优化发展环境.
MEASURE_GROUPS = {"1": "mechanism", "2": "factors", "3": "environment"}
# YAML key of a code list -> (stored scheme, the rule a code outside the table breaks).
CODE_SCHEMES = {"gbt4754": ("gbt4754", "gbt4754_class"), "nbs": ("nbs2021", "nbs_code")}
COMPARISONS = ("above", "at_least", "below", "at_most")
# Platform features a measure can be served by; "none" says honestly that nothing serves it.
FEATURES = (
    "work_points",
    "implementation",
    "projects",
    "benchmark",
    "monitoring",
    "tech_list",
    "policies",
    "funds",
    "financing",
    "talent",
    "none",
)


@dataclass(frozen=True)
class EditionSpec:
    slug: str
    title_zh: str
    title_en: str
    source: str
    layout_zh: str  # section 三.3's paragraph on the 一核九星 layout, verbatim
    layout_en: str


@dataclass(frozen=True)
class CodeSpec:
    scheme: str  # "gbt4754" (4-digit 小类) or "nbs2021" (4-digit medium / 6-digit sub)
    code: str
    note: str  # why the code covers the industry


@dataclass(frozen=True)
class IndustryMapping:
    name_zh: str
    name_en: str
    gbt4754: tuple[CodeSpec, ...]
    nbs: tuple[CodeSpec, ...]
    mapping_note: str


@dataclass(frozen=True)
class KeyIndustrySpec:
    name_zh: str  # worded exactly as 专栏13 words it
    name_en: str
    emphasis: str  # one of EMPHASES
    mapping: IndustryMapping


@dataclass(frozen=True)
class UnitSpec:
    code: str  # GB/T 2260, 2021 boundaries
    name_zh: str
    name_en: str
    kind: str
    core: bool
    positioning_zh: str
    positioning_en: str
    key_industries: tuple[KeyIndustrySpec, ...]


@dataclass(frozen=True)
class CorridorSpec:
    slug: str
    name_zh: str
    name_en: str
    text_zh: str
    industries: tuple[str, ...]
    platforms: tuple[str, ...]
    units: tuple[str, ...]  # unit codes; an assumption, see units_assumption
    units_assumption: str


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    name_zh: str
    name_en: str
    quote_zh: str


@dataclass(frozen=True)
class DirectionSpec:
    slug: str
    name_zh: str
    name_en: str
    text_zh: str
    programmes: tuple[ProgrammeSpec, ...]


@dataclass(frozen=True)
class MeasureSpec:
    ident: str  # "4.1.6"
    group: str  # one of MEASURE_GROUPS' values
    text_zh: str
    text_en: str
    feature: str  # one of FEATURES
    feature_zh: str
    feature_en: str


@dataclass(frozen=True)
class TargetSpec:
    indicator: str
    label_zh: str
    label_en: str
    division_code: str
    year: int
    value: Decimal  # in `unit`
    unit: str  # e.g. 亿元, %
    comparison: str  # one of COMPARISONS
    source: str  # URL
    published_row: str  # indicator of the matching published_statistics.csv row, or ""
    note: str


@dataclass(frozen=True)
class PlanSpec:
    edition: EditionSpec
    units: tuple[UnitSpec, ...]
    corridors: tuple[CorridorSpec, ...]
    talent_directions: tuple[DirectionSpec, ...]
    measures: tuple[MeasureSpec, ...]
    targets: tuple[TargetSpec, ...]

    @property
    def key_industry_count(self) -> int:
        return sum(len(unit.key_industries) for unit in self.units)
