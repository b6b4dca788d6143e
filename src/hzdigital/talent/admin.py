"""Talent figures and targets in the admin, with django-simple-history's history page.

The review state is read-only here: it changes only through the workflow (``services``), so
the admin cannot accept a figure without the record of who did.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hzdigital.talent.models import TalentFigure, TalentTarget


@admin.register(TalentFigure)
class TalentFigureAdmin(SimpleHistoryAdmin):
    list_display = ["year", "unit", "programme_slug", "metric", "value", "review", "is_demo"]
    list_filter = ["year", "review", "metric", "is_demo", "unit"]
    search_fields = ["programme_slug", "unit__name_zh"]
    readonly_fields = ["review", "return_reason", "submitted_at", "reviewed_by", "reviewed_at"]


@admin.register(TalentTarget)
class TalentTargetAdmin(SimpleHistoryAdmin):
    list_display = [
        "programme_slug", "metric", "division_code", "baseline_year", "target_year",
        "target_value", "baseline_multiple", "path_kind", "is_demo",
    ]  # fmt: skip
    list_filter = ["metric", "path_kind", "is_demo"]
