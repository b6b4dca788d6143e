"""The banner that says which data edition the monitoring figures come from."""

from __future__ import annotations

from typing import Any

from django import template

from hzdigital.dashboard import edition_reads

register = template.Library()

# Pages whose figures come from the cube (and so from an edition); the enterprise search and
# the import pages always read the live warehouse.
EDITION_PAGES = frozenset({"monitor", "division", "category", "structure"})


@register.inclusion_tag("dashboard/_edition_banner.html", takes_context=True)
def edition_banner(context: Any) -> dict[str, Any]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    shown = match is not None and match.url_name in EDITION_PAGES
    return {"shown": shown, "edition": edition_reads.current_edition() if shown else None}
