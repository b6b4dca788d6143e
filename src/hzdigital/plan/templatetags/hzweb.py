"""Template helpers of the web shell: pick the page language's wording of plan data.

The plan data keeps Chinese official wording in ``*_zh`` fields (or a bare field) and an
English rendering in ``*_en`` where one exists; English pages fall back to Chinese when the
data has no English, so nothing is ever blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()


def is_english() -> bool:
    return (get_language() or "").lower().startswith("en")


def localised(data: Mapping[str, Any], field: str) -> Any:
    """``data[field + "_en"]`` on English pages when present, else the Chinese wording."""
    if is_english():
        english = data.get(f"{field}_en")
        if english:
            return english
    return data.get(f"{field}_zh", data.get(field, ""))


@register.filter(name="loc")
def loc(data: Mapping[str, Any] | None, field: str) -> Any:
    """``{{ unit|loc:"name" }}``: the unit's name in the page language."""
    if not data:
        return ""
    return localised(data, field)


@register.simple_tag
def nbs_edition_notice() -> str:
    """The footer notice about the active NBS table: a plain warning while it is reconstructed.

    A tag rather than view context, so every page that extends ``base.html`` shows it.
    """
    from hzdigital.classification import messages, nbs

    edition = nbs.active_edition()
    if edition.is_reconstruction:
        message = messages.RECONSTRUCTION_NOTE
        return message.en if is_english() else message.zh
    message = messages.OFFICIAL_EDITION_NOTE
    text = message.en if is_english() else message.zh
    return text.format(edition=edition.name)


@register.simple_tag
def nbs_is_reconstruction() -> bool:
    from hzdigital.classification import nbs

    return nbs.active_edition().is_reconstruction


# Row confidence of the NBS table (``conf=`` in its notes), as readers see it.
CONFIDENCE_LABELS = {
    "high": _("高"),
    "medium": _("中"),
    "low": _("低"),
    "none": _("无"),
    "unstated": _("未注明"),
}


@register.filter(name="confidence_label")
def confidence_label(confidence: str) -> str:
    """``{{ category.confidence|confidence_label }}``: 高 / 中 / 低 (high / medium / low)."""
    return str(CONFIDENCE_LABELS.get(confidence, confidence))
