"""Chart data for the talent pages, in the shape ``static/hzdigital/dashboard.js`` draws.

dashboard.js's trajectory chart takes ``published`` (solid line), ``warehouse`` (dashed),
``target`` (star) and ``path`` (dotted). Here "published" is the accepted figures; there is
no warehouse series. Labels are translated here, so the chart speaks the page's language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from hzdigital.plan.templatetags.hzweb import is_english
from hzdigital.talent.metrics import METRICS
from hzdigital.talent.selectors import TargetView


def _name_and_unit(metric: str) -> tuple[str, str]:
    spec = METRICS[metric]
    return (spec.name_en, spec.unit_en) if is_english() else (spec.name_zh, spec.unit_zh)


def chart_labels(demo: bool) -> dict[str, str]:
    accepted = gettext("区县上报、已采纳")
    if demo:
        accepted += " (" + gettext("演示数据") + ")"
    return {
        "published": accepted,
        "warehouse": "",
        "synthetic": gettext("演示数据"),
        "target": gettext("目标"),
        "path": gettext("目标路径"),
        "noData": gettext("无数据"),
    }


def totals_chart(key: str, metric: str, totals: dict[int, int]) -> dict[str, Any]:
    name, unit = _name_and_unit(metric)
    return {
        "key": key,
        "label": name,
        "unit": unit,
        "published": [{"year": y, "value": v} for y, v in sorted(totals.items())],
        "warehouse": [],
        "target": [],
        "path": [],
    }


def trajectory_chart(key: str, view: TargetView) -> dict[str, Any]:
    name, unit = _name_and_unit(view.target.metric)
    resolved = view.resolved
    return {
        "key": key,
        "label": name,
        "unit": unit,
        "published": [{"year": a.year, "value": a.value} for a in view.actuals],
        "warehouse": [],
        "target": (
            [{"year": resolved.target_year, "value": resolved.target_value}] if resolved else []
        ),
        "path": ([{"year": y, "value": v} for y, v in resolved.path().items()] if resolved else []),
    }
