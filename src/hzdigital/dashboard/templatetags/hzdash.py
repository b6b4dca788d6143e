"""Template filters of the monitoring pages: category names, status labels, sources, numbers."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from hzdigital.dashboard import messages as msg
from hzdigital.dashboard.selectors import Source, category_names
from hzdigital.monitoring.cube import CORE, PARTIAL_UNRESOLVED
from hzdigital.plan.templatetags.hzweb import is_english

register = template.Library()

# The five NBS 2021 majors in English; medium and sub-category names stay official Chinese.
MAJOR_NAMES_EN = {
    "01": "Digital product manufacturing",
    "02": "Digital product services",
    "03": "Digital technology applications",
    "04": "Digital-factor-driven industries",
    "05": "Digital efficiency improvement",
}


@register.filter
def de_name(de_code: str) -> str:
    """``{{ row.de_code|de_name }}``: the category's name in the page language where we have it."""
    if de_code == CORE:
        return gettext("数字经济核心产业(01–04)")
    if de_code == PARTIAL_UNRESOLVED:
        return gettext("部分属于、未能确认的行业")
    if is_english() and de_code in MAJOR_NAMES_EN:
        return MAJOR_NAMES_EN[de_code]
    return category_names().get(de_code, de_code)


@register.filter
def de_status_label(status: str) -> str:
    return str(msg.DE_STATUS_LABELS.get(status, status))


@register.filter
def source_label(source: Source) -> str:
    """导入 <id>(合成) / import <id> (synthetic): the words every warehouse figure carries."""
    template_ = msg.SOURCE_IMPORT_SYNTHETIC if source.synthetic else msg.SOURCE_IMPORT
    return str(template_ % {"import_id": source.import_id})


@register.filter
def figure(value: float | None, digits: int = 1) -> str:
    """A number with thousands separators and ``digits`` decimals; an em dash for none."""
    if value is None:
        return "—"
    return f"{value:,.{int(digits)}f}"


@register.filter
def get_item(mapping: dict, key: str):
    """``{{ figures|get_item:m.key }}``: a dict value by a key held in a variable."""
    return mapping.get(key) if mapping else None


@register.filter
def status_label(status: str) -> str:
    """on_track / ahead / behind of a figure against the plan's path, in words."""
    return str(msg.PATH_STATUS_LABELS.get(status, status))
