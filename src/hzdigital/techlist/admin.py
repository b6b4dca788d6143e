"""The key-technology list in the admin, with history pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hzdigital.techlist.models import TechListEdition, TechListItem


class TechListItemInline(admin.TabularInline):
    model = TechListItem
    extra = 0
    fields = ["key", "technology_zh", "domain_zh", "lead_zh", "nbs_categories", "status"]


@admin.register(TechListEdition)
class TechListEditionAdmin(SimpleHistoryAdmin):
    list_display = ["year", "title_zh", "published", "is_demo"]
    inlines = [TechListItemInline]


@admin.register(TechListItem)
class TechListItemAdmin(SimpleHistoryAdmin):
    list_display = ["technology_zh", "edition", "key", "domain_zh", "status"]
    list_filter = ["edition", "status"]
