"""What each talent programme of 专栏12 counts: a declarative table, not if/elif.

The plan names the programmes (``data/plan.yaml``, loaded into ``plan.TalentProgramme``) but
not their statistics; which figures a programme reports is this platform's choice, made from
the plan's own words (引进, 培养/培训, 团队, 博士后工作站, 带专利、项目、团队创业). Programmes are
referred to by their plan slug, so reloading the plan never orphans a figure.

Every figure is a count for one district and one year. ``stock`` metrics are counted at the
year's end (stations, postdocs in post); the others are the year's flow.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetricSpec:
    key: str
    name_zh: str
    name_en: str
    unit_zh: str  # the unit of the count, shown beside every figure
    unit_en: str
    stock: bool = False  # counted at year end (True) or summed over the year (False)

    def as_dict(self) -> dict[str, object]:
        """Template and API data (``|loc:"name"`` and ``|loc:"unit"`` work on it)."""
        return {
            "key": self.key,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "unit_zh": self.unit_zh,
            "unit_en": self.unit_en,
            "stock": self.stock,
        }


METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec("people_introduced", "引进人才", "talent introduced", "人", "people"),
        MetricSpec("people_trained", "培养培训人才", "people trained", "人次", "person-times"),
        MetricSpec("teams_attracted", "引进创新团队", "innovation teams attracted", "个", "teams"),
        MetricSpec(
            "postdoc_stations", "博士后工作站", "postdoctoral stations", "家", "stations", True
        ),
        MetricSpec("postdocs", "在站博士后", "postdoctoral researchers", "人", "people", True),
        MetricSpec(
            "talent_startups",
            "人才带专利、项目、团队创办企业",
            "talent-founded firms (with patents, projects or teams)",
            "家",
            "firms",
        ),
    )
}

# Programme slug (data/plan.yaml) → the metrics it reports, in display order.
PROGRAMME_METRICS: dict[str, tuple[str, ...]] = {
    "talent-attraction-schemes": ("people_introduced", "teams_attracted"),
    "academician-bases": ("teams_attracted", "people_introduced"),
    "international-talent-park": ("people_introduced", "talent_startups"),
    "high-level-talent-contest": ("teams_attracted", "talent_startups"),
    "zheshang-relay": ("people_trained",),
    "double-inheritance": ("people_trained",),
    "digital-empowerment-training": ("people_trained",),
    "researcher-startups": ("talent_startups",),
    "special-talent-project": ("people_introduced", "people_trained"),
    "digital-skills-training": ("people_trained",),
    "dual-vocational-education": ("people_trained",),
    "industry-colleges": ("people_trained",),
    "interdisciplinary-programmes": ("people_trained",),
    "postdoc-doubling": ("postdocs",),
    "postdoc-stations": ("postdoc_stations",),
    "student-innovation-day": ("people_introduced", "talent_startups"),
}

POSTDOC_DOUBLING = ("postdoc-doubling", "postdocs")  # 博士后倍增计划: 2 × the baseline by 2025
DOUBLING_FACTOR = 2
FIRST_YEAR, LAST_YEAR = 2020, 2025  # the plan's baseline year and its target year


def metric_pairs() -> list[tuple[str, str]]:
    """Every (programme slug, metric key) a district reports, in plan order."""
    return [(slug, key) for slug, keys in PROGRAMME_METRICS.items() for key in keys]


def reports(programme_slug: str, metric_key: str) -> bool:
    return metric_key in PROGRAMME_METRICS.get(programme_slug, ())
