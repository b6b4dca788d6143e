"""The enterprise attributes a policy may put conditions on: one registry row per attribute.

Each row says what kind of value the attribute holds, its unit and its zh/en label, and where
the platform reads it (``source``): the statistical warehouse, the enterprise profile kept in
the ``support`` app (founding date, 高新技术企业, listed, talent-founded), or the projects app.
A policy can only name attributes in this registry, so every rule is checkable by the matcher.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hzdigital.lib.divisions import division_name


class Kind(StrEnum):
    NUMBER = "number"  # compared with gt/ge/lt/le/between, in the attribute's unit
    CODE = "code"  # a code string (division, NBS category): eq/in/starts_with
    FLAG = "flag"  # yes/no: is_true/is_false
    CHOICE = "choice"  # one of a closed list (project stage)


class Source(StrEnum):
    WAREHOUSE = "warehouse"  # enterprise_year in the DuckDB warehouse, one statistical year
    PROFILE = "profile"  # support.EnterpriseProfile, keyed by USCC; absent → unknown
    PROJECTS = "projects"  # the stage of the major project the enterprise owns


@dataclass(frozen=True)
class Attribute:
    key: str  # column name in the enterprise table
    kind: Kind
    unit: str  # the unit values are stored in; "" for codes, flags and choices
    label_zh: str
    label_en: str
    source: Source
    choices: tuple[str, ...] = ()  # for Kind.CHOICE: the allowed values, in order
    labels: tuple[tuple[str, str], ...] = ()  # (zh, en) per choice, same order

    def value_label(self, value: str, lang: str) -> str:
        """A choice's or a district's name for people; other codes as they are."""
        if value in self.choices and self.labels:
            zh, en = self.labels[self.choices.index(value)]
            return en if lang == "en" else zh
        if self.key == "division_code":  # the name is Chinese only; the code serves both
            return f"{division_name(value)}({value})"
        return value


# Project stages as the projects app keys them (projects.models.Stage), in order.
PROJECT_STAGES = ("planning", "signed", "started", "building", "completed", "producing")
STAGE_LABELS = (
    ("谋划", "planning"), ("签约", "signed"), ("开工", "started"),
    ("在建", "under construction"), ("竣工", "completed"), ("投产", "in production"),
)  # fmt: skip

ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("division_code", Kind.CODE, "", "所在区县", "district", Source.WAREHOUSE),
    Attribute("de_sub", Kind.CODE, "", "数字经济小类", "NBS sub-category", Source.WAREHOUSE),
    Attribute("de_medium", Kind.CODE, "", "数字经济中类", "NBS medium category", Source.WAREHOUSE),
    Attribute("de_major", Kind.CODE, "", "数字经济大类", "NBS major category", Source.WAREHOUSE),
    Attribute("core", Kind.FLAG, "", "数字经济核心产业", "core digital industry", Source.WAREHOUSE),
    Attribute("revenue_wan_yuan", Kind.NUMBER, "万元", "营业收入", "revenue", Source.WAREHOUSE),
    Attribute("employees", Kind.NUMBER, "人", "从业人员", "employees", Source.WAREHOUSE),
    Attribute(
        "rd_intensity_percent",
        Kind.NUMBER,
        "%",
        "研发投入强度",
        "R&D intensity",
        Source.WAREHOUSE,
    ),  # fmt: skip
    Attribute("age_years", Kind.NUMBER, "年", "成立年限", "enterprise age", Source.PROFILE),
    Attribute("high_tech", Kind.FLAG, "", "高新技术企业", "high-tech enterprise", Source.PROFILE),
    Attribute("talent_founded", Kind.FLAG, "", "人才创办企业", "founded by talent", Source.PROFILE),
    Attribute("listed", Kind.FLAG, "", "上市企业", "listed company", Source.PROFILE),
    Attribute(
        "project_stage",
        Kind.CHOICE,
        "",
        "重大项目阶段",
        "major project stage",
        Source.PROJECTS,
        choices=PROJECT_STAGES,
        labels=STAGE_LABELS,
    ),  # fmt: skip
)

BY_KEY: dict[str, Attribute] = {attribute.key: attribute for attribute in ATTRIBUTES}

# Units a condition may be written in, converted to the attribute's unit by this factor.
UNIT_FACTORS: dict[tuple[str, str], float] = {
    ("万元", "万元"): 1.0,
    ("亿元", "万元"): 10_000.0,
    ("元", "万元"): 0.0001,
    ("人", "人"): 1.0,
    ("%", "%"): 1.0,
    ("年", "年"): 1.0,
}


def attribute(key: str) -> Attribute:
    """The registry row for ``key``; KeyError for a name outside the registry."""
    return BY_KEY[key]
