"""Export of the key-technology list as .xlsx; open like the list page (published for all)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from hzdigital.supervision.excel_views import export_response
from hzdigital.techlist.excel import items_table


def export_items(request: HttpRequest) -> HttpResponse:
    """All visible editions, or one with ``?year=2024``."""
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else None
    stem = f"techlist-{year}" if year else "techlist"
    return export_response(items_table(request.user, year=year), stem)
